# nianbaod: the watching daemon.  One binary; run with --worker it is the
# worker process that loads the engine (the daemon itself never does).
sbin_PROGRAMS += daemon/nianbaod
daemon_nianbaod_SOURCES = \
	daemon/main.c daemon/nianbaod.h daemon/commit.c daemon/commit.h \
	daemon/jobs.c daemon/pool.c daemon/jsonl.c \
	daemon/take.c daemon/take.h daemon/confine.c daemon/confine.h \
	daemon/sandbox.c daemon/sandbox.h \
	daemon/conf.c daemon/conf.h daemon/conf_origins.c \
	daemon/ctl.c daemon/ctl.h \
	daemon/mkspool.c daemon/mkspool.h \
	daemon/sink_journal.c daemon/sink_journal.h \
	daemon/log.c daemon/log.h \
	daemon/notify.c daemon/notify.h \
	daemon/proto.c daemon/proto.h \
	daemon/recover.c daemon/recover.h \
	daemon/refused.c daemon/refused.h \
	daemon/settle.c daemon/settle.h \
	daemon/report.c daemon/report.h daemon/record.c daemon/record.h \
	daemon/early.c daemon/early.h \
	daemon/sink_syslog.c daemon/sink_syslog.h \
	daemon/spool.c daemon/spool.h \
	daemon/text.c daemon/text.h \
	daemon/watch.c daemon/watch.h \
	daemon/worker.c daemon/worker.h daemon/worker_msg.c \
	daemon/worker_out.c daemon/worker_main.c \
	daemon/history.c daemon/history.h daemon/history_main.c \
	daemon/missing.c daemon/spool_uuid.c \
	daemon/engine_init.c daemon/engine_init.h
daemon_nianbaod_CFLAGS = $(AM_CFLAGS) -pthread $(JANSSON_CFLAGS) $(LIBEVENT_CFLAGS) \
	$(SYSTEMD_CFLAGS) $(LIBCONFIG_CFLAGS) $(SECCOMP_CFLAGS) $(NETTLE_CFLAGS)
daemon_nianbaod_LDADD = -lpthread store/libnbstore.la lib/libnianbao.la $(LIBEVENT_LIBS) $(SYSTEMD_LIBS) \
	$(LIBCONFIG_LIBS) $(JANSSON_LIBS) $(SECCOMP_LIBS) $(NETTLE_LIBS)

# The configuration, the unit and its companions.  Paths in them are
# filled in at build time from the configured folders.
sysconf_DATA = conf/nianbaod.conf
systemdsystemunit_DATA = systemd/nianbaod.service
sysusersdir = $(prefix)/lib/sysusers.d
dist_sysusers_DATA = systemd/sysusers/nianbaod.conf
tmpfilesdir = $(prefix)/lib/tmpfiles.d
tmpfiles_DATA = systemd/tmpfiles/nianbaod.conf

systemd/nianbaod.service: $(srcdir)/systemd/nianbaod.service.in Makefile
	$(AM_V_GEN)mkdir -p systemd && $(nbd_edit) \
	    $(srcdir)/systemd/nianbaod.service.in > $@.tmp && mv $@.tmp $@
systemd/tmpfiles/nianbaod.conf: $(srcdir)/systemd/tmpfiles/nianbaod.conf.in Makefile
	$(AM_V_GEN)mkdir -p systemd/tmpfiles && $(nbd_edit) \
	    $(srcdir)/systemd/tmpfiles/nianbaod.conf.in > $@.tmp && mv $@.tmp $@
conf/nianbaod.conf: $(srcdir)/conf/nianbaod.conf.in Makefile
	$(AM_V_GEN)mkdir -p conf && $(nbd_edit) \
	    $(srcdir)/conf/nianbaod.conf.in > $@.tmp && mv $@.tmp $@
EXTRA_DIST += systemd/nianbaod.service.in systemd/tmpfiles/nianbaod.conf.in \
	conf/nianbaod.conf.in
CLEANFILES += systemd/nianbaod.service systemd/tmpfiles/nianbaod.conf \
	conf/nianbaod.conf
