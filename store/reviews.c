/*
 * reviews.c -- reading reviewers' verdicts back: the latest verdict on
 * each finding of a report (a reviewer may change their mind; the reviews
 * table keeps every verdict, the newest one counts).
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_driver.h"

struct vlist {
	struct nb_store_verdict *v;
	size_t	 n, cap;
	int	 oom;
};

static char *
text_col(const struct nb_sv *c, int *oom)
{
	char *s = strdup(c->t == NB_SV_TEXT ? c->s : "");

	if (s == NULL)
		*oom = 1;
	return s;
}

static int
verdict_row(void *arg, const struct nb_sv *c, size_t n)
{
	struct vlist *L = arg;
	struct nb_store_verdict *v;

	if (n < 5) {
		L->oom = 1;
		return 1;
	}
	if (L->n == L->cap) {
		size_t nc = L->cap ? 2 * L->cap : 8;

		if ((v = reallocarray(L->v, nc, sizeof(*v))) == NULL) {
			L->oom = 1;
			return 1;
		}
		L->v = v;
		L->cap = nc;
	}
	v = &L->v[L->n++];
	memset(v, 0, sizeof(*v));
	v->fid = c[0].i;
	v->state = c[1].t == NB_SV_TEXT && strcmp(c[1].s, "dismissed") == 0 ?
	    NB_VERDICT_DISMISSED : NB_VERDICT_CONFIRMED;
	v->note = text_col(&c[2], &L->oom);
	v->reviewer = text_col(&c[3], &L->oom);
	v->at = c[4].t == NB_SV_INT ? c[4].i : 0;
	return 0;
}

int
nb_store_verdicts(struct nb_store *s, int64_t rid,
    struct nb_store_verdict **out, size_t *n, struct nb_error *err)
{
	struct nb_sv p[] = { SV_I(rid) };
	struct vlist L = { 0 };

	*out = NULL;
	*n = 0;
	/* The newest verdict per finding: the highest rvid of its fid. */
	if (nb_store_exec(s, "SELECT v.fid, v.state, v.note, v.reviewer, v.at"
	    " FROM reviews v JOIN findings f ON f.fid = v.fid"
	    " WHERE f.rid = $1 AND v.rvid = (SELECT MAX(w.rvid) FROM reviews w"
	    " WHERE w.fid = v.fid) ORDER BY v.fid", p, 1, verdict_row, &L,
	    err) == -1 || L.oom) {
		nb_store_verdicts_free(L.v, L.n);
		if (L.oom)
			return nb_fail(err, NB_ERR_NOMEM, "历史库：内存不足");
		return -1;
	}
	*out = L.v;
	*n = L.n;
	return 0;
}

const struct nb_store_verdict *
nb_store_verdict_of(const struct nb_store_verdict *v, size_t n, int64_t fid)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].fid == fid)
			return &v[i];
	return NULL;
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
	/* The newest verdict of each finding, as nb_store_verdicts(). */
	return nb_store_exec(s, "SELECT f.severity, (SELECT w.state FROM"
	    " reviews w WHERE w.fid = f.fid ORDER BY w.rvid DESC LIMIT 1)"
	    " FROM findings f WHERE f.rid = $1", &p, 1, tally_row, t,
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
