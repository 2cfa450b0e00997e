# The one-shot checker.
bin_PROGRAMS += cli/nianbao
cli_nianbao_SOURCES = cli/main.c cli/input.c cli/input.h cli/output.c cli/output.h
cli_nianbao_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
cli_nianbao_LDADD = lib/libnianbao.la $(JANSSON_LIBS)
