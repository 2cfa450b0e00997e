/*
 * store_query.c -- reading the history store back: one report with its
 * cells, narrative and findings; listings by issuer and year; LSH
 * candidates for history.copy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_driver.h"

#define NSV(a)	(sizeof(a) / sizeof((a)[0]))

/* A growing array of n elements of size sz. */
static void *
grow(void *v, size_t *cap, size_t n, size_t sz)
{
	void *nv;
	size_t nc;

	if (n < *cap)
		return v;
	nc = *cap ? *cap * 2 : 16;
	if ((nv = realloc(v, nc * sz)) == NULL)
		return NULL;
	memset((char *)nv + *cap * sz, 0, (nc - *cap) * sz);
	*cap = nc;
	return nv;
}

/* A copy of a text column ("" for NULL); sets *oom on failure. */
static char *
col_dup(const struct nb_sv *c, int *oom)
{
	char *s = strdup(c->t == NB_SV_TEXT ? c->s : "");

	if (s == NULL)
		*oom = 1;
	return s;
}

static int64_t
col_i(const struct nb_sv *c)
{
	return c->t == NB_SV_INT ? c->i : c->t == NB_SV_REAL ?
	    (int64_t)c->d : 0;
}

static double
col_d(const struct nb_sv *c)
{
	return c->t == NB_SV_REAL ? c->d : (double)col_i(c);
}

struct loader {
	struct nb_store_report *r;
	size_t	 cap;
	int	 oom;
};

#define REPORT_COLS "rid, spool, id, file, origin, issuer, issuer_key," \
	" year, format, kind, sha256, received, published, checked, version," \
	" series, errors, warnings"

static int
report_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct loader *L = arg;
	struct nb_store_report *r;

	if (n < 18 || (r = calloc(1, sizeof(*r))) == NULL) {
		L->oom = 1;
		return 1;
	}
	L->r = r;
	r->rid = col_i(&c[0]);
	r->spool = col_dup(&c[1], &L->oom);
	r->id = col_dup(&c[2], &L->oom);
	r->file = col_dup(&c[3], &L->oom);
	r->origin = col_dup(&c[4], &L->oom);
	r->issuer = col_dup(&c[5], &L->oom);
	r->issuer_key = col_dup(&c[6], &L->oom);
	r->year = (int)col_i(&c[7]);
	r->format = col_dup(&c[8], &L->oom);
	r->kind = col_dup(&c[9], &L->oom);
	snprintf(r->sha256, sizeof(r->sha256), "%s",
	    c[10].t == NB_SV_TEXT ? c[10].s : "");
	r->received = col_i(&c[11]);
	r->published = col_i(&c[12]);
	r->checked = col_i(&c[13]);
	r->version = (int)col_i(&c[14]);
	r->series = col_i(&c[15]);
	r->errors = (size_t)col_i(&c[16]);
	r->warnings = (size_t)col_i(&c[17]);
	return 1;
}

static int
cell_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct loader *L = arg;
	struct nb_store_report *r = L->r;
	struct nb_store_cell *cl;
	void *v;

	if (n < 8 || (v = grow(r->cells, &L->cap, r->ncells,
	    sizeof(*cl))) == NULL) {
		L->oom = 1;
		return 1;
	}
	r->cells = v;
	cl = &r->cells[r->ncells++];
	cl->id = col_dup(&c[0], &L->oom);
	cl->v.kind = (enum nb_value_kind)col_i(&c[1]);
	cl->v.i = col_i(&c[2]);
	cl->v.d = col_d(&c[3]);
	cl->v.raw = col_dup(&c[4], &L->oom);
	cl->v.page = (unsigned)col_i(&c[5]);
	cl->v.line = (unsigned)col_i(&c[6]);
	cl->has_confidence = c[7].t != NB_SV_NULL;
	cl->confidence = col_d(&c[7]);
	return 0;
}

static int
text_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct loader *L = arg;
	int64_t k = n >= 2 ? col_i(&c[0]) : -1;

	if (k >= 0 && k < NB_STORE_NTEXT && L->r->text[k] == NULL)
		L->r->text[k] = col_dup(&c[1], &L->oom);
	return 0;
}

