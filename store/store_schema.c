/*
 * store_schema.c -- the one owner of the history store's schema: creates
 * it in an empty database and migrates an older one, step by step, inside
 * one transaction, recording the version in nb_meta.
 *
 * A migration is appended, never edited: a database at version N has run
 * exactly the steps 1..N.  "@ID@" stands for the backend's row-id type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_driver.h"

static const char *const v1[] = {
	"CREATE TABLE reports ("
	" rid @ID@,"
	" spool TEXT NOT NULL, id TEXT NOT NULL,"
	" file TEXT NOT NULL, origin TEXT NOT NULL DEFAULT '',"
	" issuer TEXT NOT NULL, issuer_key TEXT NOT NULL,"
	" year INTEGER NOT NULL, format TEXT NOT NULL, kind TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" received BIGINT, published BIGINT, checked BIGINT,"
	" version INTEGER NOT NULL, series BIGINT,"
	" errors INTEGER NOT NULL, warnings INTEGER NOT NULL,"
	" UNIQUE (spool, id))",
	"CREATE INDEX reports_issuer ON reports (issuer_key, year)",
	"CREATE INDEX reports_year ON reports (year)",
	"CREATE INDEX reports_sha ON reports (sha256)",
	"CREATE INDEX reports_series ON reports (series, version)",
	"CREATE TABLE cells ("
	" rid BIGINT NOT NULL REFERENCES reports (rid) ON DELETE CASCADE,"
	" cell TEXT NOT NULL, kind INTEGER NOT NULL,"
	" ival BIGINT, dval DOUBLE PRECISION, raw TEXT NOT NULL,"
	" page INTEGER NOT NULL, line INTEGER NOT NULL,"
	" confidence DOUBLE PRECISION,"
	" PRIMARY KEY (rid, cell))",
	"CREATE TABLE texts ("
	" rid BIGINT NOT NULL REFERENCES reports (rid) ON DELETE CASCADE,"
	" section INTEGER NOT NULL, body TEXT NOT NULL,"
	" PRIMARY KEY (rid, section))",
	"CREATE TABLE findings ("
	" fid @ID@,"
	" rid BIGINT NOT NULL REFERENCES reports (rid) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL, rule TEXT NOT NULL, plugin TEXT NOT NULL,"
	" severity INTEGER NOT NULL, message TEXT NOT NULL,"
	" line INTEGER NOT NULL, page INTEGER NOT NULL,"
	" section INTEGER NOT NULL, cell TEXT, relation TEXT,"
	" has_values INTEGER NOT NULL,"
	" expected DOUBLE PRECISION, actual DOUBLE PRECISION,"
	" UNIQUE (rid, seq))",
	"CREATE INDEX findings_rule ON findings (rule)",
	"CREATE TABLE finding_cells ("
	" fid BIGINT NOT NULL REFERENCES findings (fid) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL, cell TEXT NOT NULL,"
	" PRIMARY KEY (fid, seq))",
	/* Other reports behind a cross-report finding (history.copy's
	 * source, consolidation.sum's departments). */
	"CREATE TABLE finding_related ("
	" fid BIGINT NOT NULL REFERENCES findings (fid) ON DELETE CASCADE,"
	" related BIGINT NOT NULL REFERENCES reports (rid) ON DELETE CASCADE,"
	" PRIMARY KEY (fid, related))",
	/* Where in the source: the sentences behind a finding. */
	"CREATE TABLE finding_pos ("
	" fid BIGINT NOT NULL REFERENCES findings (fid) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL, section INTEGER NOT NULL,"
	" line INTEGER NOT NULL, page INTEGER NOT NULL,"
	" off BIGINT NOT NULL, len BIGINT NOT NULL,"
	" PRIMARY KEY (fid, seq))",
	"CREATE TABLE reviews ("
	" rvid @ID@,"
	" fid BIGINT NOT NULL REFERENCES findings (fid) ON DELETE CASCADE,"
	" state TEXT NOT NULL CHECK (state IN ('confirmed', 'dismissed')),"
	" note TEXT NOT NULL, reviewer TEXT NOT NULL, at BIGINT NOT NULL)",
	"CREATE INDEX reviews_fid ON reviews (fid)",
	/* MinHash LSH band keys of the narrative (history.copy). */
	"CREATE TABLE lsh ("
	" rid BIGINT NOT NULL REFERENCES reports (rid) ON DELETE CASCADE,"
	" band INTEGER NOT NULL, hkey BIGINT NOT NULL,"
	" PRIMARY KEY (band, hkey, rid))",
	"CREATE INDEX lsh_rid ON lsh (rid)",
	NULL
};

static const char *const *const migrations[NB_STORE_SCHEMA_VERSION] = {
	v1,
};

/* sql with "@ID@" replaced by the backend's id type; caller frees. */
static char *
dialect(const struct nb_store_driver *drv, const char *sql)
{
	const char *at = strstr(sql, "@ID@");
	size_t n = strlen(sql), ni = strlen(drv->id_type);
	char *out;

	if ((out = malloc(n + ni + 1)) == NULL)
		return NULL;
	if (at == NULL)
		return memcpy(out, sql, n + 1);
	memcpy(out, sql, (size_t)(at - sql));
	memcpy(out + (at - sql), drv->id_type, ni);
	strcpy(out + (at - sql) + ni, at + 4);
	return out;
}

static int
current_version(struct nb_store *s, int64_t *v, struct nb_error *err)
{
	struct nb_sv p = SV_T("schema_version");

	*v = 0;
	return nb_store_exec(s, "SELECT CAST(value AS INTEGER) FROM nb_meta"
	    " WHERE key = $1", &p, 1, nb_sv_int_row, v, err);
}

static int
run_step(struct nb_store *s, int version, struct nb_error *err)
{
	char num[16];
	struct nb_sv p[2];

	for (const char *const *q = migrations[version - 1]; *q; q++) {
		char *sql = dialect(s->drv, *q);
		int rc;

		if (sql == NULL)
			return nb_fail(err, NB_ERR_NOMEM, "历史库：内存不足");
		rc = nb_store_exec(s, sql, NULL, 0, NULL, NULL, err);
		free(sql);
		if (rc != 0)
			return -1;
	}
	snprintf(num, sizeof(num), "%d", version);
	p[0] = SV_T("schema_version");
	p[1] = SV_S(num);
	return nb_store_exec(s, "INSERT INTO nb_meta (key, value)"
	    " VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2",
	    p, 2, NULL, NULL, err);
}

int
nb_store_migrate(struct nb_store *s, struct nb_error *err)
{
	int64_t have;
	int ok = 0;

	if (nb_store_begin(s, err) == -1)
		return -1;
	if (nb_store_exec(s, "CREATE TABLE IF NOT EXISTS nb_meta"
	    " (key TEXT PRIMARY KEY, value TEXT NOT NULL)", NULL, 0, NULL,
	    NULL, err) != 0 || current_version(s, &have, err) != 0)
		goto out;
	if (have > NB_STORE_SCHEMA_VERSION) {
		nb_fail(err, NB_ERR_CONFIG, "历史库的架构版本 %lld 比本程序支持的"
		    "（%d）新，请升级 nianbao", (long long)have,
		    NB_STORE_SCHEMA_VERSION);
		goto out;
	}
	for (int v = (int)have + 1; v <= NB_STORE_SCHEMA_VERSION; v++)
		if (run_step(s, v, err) == -1)
			goto out;
	ok = 1;
out:
	return nb_store_end(s, ok, err);
}
