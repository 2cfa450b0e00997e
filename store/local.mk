# The report history store: one interface (store.h), the SQLite and
# PostgreSQL backends behind it, one owner of the schema, and MinHash/LSH
# keys of the narrative.  Linked into the nianbao command and the daemon.
noinst_LTLIBRARIES += store/libnbstore.la
store_libnbstore_la_SOURCES = \
	store/store.h store/store_driver.h \
	store/store.c store/store_query.c store/store_schema.c \
	store/store_sqlite.c store/store_pg.c \
	store/minhash.c store/minhash.h \
	store/roster.c store/roster.h \
	store/record.c store/history.c store/record.h \
	store/campaign.c store/campaign.h store/reviews.c
store_libnbstore_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(LIBPQ_CFLAGS) \
	$(JANSSON_CFLAGS)
store_libnbstore_la_LIBADD = $(SQLITE_LIBS) $(LIBPQ_LIBS) $(CSV_LIBS)