static int
finding_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct loader *L = arg;
	struct nb_store_report *r = L->r;
	struct nb_store_finding *f;
	void *v;

	if (n < 14 || (v = grow(r->findings, &L->cap, r->nfindings,
	    sizeof(*f))) == NULL) {
		L->oom = 1;
		return 1;
	}
	r->findings = v;
	f = &r->findings[r->nfindings++];
	f->fid = col_i(&c[0]);
	f->rule = col_dup(&c[1], &L->oom);
	f->plugin = col_dup(&c[2], &L->oom);
	f->severity = (enum nb_severity)col_i(&c[3]);
	f->message = col_dup(&c[4], &L->oom);
	f->line = (unsigned)col_i(&c[5]);
	f->page = (unsigned)col_i(&c[6]);
	f->section = (int)col_i(&c[7]);
	f->cell = c[8].t == NB_SV_TEXT ? col_dup(&c[8], &L->oom) : NULL;
	f->relation = c[9].t == NB_SV_TEXT ? col_dup(&c[9], &L->oom) : NULL;
	f->has_values = (int)col_i(&c[10]);
	f->expected = col_d(&c[11]);
	f->actual = col_d(&c[12]);
	return 0;
}

/* finding_cells and finding_related rows: (fid, value). */
struct part {
	struct nb_store_report *r;
	int	 related;
	int	 oom;
};

static struct nb_store_finding *
by_fid(struct nb_store_report *r, int64_t fid)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (r->findings[i].fid == fid)
			return &r->findings[i];
	return NULL;
}

static int
part_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct part *P = arg;
	struct nb_store_finding *f = n >= 2 ? by_fid(P->r, col_i(&c[0])) :
	    NULL;

	if (f == NULL)
		return 0;
	if (P->related) {
		int64_t *v = realloc(f->related, (f->nrelated + 1) *
		    sizeof(*v));

		if (v == NULL)
			return P->oom = 1;
		f->related = v;
		v[f->nrelated++] = col_i(&c[1]);
	} else {
		char **v = realloc(f->cells, (f->ncells + 1) * sizeof(*v));

		if (v == NULL)
			return P->oom = 1;
		f->cells = v;
		if ((v[f->ncells] = col_dup(&c[1], &P->oom)) != NULL)
			f->ncells++;
	}
	return 0;
}

static int
pos_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct part *P = arg;
	struct nb_store_finding *f = n >= 6 ? by_fid(P->r, col_i(&c[0])) :
	    NULL;
	struct nb_store_pos *v;

	if (f == NULL)
		return 0;
	if ((v = realloc(f->pos, (f->npos + 1) * sizeof(*v))) == NULL)
		return P->oom = 1;
	f->pos = v;
	v[f->npos++] = (struct nb_store_pos){ (int)col_i(&c[5]),
	    (unsigned)col_i(&c[1]), (unsigned)col_i(&c[2]),
	    (size_t)col_i(&c[3]), (size_t)col_i(&c[4]) };
	return 0;
}

static int
load_parts(struct nb_store *s, struct loader *L, struct nb_error *err)
{
	struct nb_sv p = SV_I(L->r->rid);
	struct part P = { L->r, 0, 0 };

	L->cap = 0;
	if (nb_store_exec(s, "SELECT cell, kind, ival, dval, raw, page, line,"
	    " confidence FROM cells WHERE rid = $1 ORDER BY cell", &p, 1,
	    cell_row, L, err) == -1 || nb_store_exec(s, "SELECT section, body"
	    " FROM texts WHERE rid = $1", &p, 1, text_row, L, err) == -1)
		return -1;
	L->cap = 0;
	if (nb_store_exec(s, "SELECT fid, rule, plugin, severity, message,"
	    " line, page, section, cell, relation, has_values, expected,"
	    " actual, seq FROM findings WHERE rid = $1 ORDER BY seq", &p, 1,
	    finding_row, L, err) == -1 || L->oom)
		return -1;
	if (nb_store_exec(s, "SELECT c.fid, c.cell FROM finding_cells c JOIN"
	    " findings f ON f.fid = c.fid WHERE f.rid = $1 ORDER BY c.fid,"
	    " c.seq", &p, 1, part_row, &P, err) == -1)
		return -1;
	P.related = 1;
	if (nb_store_exec(s, "SELECT c.fid, c.related FROM finding_related c"
	    " JOIN findings f ON f.fid = c.fid WHERE f.rid = $1 ORDER BY"
	    " c.fid, c.related", &p, 1, part_row, &P, err) == -1 ||
	    nb_store_exec(s, "SELECT c.fid, c.line, c.page, c.off, c.len, c.section FROM"
	    " finding_pos c JOIN findings f ON f.fid = c.fid WHERE f.rid = $1"
	    " ORDER BY c.fid, c.seq", &p, 1, pos_row, &P, err) == -1)
		return -1;
	return P.oom ? -1 : 0;
}

