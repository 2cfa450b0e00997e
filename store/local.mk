# The report history store: one interface (store.h), the SQLite and
# PostgreSQL backends behind it, one owner of the schema, and MinHash/LSH
# keys of the narrative.  Linked into the nianbao command and the daemon.
noinst_LTLIBRARIES += store/libnbstore.la
store_libnbstore_la_SOURCES = \
	store/store.h store/store_driver.h \
	store/store.c store/store_query.c store/store_schema.c \
	store/minhash.c store/minhash.h \
	store/roster.c store/roster.h \
	store/record.c store/history.c store/record.h \
	store/campaign.c store/campaign.h store/reviews.c
store_libnbstore_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
store_libnbstore_la_LIBADD = $(CSV_LIBS)

# The SQLite driver: a module too, so that a check without a store (a
# reviewer's one file) neither maps nor relocates libsqlite3, whose
# 1,600 symbol bindings were a tenth of such a check's instructions.
modules_LTLIBRARIES += modules/sqlite.la
modules_sqlite_la_SOURCES = store/store_sqlite.c lib/module_version.c
modules_sqlite_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
modules_sqlite_la_LDFLAGS = $(MODULE_LDFLAGS) \
	-export-symbols-regex '^(nb_store_sqlite|nb_module_version)$$'
modules_sqlite_la_LIBADD = lib/libnbdoc.la $(SQLITE_LIBS)

# The PostgreSQL driver: a module (lib/module.c), so that libpq and the
# libraries it brings are mapped only by a process that uses one.
modules_LTLIBRARIES += modules/pg.la
modules_pg_la_SOURCES = store/store_pg.c lib/module_version.c
modules_pg_la_CFLAGS = $(AM_CFLAGS) $(LIBPQ_CFLAGS)
modules_pg_la_LDFLAGS = $(MODULE_LDFLAGS) \
	-export-symbols-regex '^(nb_store_pg|nb_module_version)$$'
modules_pg_la_LIBADD = lib/libnbdoc.la $(LIBPQ_LIBS)
