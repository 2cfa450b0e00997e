# nianbao-export: the 问题清单 from the history store (XLSX, CSV).  Its own
# program, so that the checker does not load libxlsxwriter at every start.
bin_PROGRAMS += export/nianbao-export
export_nianbao_export_SOURCES = export/main.c export/problems.c \
	export/problems.h export/writers.h export/xlsx.c export/csv.c \
	cli/outfile.c cli/outfile.h
export_nianbao_export_CFLAGS = $(AM_CFLAGS) $(XLSXWRITER_CFLAGS)
export_nianbao_export_LDADD = store/libnbstore.la lib/libnianbao.la \
	$(XLSXWRITER_LIBS) $(CSV_LIBS)