int
nb_store_get(struct nb_store *s, int64_t rid, struct nb_store_report **out,
    struct nb_error *err)
{
	struct loader L = { 0 };
	struct nb_sv p = SV_I(rid);

	*out = NULL;
	if (nb_store_exec(s, "SELECT " REPORT_COLS " FROM reports WHERE"
	    " rid = $1", &p, 1, report_row, &L, err) == -1)
		return -1;
	if (L.r == NULL && !L.oom)
		return 0;
	if (L.oom || load_parts(s, &L, err) == -1 || L.oom) {
		nb_store_report_free(L.r);
		if (err != NULL && err->code == NB_OK)
			nb_fail(err, NB_ERR_NOMEM, "历史库：内存不足");
		return -1;
	}
	*out = L.r;
	return 0;
}

int64_t
nb_store_lookup(struct nb_store *s, const char *spool, const char *id,
    struct nb_error *err)
{
	struct nb_sv p[] = { SV_S(spool), SV_S(id) };
	int64_t rid = 0;

	if (nb_store_exec(s, "SELECT rid FROM reports WHERE spool = $1 AND"
	    " id = $2", p, NSV(p), nb_sv_int_row, &rid, err) == -1)
		return -1;
	return rid;
}

struct lister {
	struct nb_store_summary *v;
	size_t	 n, cap;
	int	 oom;
};

static int
summary_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct lister *L = arg;
	struct nb_store_summary *m;
	void *v;

	if (n < 18 || (v = grow(L->v, &L->cap, L->n, sizeof(*m))) == NULL) {
		L->oom = 1;
		return 1;
	}
	L->v = v;
	m = &L->v[L->n++];
	m->rid = col_i(&c[0]);
	snprintf(m->spool, sizeof(m->spool), "%s", c[1].t == NB_SV_TEXT ?
	    c[1].s : "");
	snprintf(m->id, sizeof(m->id), "%s", c[2].t == NB_SV_TEXT ?
	    c[2].s : "");
	m->file = col_dup(&c[3], &L->oom);
	m->issuer = col_dup(&c[5], &L->oom);
	m->issuer_key = col_dup(&c[6], &L->oom);
	m->year = (int)col_i(&c[7]);
	snprintf(m->format, sizeof(m->format), "%s", c[8].t == NB_SV_TEXT ?
	    c[8].s : "");
	m->received = col_i(&c[11]);
	m->published = col_i(&c[12]);
	m->checked = col_i(&c[13]);
	m->version = (int)col_i(&c[14]);
	m->series = col_i(&c[15]);
	m->errors = (size_t)col_i(&c[16]);
	m->warnings = (size_t)col_i(&c[17]);
	return 0;
}

/* The WHERE clause of q with only the conditions it sets, so that the
 * database uses its indexes (an "x = '' OR" would scan every report). */
static size_t
list_where(const struct nb_store_query *q, char *sql, size_t len,
    struct nb_sv *p)
{
	static const char *const cond[] = { "issuer_key =", "year =",
	    "sha256 =", "series <>" };
	size_t np = 0, off = strlen(sql);

	for (size_t k = 0; k < 4; k++) {
		int set = k == 0 ? q->issuer_key != NULL && *q->issuer_key :
		    k == 1 ? q->year != 0 : k == 2 ? q->sha256 != NULL &&
		    *q->sha256 : q->exclude_series != 0;

		if (!set)
			continue;
		p[np] = k == 0 ? SV_S(q->issuer_key) : k == 1 ? SV_I(q->year) :
		    k == 2 ? SV_S(q->sha256) : SV_I(q->exclude_series);
		np++;
		off += (size_t)snprintf(sql + off, len - off, " AND %s $%zu",
		    cond[k], np);
	}
	if (q->latest_only)
		snprintf(sql + off, len - off, " AND version = (SELECT"
		    " MAX(version) FROM reports v WHERE v.series = r.series)");
	return np;
}

int
nb_store_list(struct nb_store *s, const struct nb_store_query *q,
    struct nb_store_summary **out, size_t *n, struct nb_error *err)
{
	char sql[1024] = "SELECT " REPORT_COLS " FROM reports r WHERE 1 = 1";
	struct nb_sv p[4];
	struct lister L = { 0 };
	size_t np;

