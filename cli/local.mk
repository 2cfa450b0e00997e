# The one-shot checker.
bin_PROGRAMS += cli/nianbao
cli_nianbao_SOURCES = cli/main.c cli/input.c cli/input.h cli/output.c \
	cli/output.h cli/output_sarif.c cli/output_sarif.h \
	cli/outfile.c cli/outfile.h cli/output_html.c cli/store.c cli/store.h \
	cli/history.c
cli_nianbao_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
cli_nianbao_LDADD = board/libnbboard.la store/libnbstore.la lib/libnianbao.la \
	$(JANSSON_LIBS)
