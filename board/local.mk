# The campaign board (`nianbao serve`) and the HTML report renderer it
# shares with `nianbao check`: reads the history store only, never a
# report file.  Linked into the nianbao command.
noinst_LTLIBRARIES += board/libnbboard.la
board_libnbboard_la_SOURCES = \
	board/board.h board/buf.c board/buf.h \
	board/layout.c board/layout.h \
	board/page.c board/page.h board/style.c \
	board/render.h board/render_report.c board/render_tables.c \
	board/render_findings.c \
	board/report_json.c board/report_json.h \
	board/campaign_page.c board/agency_page.c board/report_page.c \
	board/notice_page.c board/http.c board/serve.c board/serve.h
board_libnbboard_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBEVENT_CFLAGS)
board_libnbboard_la_LIBADD = $(LIBEVENT_LIBS) $(JANSSON_LIBS)

# Its systemd unit, hardened like nianbaod's but with the network lines a
# listener needs (paths filled in as for the daemon's, man/local.mk).
systemdsystemunit_DATA += systemd/nianbao-board.service
systemd/nianbao-board.service: $(srcdir)/systemd/nianbao-board.service.in Makefile
	$(AM_V_GEN)mkdir -p systemd && $(nbd_edit) \
	    $(srcdir)/systemd/nianbao-board.service.in > $@.tmp && mv $@.tmp $@
EXTRA_DIST += systemd/nianbao-board.service.in
CLEANFILES += systemd/nianbao-board.service