	*out = NULL;
	*n = 0;
	np = list_where(q, sql, sizeof(sql) - 64, p);
	strcat(sql, " ORDER BY issuer_key, year, version, rid");
	if (nb_store_exec(s, sql, p, np, summary_row, &L, err) == -1 ||
	    L.oom) {
		nb_store_summaries_free(L.v, L.n);
		if (L.oom)
			return nb_fail(err, NB_ERR_NOMEM, "历史库：内存不足");
		return -1;
	}
	*out = L.v;
	*n = L.n;
	return 0;
}

void
nb_store_summaries_free(struct nb_store_summary *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].issuer);
		free(v[i].issuer_key);
	}
	free(v);
}

struct rids {
	int64_t	*v;
	size_t	*hits;		/* bands shared with the query, per v[] */
	size_t	 n, cap, hcap;
	int	 oom;
};

static int
rid_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct rids *R = arg;
	void *v;

	if (n < 1)
		return R->oom = 1;
	for (size_t i = 0; i < R->n; i++)
		if (R->v[i] == col_i(&c[0])) {
			R->hits[i]++;
			return 0;
		}
	if ((v = grow(R->v, &R->cap, R->n, sizeof(*R->v))) == NULL)
		return R->oom = 1;
	R->v = v;
	if ((v = grow(R->hits, &R->hcap, R->n, sizeof(*R->hits))) == NULL)
		return R->oom = 1;
	R->hits = v;
	R->v[R->n] = col_i(&c[0]);
	R->hits[R->n++] = 1;
	return 0;
}

/* Most shared bands first: the likeliest copies come before any cap. */
static void
by_hits(struct rids *R)
{
	for (size_t i = 1; i < R->n; i++)
		for (size_t j = i; j > 0 && R->hits[j] > R->hits[j - 1]; j--) {
			size_t h = R->hits[j];
			int64_t v = R->v[j];

			R->hits[j] = R->hits[j - 1];
			R->v[j] = R->v[j - 1];
			R->hits[j - 1] = h;
			R->v[j - 1] = v;
		}
}

int
nb_store_similar(struct nb_store *s, int year, const uint64_t *keys,
    size_t nkeys, int64_t exclude_series, int64_t **out, size_t *n,
    struct nb_error *err)
{
	struct rids R = { 0 };

	*out = NULL;
	*n = 0;
	for (size_t b = 0; b < nkeys; b++) {
		struct nb_sv p[] = { SV_I(b), SV_I((int64_t)keys[b]),
		    SV_I(year), SV_I(exclude_series) };

		if (nb_store_exec(s, "SELECT l.rid FROM lsh l JOIN reports r ON"
		    " r.rid = l.rid WHERE l.band = $1 AND l.hkey = $2 AND"
		    " ($3 = 0 OR r.year = $3) AND ($4 = 0 OR r.series <> $4) AND"
		    " r.version = (SELECT MAX(version) FROM reports v WHERE"
		    " v.series = r.series)", p, NSV(p), rid_row, &R, err) == -1 ||
		    R.oom) {
			free(R.v);
			free(R.hits);
			return R.oom ? nb_fail(err, NB_ERR_NOMEM,
			    "历史库：内存不足") : -1;
		}
	}
	by_hits(&R);
	free(R.hits);
	*out = R.v;
	*n = R.n;
	return 0;
}

void
nb_store_finding_clear(struct nb_store_finding *f)
{
	free(f->rule);
	free(f->plugin);
	free(f->message);
	free(f->cell);
	for (size_t i = 0; i < f->ncells; i++)
		free(f->cells[i]);
	free(f->cells);
	free(f->relation);
	free(f->related);
	free(f->pos);
	memset(f, 0, sizeof(*f));
}

void
nb_store_report_free(struct nb_store_report *r)
{
	if (r == NULL)
		return;
	free(r->spool);
	free(r->id);
	free(r->file);
	free(r->origin);
	free(r->issuer);
	free(r->issuer_key);
	free(r->format);
	free(r->kind);
	for (size_t i = 0; i < r->ncells; i++) {
		free(r->cells[i].id);
		free((char *)r->cells[i].v.raw);
	}
	free(r->cells);
	for (int k = 0; k < NB_STORE_NTEXT; k++)
		free(r->text[k]);
	for (size_t i = 0; i < r->nfindings; i++)
		nb_store_finding_clear(&r->findings[i]);
	free(r->findings);
	free(r);
}
