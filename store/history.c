/*
 * history.c -- the history a report is checked against (the ABI 1.1
 * calls of lib/cross.h), answered from an open store and roster: the
 * same issuer's previous year, the same year's other reports, earlier
 * versions, the departments a government covers, LSH candidates of a
 * narrative, and their cells and texts, loaded once per report.
 *
 * A store error does not stop the plugins: the call answers "none" and
 * the error is kept in h->err for the caller, who then does not trust
 * the findings (nothing is stored from a partial history).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

#define H(arg)	((struct nb_record_history *)(arg))

static void
keep_error(struct nb_record_history *h, const struct nb_error *e)
{
	if (h->err.code == NB_OK)
		h->err = *e;
}

static const struct nb_store_report *
load(struct nb_record_history *h, nb_handle rid)
{
	struct nb_store_report *r = NULL, **v;
	struct nb_error e;

	for (size_t i = 0; i < h->nloaded; i++)
		if (h->loaded[i]->rid == rid)
			return h->loaded[i];
	nb_error_clear(&e);
	if (nb_store_get(h->store, rid, &r, &e) == -1) {
		keep_error(h, &e);
		return NULL;
	}
	if (r == NULL)
		return NULL;
	if ((v = realloc(h->loaded, (h->nloaded + 1) * sizeof(*v))) == NULL) {
		nb_store_report_free(r);
		return NULL;
	}
	h->loaded = v;
	v[h->nloaded++] = r;
	return r;
}

static int
is_self(const struct nb_record_history *h, const char *spool, const char *id)
{
	return strcmp(spool, h->origin.spool) == 0 &&
	    strcmp(id, h->origin.id) == 0;
}

/* Appends the rids of q's reports (not this one) to out; returns the
 * new count n (which may exceed max). */
static size_t
add_list(struct nb_record_history *h, const struct nb_store_query *q,
    const char *other_than_key, nb_handle *out, size_t n, size_t max)
{
	struct nb_store_summary *v;
	struct nb_error e;
	size_t nv;

	nb_error_clear(&e);
	if (nb_store_list(h->store, q, &v, &nv, &e) == -1) {
		keep_error(h, &e);
		return n;
	}
	for (size_t i = 0; i < nv; i++) {
		int dup = 0;

		if (is_self(h, v[i].spool, v[i].id))
			continue;
		if (other_than_key != NULL &&
		    strcmp(v[i].issuer_key, other_than_key) == 0)
			continue;
		for (size_t k = 0; k < n && k < max; k++)
			dup |= out[k] == v[i].rid;
		if (dup)
			continue;
		if (n < max)
			out[n] = v[i].rid;
		n++;
	}
	nb_store_summaries_free(v, nv);
	return n;
}

static size_t
h_related(void *arg, const struct nb_result *res, enum nb_related kind,
    nb_handle *out, size_t max)
{
	struct nb_record_history *h = H(arg);
	struct nb_store_query q = { .latest_only = 1 };
	size_t n = 0;

	switch (kind) {
	case NB_REL_PREVIOUS:
		if (h->key[0] == '\0' || res->year == 0)
			return 0;
		q.issuer_key = h->key;
		q.year = res->year - 1;
		return add_list(h, &q, NULL, out, 0, max);
	case NB_REL_SAME_YEAR:
		if (res->year == 0)
			return 0;
		q.year = res->year;
		return add_list(h, &q, h->key, out, 0, max);
	case NB_REL_DUPLICATE:
		q.latest_only = 0;
		q.sha256 = res->sha256;
		if (res->sha256[0] != '\0')
			n = add_list(h, &q, NULL, out, 0, max);
		if (h->key[0] == '\0' || res->year == 0)
			return n;
		q = (struct nb_store_query){ .issuer_key = h->key,
		    .year = res->year };
		return add_list(h, &q, NULL, out, n, max);
	case NB_REL_COVERED:
		if (h->entry == NULL || res->year == 0)
			return 0;
		for (size_t i = 0; i < h->roster->n; i++) {
			if (strcmp(h->roster->v[i].parent, h->entry->key) != 0)
				continue;
			q.issuer_key = h->roster->v[i].key;
			q.year = res->year;
			n = add_list(h, &q, NULL, out, n, max);
		}
		return n;
	}
	return 0;
}

/* A candidate of similar(): another issuer's report of the same year,
 * never a version of this one. */
static int
copy_candidate(struct nb_record_history *h, const struct nb_result *res,
    const struct nb_store_report *r)
{
	if (is_self(h, r->spool, r->id) || strcmp(r->sha256, res->sha256) == 0)
		return 0;
	return r->year == res->year && (h->key[0] == '\0' ||
	    strcmp(r->issuer_key, h->key) != 0);
}

