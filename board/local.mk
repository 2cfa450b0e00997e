# The campaign board (`nianbao serve`) and the HTML report renderer it
# shares with `nianbao check`: reads the history store only, never a
# report file.  The renderer is linked into the nianbao command; the
# server (libevent's evhttp) is a module, modules/board.so, opened by
# `nianbao serve` alone, so that a check neither maps nor relocates
# libevent (its 455 symbol bindings).
noinst_LTLIBRARIES += board/libnbboard.la
board_libnbboard_la_SOURCES = \
	board/board.h board/buf.c board/buf.h \
	board/layout.c board/layout.h \
	board/page.c board/page.h board/style.c \
	board/render.h board/render_report.c board/render_tables.c \
	board/render_findings.c \
	board/report_json.c board/report_json.h
board_libnbboard_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBEVENT_CFLAGS)
board_libnbboard_la_LIBADD = $(JANSSON_LIBS)

modules_LTLIBRARIES += modules/board.la
modules_board_la_SOURCES = \
	board/campaign_page.c board/agency_page.c board/report_page.c \
	board/notice_page.c board/http.c board/serve.c board/serve.h \
	lib/module_version.c
modules_board_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBEVENT_CFLAGS)
modules_board_la_LDFLAGS = $(MODULE_LDFLAGS) \
	-export-symbols-regex '^(board_serve|nb_module_version)$$'
modules_board_la_LIBADD = board/libnbboard.la store/libnbstore.la \
	lib/libnianbao.la $(LIBEVENT_LIBS) $(JANSSON_LIBS)

# Its systemd unit, hardened like nianbaod's but with the network lines a
# listener needs (paths filled in as for the daemon's, man/local.mk).
systemdsystemunit_DATA += systemd/nianbao-board.service
systemd/nianbao-board.service: $(srcdir)/systemd/nianbao-board.service.in Makefile
	$(AM_V_GEN)mkdir -p systemd && $(nbd_edit) \
	    $(srcdir)/systemd/nianbao-board.service.in > $@.tmp && mv $@.tmp $@
EXTRA_DIST += systemd/nianbao-board.service.in
CLEANFILES += systemd/nianbao-board.service
