/*
 * store.c -- the history store's interface over its backends: opening
 * (choosing the backend by the URI, migrating), transactions, and writing
 * one report with its cells, narrative, findings and LSH keys as one
 * idempotent upsert.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minhash.h"
#include "module.h"
#include "store.h"
#include "store_driver.h"

#define NSV(a)	(sizeof(a) / sizeof((a)[0]))

int
nb_sv_int_row(void *arg, const struct nb_sv *col, size_t n)
{
	if (n > 0 && col[0].t == NB_SV_INT)
		*(int64_t *)arg = col[0].i;
	else if (n > 0 && col[0].t == NB_SV_REAL)
		*(int64_t *)arg = (int64_t)col[0].d;
	return 0;
}

int
nb_store_exec(struct nb_store *s, const char *sql, const struct nb_sv *p,
    size_t np, nb_sv_row_fn row, void *arg, struct nb_error *err)
{
	return s->drv->exec(s->db, sql, p, np, row, arg, err);
}

int
nb_store_begin(struct nb_store *s, struct nb_error *err)
{
	/* Inside a group: a savepoint, so that one write can fail alone. */
	if (s->group)
		return nb_store_exec(s, "SAVEPOINT nb_write", NULL, 0, NULL,
		    NULL, err) != 0 ? -1 : 0;
	if (nb_store_exec(s, s->drv->begin_sql, NULL, 0, NULL, NULL, err) != 0)
		return -1;
	if (s->drv->lock_sql != NULL && nb_store_exec(s, s->drv->lock_sql,
	    NULL, 0, NULL, NULL, err) != 0) {
		nb_store_exec(s, "ROLLBACK", NULL, 0, NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* Commits when ok, else rolls back keeping the first error. */
int
nb_store_end(struct nb_store *s, int ok, struct nb_error *err)
{
	if (s->group) {
		if (ok)
			return nb_store_exec(s, "RELEASE nb_write", NULL, 0,
			    NULL, NULL, err) == 0 ? 0 : -1;
		nb_store_exec(s, "ROLLBACK TO nb_write", NULL, 0, NULL, NULL,
		    NULL);
		nb_store_exec(s, "RELEASE nb_write", NULL, 0, NULL, NULL,
		    NULL);
		return -1;
	}
	if (ok && nb_store_exec(s, "COMMIT", NULL, 0, NULL, NULL, err) == 0)
		return 0;
	/* A commit that failed may leave the transaction open. */
	nb_store_exec(s, "ROLLBACK", NULL, 0, NULL, NULL, NULL);
	return -1;
}

/*
 * The drivers are modules: libpq brings some thirty libraries, and
 * libsqlite3 alone is a tenth of a one-file check's start-up; each is
 * loaded the first time a store of its kind is opened, kept after.
 */
static const struct nb_store_driver *
driver(const char *file, const char *sym, const char *name,
    struct nb_error *err)
{
	const struct nb_store_driver *drv;
	char why[PATH_MAX + 1100];

	if ((drv = nb_module_sym(file, sym, why, sizeof(why))) == NULL)
		nb_fail(err, NB_ERR_CONFIG, "历史库：无法加载 %s 模块：%s", name,
		    why);
	return drv;
}

int
nb_store_group_begin(struct nb_store *s, struct nb_error *err)
{
	if (s->group)
		return nb_fail(err, NB_ERR_CONFIG, "历史库：写入组不能嵌套");
	if (nb_store_begin(s, err) == -1)
		return -1;
	s->group = 1;
	return 0;
}

int
nb_store_group_end(struct nb_store *s, int ok, struct nb_error *err)
{
	if (!s->group)
		return nb_fail(err, NB_ERR_CONFIG, "历史库：没有写入组");
	s->group = 0;
	return nb_store_end(s, ok, err);
}

int
nb_store_open(const char *uri, struct nb_store **out, struct nb_error *err)
{
	struct nb_store *s;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "历史库：内存不足");
	if (strncmp(uri, "postgresql://", 13) == 0 ||
	    strncmp(uri, "postgres://", 11) == 0)
		s->drv = driver("pg.so", "nb_store_pg", "PostgreSQL", err);
	else
		s->drv = driver("sqlite.so", "nb_store_sqlite", "SQLite", err);
	if (s->drv == NULL) {
		free(s);
		return -1;
	}
	if (s->drv->open(uri, &s->db, err) == -1) {
		free(s);
		return -1;
	}
	if (nb_store_migrate(s, err) == -1) {
		nb_store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void
nb_store_close(struct nb_store *s)
{
	if (s == NULL)
		return;
	s->drv->close(s->db);
	free(s);
}

const char *
nb_store_backend(const struct nb_store *s)
{
	return s->drv->name;
}

int
nb_store_schema_version(struct nb_store *s, struct nb_error *err)
{
	int64_t v = 0;
	struct nb_sv p = SV_T("schema_version");

	if (nb_store_exec(s, "SELECT CAST(value AS INTEGER) FROM nb_meta"
	    " WHERE key = $1", &p, 1, nb_sv_int_row, &v, err) != 0)
		return -1;
	return (int)v;
}

/* ---- writing one report ---- */

struct series {
	int64_t	 rid, series, version;
};

static int
series_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct series *sr = arg;

	if (n >= 3) {
		sr->rid = c[0].i;
		sr->series = c[1].i;
		sr->version = c[2].i;
	}
	return 1;	/* the first row is enough */
}

/* The version and series of a report not yet under its key: the next
 * version of the series with the same content or issuer and year. */
static int
find_series(struct nb_store *s, const struct nb_store_report *r,
    struct series *sr, struct nb_error *err)
{
	struct nb_sv p[] = { SV_S(r->sha256), SV_S(r->issuer_key),
	    SV_I(r->year) };
	int rc;

	memset(sr, 0, sizeof(*sr));
	rc = nb_store_exec(s, "SELECT 0, series, MAX(version) FROM reports"
	    " WHERE sha256 = $1 OR ($2 <> '' AND $3 > 0 AND issuer_key = $2"
	    " AND year = $3) GROUP BY series ORDER BY series LIMIT 1",
	    p, NSV(p), series_row, sr, err);
	return rc == -1 ? -1 : 0;
}

static int
put_row(struct nb_store *s, const struct nb_store_report *r,
    const struct series *sr, int64_t *rid, struct nb_error *err)
{
	struct nb_sv p[] = {
		SV_S(r->spool), SV_S(r->id), SV_S(r->file),
		SV_S(r->origin ? r->origin : ""),
		SV_S(r->issuer ? r->issuer : ""),
		SV_S(r->issuer_key ? r->issuer_key : ""), SV_I(r->year),
		SV_S(r->format ? r->format : "unknown"),
		SV_S(r->kind ? r->kind : "text"), SV_S(r->sha256),
		r->received ? SV_I(r->received) : SV_NULL,
		r->published ? SV_I(r->published) : SV_NULL,
		r->checked ? SV_I(r->checked) : SV_NULL,
		SV_I(sr->version), sr->series ? SV_I(sr->series) : SV_NULL,
		SV_I(r->errors), SV_I(r->warnings),
	};

	*rid = 0;
	if (nb_store_exec(s, "INSERT INTO reports (spool, id, file, origin,"
	    " issuer, issuer_key, year, format, kind, sha256, received,"
	    " published, checked, version, series, errors, warnings) VALUES"
	    " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
	    " $15, $16, $17) ON CONFLICT (spool, id) DO UPDATE SET file = $3,"
	    " origin = $4, issuer = $5, issuer_key = $6, year = $7,"
	    " format = $8, kind = $9, sha256 = $10, received = $11,"
	    " published = $12, checked = $13, errors = $16, warnings = $17"
	    " RETURNING rid", p, NSV(p), nb_sv_int_row, rid, err) != 0)
		return -1;
	if (sr->series != 0)
		return 0;
	/* A first version is its own series. */
	p[0] = SV_I(*rid);
	return nb_store_exec(s, "UPDATE reports SET series = rid WHERE"
	    " rid = $1 AND series IS NULL", p, 1, NULL, NULL, err) ? -1 : 0;
}

static int
put_cells(struct nb_store *s, int64_t rid, const struct nb_store_report *r,
    struct nb_error *err)
{
	for (size_t i = 0; i < r->ncells; i++) {
		const struct nb_store_cell *c = &r->cells[i];
		struct nb_sv p[] = { SV_I(rid), SV_S(c->id), SV_I(c->v.kind),
		    c->v.kind == NB_VAL_INT ? SV_I(c->v.i) : SV_NULL,
		    c->v.kind >= NB_VAL_INT ? SV_D(c->v.d) : SV_NULL,
		    SV_S(c->v.raw ? c->v.raw : ""), SV_I(c->v.page),
		    SV_I(c->v.line),
		    c->has_confidence ? SV_D(c->confidence) : SV_NULL };

		if (nb_store_exec(s, "INSERT INTO cells (rid, cell, kind, ival,"
		    " dval, raw, page, line, confidence) VALUES ($1, $2, $3,"
		    " $4, $5, $6, $7, $8, $9)", p, NSV(p), NULL, NULL, err))
			return -1;
	}
	return 0;
}

/* The narrative as one string for shingling: sections 1..6. */
static char *
narrative(const struct nb_store_report *r)
{
	size_t n = 1;
	char *t;

	for (int k = 1; k < NB_STORE_NTEXT; k++)
		n += r->text[k] ? strlen(r->text[k]) : 0;
	if ((t = malloc(n)) == NULL)
		return NULL;
	*t = '\0';
	for (int k = 1; k < NB_STORE_NTEXT; k++)
		if (r->text[k] != NULL)
			strcat(t, r->text[k]);
	return t;
}

static int
put_texts(struct nb_store *s, int64_t rid, const struct nb_store_report *r,
    struct nb_error *err)
{
	struct nb_shingles sh;
	char *all;
	int rc;

	for (int k = 0; k < NB_STORE_NTEXT; k++) {
		struct nb_sv p[] = { SV_I(rid), SV_I(k), SV_S(r->text[k]) };

		if (r->text[k] != NULL && nb_store_exec(s, "INSERT INTO texts"
		    " (rid, section, body) VALUES ($1, $2, $3)", p, NSV(p),
		    NULL, NULL, err))
			return -1;
	}
	if ((all = narrative(r)) == NULL || nb_shingles(all, &sh) == -1) {
		free(all);
		return nb_fail(err, NB_ERR_NOMEM, "历史库：内存不足");
	}
	free(all);
	rc = 0;
	if (sh.n >= NB_MH_MIN) {
		uint32_t sig[NB_MH_N];
		uint64_t keys[NB_MH_BANDS];

		nb_minhash(&sh, sig);
		nb_minhash_bands(sig, keys);
		for (int b = 0; rc == 0 && b < NB_MH_BANDS; b++) {
			struct nb_sv p[] = { SV_I(rid), SV_I(b),
			    SV_I((int64_t)keys[b]) };

			rc = nb_store_exec(s, "INSERT INTO lsh (rid, band, hkey)"
			    " VALUES ($1, $2, $3)", p, NSV(p), NULL, NULL, err);
		}
	}
	nb_shingles_free(&sh);
	return rc ? -1 : 0;
}

static int
put_finding_parts(struct nb_store *s, int64_t fid,
    const struct nb_store_finding *f, struct nb_error *err)
{
	struct nb_sv p[7];

	p[0] = SV_I(fid);
	if (nb_store_exec(s, "DELETE FROM finding_cells WHERE fid = $1", p, 1,
	    NULL, NULL, err) || nb_store_exec(s, "DELETE FROM finding_related"
	    " WHERE fid = $1", p, 1, NULL, NULL, err) || nb_store_exec(s,
	    "DELETE FROM finding_pos WHERE fid = $1", p, 1, NULL, NULL, err))
		return -1;
	for (size_t i = 0; i < f->ncells; i++) {
		p[1] = SV_I(i);
		p[2] = SV_S(f->cells[i]);
		if (nb_store_exec(s, "INSERT INTO finding_cells (fid, seq, cell)"
		    " VALUES ($1, $2, $3)", p, 3, NULL, NULL, err))
			return -1;
	}
	for (size_t i = 0; i < f->nrelated; i++) {
		p[1] = SV_I(f->related[i]);
		if (nb_store_exec(s, "INSERT INTO finding_related (fid, related)"
		    " VALUES ($1, $2) ON CONFLICT DO NOTHING", p, 2, NULL, NULL,
		    err))
			return -1;
	}
	for (size_t i = 0; i < f->npos; i++) {
		p[1] = SV_I(i);
		p[2] = SV_I(f->pos[i].line);
		p[3] = SV_I(f->pos[i].page);
		p[4] = SV_I(f->pos[i].off);
		p[5] = SV_I(f->pos[i].len);
		p[6] = SV_I(f->pos[i].section);
		if (nb_store_exec(s, "INSERT INTO finding_pos (fid, seq, line,"
		    " page, off, len, section) VALUES ($1, $2, $3, $4, $5, $6,"
		    " $7)", p, 7,
		    NULL, NULL, err))
			return -1;
	}
	return 0;
}

/* Findings keep their fid across a replay (reviews point at it). */
static int
put_findings(struct nb_store *s, int64_t rid,
    const struct nb_store_report *r, struct nb_error *err)
{
	struct nb_sv d[] = { SV_I(rid), SV_I(r->nfindings) };

	for (size_t i = 0; i < r->nfindings; i++) {
		const struct nb_store_finding *f = &r->findings[i];
		struct nb_sv p[] = { SV_I(rid), SV_I(i), SV_S(f->rule),
		    SV_S(f->plugin ? f->plugin : ""), SV_I(f->severity),
		    SV_S(f->message), SV_I(f->line), SV_I(f->page),
		    SV_I(f->section), SV_S(f->cell), SV_S(f->relation),
		    SV_I(f->has_values),
		    f->has_values ? SV_D(f->expected) : SV_NULL,
		    f->has_values ? SV_D(f->actual) : SV_NULL };
		int64_t fid = 0;

		if (nb_store_exec(s, "INSERT INTO findings (rid, seq, rule,"
		    " plugin, severity, message, line, page, section, cell,"
		    " relation, has_values, expected, actual) VALUES ($1, $2,"
		    " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
		    " ON CONFLICT (rid, seq) DO UPDATE SET rule = $3,"
		    " plugin = $4, severity = $5, message = $6, line = $7,"
		    " page = $8, section = $9, cell = $10, relation = $11,"
		    " has_values = $12, expected = $13, actual = $14"
		    " RETURNING fid", p, NSV(p), nb_sv_int_row, &fid, err) ||
		    put_finding_parts(s, fid, f, err) == -1)
			return -1;
	}
	return nb_store_exec(s, "DELETE FROM findings WHERE rid = $1 AND"
	    " seq >= $2", d, NSV(d), NULL, NULL, err) ? -1 : 0;
}

static int
clear_parts(struct nb_store *s, int64_t rid, struct nb_error *err)
{
	static const char *const del[] = {
		"DELETE FROM cells WHERE rid = $1",
		"DELETE FROM texts WHERE rid = $1",
		"DELETE FROM lsh WHERE rid = $1",
	};
	struct nb_sv p = SV_I(rid);

	for (size_t i = 0; i < NSV(del); i++)
		if (nb_store_exec(s, del[i], &p, 1, NULL, NULL, err))
			return -1;
	return 0;
}

int
nb_store_put(struct nb_store *s, const struct nb_store_report *r,
    struct nb_store_put *out, struct nb_error *err)
{
	struct nb_sv key[] = { SV_S(r->spool), SV_S(r->id) };
	struct series sr = { 0 };
	int64_t rid;
	int ok = 0, rc;

	memset(out, 0, sizeof(*out));
	if (r->spool == NULL || r->id == NULL || r->file == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "历史库：报告缺少键");
	if (nb_store_begin(s, err) == -1)
		return -1;
	rc = nb_store_exec(s, "SELECT rid, series, version FROM reports"
	    " WHERE spool = $1 AND id = $2", key, NSV(key), series_row, &sr, err);
	if (rc == -1)
		goto out;
	out->replayed = sr.rid != 0;
	if (!out->replayed && find_series(s, r, &sr, err) == -1)
		goto out;
	if (!out->replayed)
		sr.version++;
	if (put_row(s, r, &sr, &rid, err) == -1 ||
	    clear_parts(s, rid, err) == -1 ||
	    put_cells(s, rid, r, err) == -1 ||
	    put_texts(s, rid, r, err) == -1 ||
	    put_findings(s, rid, r, err) == -1)
		goto out;
	out->rid = rid;
	out->version = (int)sr.version;
	out->series = sr.series ? sr.series : rid;
	ok = 1;
out:
	return nb_store_end(s, ok, err);
}

int
nb_store_review(struct nb_store *s, int64_t fid, const char *state,
    const char *note, const char *reviewer, int64_t at, struct nb_error *err)
{
	struct nb_sv p[] = { SV_I(fid), SV_S(state), SV_S(note ? note : ""),
	    SV_S(reviewer ? reviewer : ""), SV_I(at) };

	if (state == NULL || (strcmp(state, "confirmed") != 0 &&
	    strcmp(state, "dismissed") != 0))
		return nb_fail(err, NB_ERR_CONFIG, "审核结论应为 confirmed 或"
		    " dismissed");
	return nb_store_exec(s, "INSERT INTO reviews (fid, state, note,"
	    " reviewer, at) VALUES ($1, $2, $3, $4, $5)", p, NSV(p), NULL,
	    NULL, err) ? -1 : 0;
}
