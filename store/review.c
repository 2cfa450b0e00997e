/*
 * review.c -- reviewers' verdicts read back (review.h).
 */
#include <stdlib.h>
#include <string.h>

#include "review.h"
#include "store_driver.h"

struct vlist {
	struct nb_store_verdict *v;
	size_t	 n, cap;
	int	 oom;
};

static int
verdict_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct vlist *L = arg;
	struct nb_store_verdict *d;

	if (n < 5)
		return 0;
	if (L->n == L->cap) {
		size_t nc = L->cap ? L->cap * 2 : 8;
		struct nb_store_verdict *nv = realloc(L->v, nc * sizeof(*nv));

		if (nv == NULL) {
			L->oom = 1;
			return 1;
		}
		L->v = nv;
		L->cap = nc;
	}
	d = &L->v[L->n];
	memset(d, 0, sizeof(*d));
	d->fid = c[0].t == NB_SV_INT ? c[0].i : 0;
	if (c[1].t == NB_SV_TEXT)
		strncpy(d->state, c[1].s, sizeof(d->state) - 1);
	d->note = strdup(c[2].t == NB_SV_TEXT ? c[2].s : "");
	d->reviewer = strdup(c[3].t == NB_SV_TEXT ? c[3].s : "");
	d->at = c[4].t == NB_SV_INT ? c[4].i : 0;
	L->n++;
	if (d->note == NULL || d->reviewer == NULL) {
		L->oom = 1;
		return 1;
	}
	return 0;
}

int
nb_store_verdicts(struct nb_store *s, int64_t rid,
    struct nb_store_verdict **out, size_t *n, struct nb_error *err)
{
	struct nb_sv p = SV_I(rid);
	struct vlist L = { 0 };
	int rc;

	*out = NULL;
	*n = 0;
	rc = nb_store_exec(s, "SELECT r.fid, r.state, r.note, r.reviewer, r.at"
	    " FROM reviews r JOIN findings f ON f.fid = r.fid"
	    " WHERE f.rid = $1 ORDER BY r.at, r.rvid", &p, 1, verdict_row, &L,
	    err);
	if (rc == 0 && !L.oom) {
		*out = L.v;
		*n = L.n;
		return 0;
	}
	nb_store_verdicts_free(L.v, L.n);
	return rc == -1 ? -1 : nb_fail(err, NB_ERR_NOMEM, "历史库：内存不足");
}

void
nb_store_verdicts_free(struct nb_store_verdict *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].note);
		free(v[i].reviewer);
	}
	free(v);
}

static int
tally_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct nb_store_tally *t = arg;
	int64_t sev = n >= 1 && c[0].t == NB_SV_INT ? c[0].i : 0;
	const char *st = n >= 2 && c[1].t == NB_SV_TEXT ? c[1].s : NULL;

	if (sev < NB_SEV_WARNING)
		return 0;
	if (st != NULL && strcmp(st, "dismissed") == 0) {
		t->dismissed++;
		return 0;
	}
	if (st != NULL)
		t->confirmed++;
	else
		t->unreviewed++;
	if (sev == NB_SEV_ERROR)
		t->errors++;
	else
		t->warnings++;
	return 0;
}

int
nb_store_tally(struct nb_store *s, int64_t rid, struct nb_store_tally *t,
    struct nb_error *err)
{
	struct nb_sv p = SV_I(rid);

	memset(t, 0, sizeof(*t));
	return nb_store_exec(s, "SELECT f.severity, (SELECT r.state FROM"
	    " reviews r WHERE r.fid = f.fid ORDER BY r.at DESC, r.rvid DESC"
	    " LIMIT 1) FROM findings f WHERE f.rid = $1", &p, 1, tally_row, t,
	    err) == 0 ? 0 : -1;
}

int64_t
nb_store_finding_report(struct nb_store *s, int64_t fid, struct nb_error *err)
{
	struct nb_sv p = SV_I(fid);
	int64_t rid = 0;

	if (nb_store_exec(s, "SELECT rid FROM findings WHERE fid = $1", &p, 1,
	    nb_sv_int_row, &rid, err) == -1)
		return -1;
	return rid;
}
