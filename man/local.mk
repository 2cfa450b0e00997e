# Manual pages and the installed configuration name the folders this build
# installs to: they are made from *.in here, never written by hand.
# (Installation folders are known only at make time, hence sed, not
# AC_CONFIG_FILES; see the Autoconf manual, "Installation Directory
# Variables".)
nbd_edit = sed -e 's|@bindir[@]|$(bindir)|g' \
	-e 's|@sbindir[@]|$(sbindir)|g' \
	-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
	-e 's|@localstatedir[@]|$(localstatedir)|g' \
	-e 's|@runstatedir[@]|$(runstatedir)|g' \
	-e 's|@pkgdatadir[@]|$(pkgdatadir)|g' \
	-e 's|@rulesdir[@]|$(rulesdir)|g' \
	-e 's|@pluginsdir[@]|$(pluginsdir)|g' \
	-e 's|@pkglibdir[@]|$(pkglibdir)|g' \
	-e 's|@modulesdir[@]|$(modulesdir)|g' \
	-e 's|@includedir[@]|$(includedir)|g' \
	-e 's|@docdir[@]|$(docdir)|g' \
	-e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g'

NB_MANS = man/nianbao.1 man/nianbaod.8 man/nianbaod.conf.5 \
	man/nianbao-plugin.3 man/nianbao-export.1
man_MANS = $(NB_MANS)
EXTRA_DIST += $(NB_MANS:=.in)
CLEANFILES += $(NB_MANS)

$(NB_MANS): Makefile
	$(AM_V_GEN)mkdir -p man && $(nbd_edit) $(srcdir)/$@.in > $@.tmp && \
	    mv $@.tmp $@
man/nianbao.1: $(srcdir)/man/nianbao.1.in
man/nianbaod.8: $(srcdir)/man/nianbaod.8.in
man/nianbaod.conf.5: $(srcdir)/man/nianbaod.conf.5.in
man/nianbao-plugin.3: $(srcdir)/man/nianbao-plugin.3.in
man/nianbao-export.1: $(srcdir)/man/nianbao-export.1.in