static size_t
h_similar(void *arg, const struct nb_result *res, const uint64_t *keys,
    size_t nkeys, nb_handle *out, size_t max)
{
	struct nb_record_history *h = H(arg);
	struct nb_error e;
	int64_t *v;
	size_t n = 0, nv;

	if (res->year == 0)
		return 0;
	nb_error_clear(&e);
	if (nb_store_similar(h->store, res->year, keys, nkeys,
	    h->self_series, &v, &nv, &e) == -1) {
		keep_error(h, &e);
		return 0;
	}
	for (size_t i = 0; i < nv && n < max; i++) {
		const struct nb_store_report *r = load(h, v[i]);

		if (r != NULL && copy_candidate(h, res, r))
			out[n++] = v[i];
	}
	free(v);
	return n;
}

static const char *
h_issuer(void *arg, nb_handle rid)
{
	const struct nb_store_report *r = load(H(arg), rid);

	return r ? r->issuer : NULL;
}

static int
h_year(void *arg, nb_handle rid)
{
	const struct nb_store_report *r = load(H(arg), rid);

	return r ? r->year : 0;
}

static int
h_cell(void *arg, nb_handle rid, const char *id, struct nb_value *v)
{
	const struct nb_store_report *r = load(H(arg), rid);

	for (size_t i = 0; r != NULL && i < r->ncells; i++)
		if (strcmp(r->cells[i].id, id) == 0) {
			*v = r->cells[i].v;
			return 0;
		}
	return -1;
}

static const char *
h_text(void *arg, nb_handle rid, int n)
{
	const struct nb_store_report *r = load(H(arg), rid);

	if (r == NULL || n < 0 || n >= NB_STORE_NTEXT)
		return NULL;
	return r->text[n] ? r->text[n] : "";
}

static const char *
num(struct nb_record_history *h, int64_t v)
{
	if (v == 0)
		return NULL;
	snprintf(h->buf, sizeof(h->buf), "%" PRId64, v);
	return h->buf;
}

static const char *
roster_attr(struct nb_record_history *h, const struct nb_result *res,
    const char *key)
{
	const struct nb_roster_entry *e = h->entry;

	(void)res;
	if (strcmp(key, "roster") == 0)
		return h->roster != NULL ? "1" : NULL;
	if (e == NULL)
		return NULL;
	if (strcmp(key, "roster.name") == 0)
		return e->name;
	if (strcmp(key, "roster.level") == 0)
		return e->level;
	if (strcmp(key, "roster.deadline") == 0)
		return e->deadline[0] ? e->deadline : NULL;
	if (strcmp(key, "roster.covers") == 0) {
		int64_t n = 0;

		for (size_t i = 0; i < h->roster->n; i++)
			n += strcmp(h->roster->v[i].parent, e->key) == 0;
		return num(h, n);
	}
	return NULL;
}

static const char *
h_attr(void *arg, const struct nb_result *res, nb_handle rid,
    const char *key)
{
	struct nb_record_history *h = H(arg);
	const struct nb_store_report *r;

	if (rid == 0) {
		if (strcmp(key, "file") == 0)
			return res->file;
		if (strcmp(key, "sha256") == 0)
			return res->sha256;
		if (strcmp(key, "origin") == 0)
			return h->origin.origin;
		if (strcmp(key, "received") == 0)
			return num(h, h->origin.received);
		if (strcmp(key, "published") == 0)
			return num(h, res->published);
		return strncmp(key, "roster", 6) == 0 ?
		    roster_attr(h, res, key) : NULL;
	}
	if ((r = load(h, rid)) == NULL)
		return NULL;
	if (strcmp(key, "file") == 0)
		return r->file;
	if (strcmp(key, "sha256") == 0)
		return r->sha256;
	if (strcmp(key, "origin") == 0)
		return r->origin;
	if (strcmp(key, "received") == 0)
		return num(h, r->received);
	if (strcmp(key, "published") == 0)
		return num(h, r->published);
	if (strcmp(key, "version") == 0)
		return num(h, r->version);
	if (strcmp(key, "format") == 0)
		return r->format;
	return NULL;
}

int
nb_record_history_init(struct nb_record_history *h, struct nb_store *s,
    const struct nb_roster *roster, const struct nb_origin *o,
    const struct nb_result *res, struct nb_error *err)
{
	int64_t self;

	memset(h, 0, sizeof(*h));
	h->ops = (struct nb_history){ h, h_related, h_similar, h_issuer,
	    h_year, h_cell, h_text, h_attr };
	h->store = s;
	h->roster = roster;
	h->origin = *o;
	h->entry = nb_roster_match(roster, res->issuer, o->origin);
	if ((h->key = h->entry ? strdup(h->entry->key) :
	    nb_issuer_key(res->issuer ? res->issuer : "")) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	if ((self = nb_store_lookup(s, o->spool, o->id, err)) == -1) {
		free(h->key);
		return -1;
	}
	if (self > 0) {
		const struct nb_store_report *r = load(h, self);

		h->self_series = r ? r->series : 0;
	}
	return 0;
}

void
nb_record_history_fini(struct nb_record_history *h)
{
	for (size_t i = 0; i < h->nloaded; i++)
		nb_store_report_free(h->loaded[i]);
	free(h->loaded);
	free(h->key);
	memset(h, 0, sizeof(*h));
}
