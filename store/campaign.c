/*
 * campaign.c -- who has reported for a year, who is late, who is missing
 * (see campaign.h), from the store and the roster.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "campaign.h"

int64_t
nb_deadline_end(int year, const char *mmdd)
{
	struct tm tm = { 0 };
	int m = 3, d = 31;

	if (sscanf(mmdd, "%2d-%2d", &m, &d) != 2)
		m = 3, d = 31;
	tm.tm_year = year - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + 1;
	return (int64_t)timegm(&tm) - 8 * 3600;
}

const char *
nb_camp_state_name(enum nb_camp_state s)
{
	static const char *const names[] = { "on_time", "late", "pending",
	    "missing", "unknown", "undated" };

	return s <= NB_CAMP_UNDATED ? names[s] : "?";
}

/* Takes ownership of the summary's strings. */
static int
add(struct nb_camp_row **v, size_t *n, const struct nb_camp_row *row)
{
	struct nb_camp_row *nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (nv == NULL)
		return -1;
	*v = nv;
	nv[(*n)++] = *row;
	return 0;
}

static void
summary_clear(struct nb_store_summary *m)
{
	free(m->file);
	free(m->issuer);
	free(m->issuer_key);
	memset(m, 0, sizeof(*m));
}

static int
entry_row(struct nb_store *s, const struct nb_roster_entry *e, int year,
    int64_t now, struct nb_camp_row *row, struct nb_error *err)
{
	struct nb_store_query q = { .issuer_key = e->key, .year = year };
	struct nb_store_summary *v;
	size_t n;

	memset(row, 0, sizeof(*row));
	row->e = e;
	row->due = nb_deadline_end(year + 1, nb_roster_deadline(e, year));
	if (nb_store_list(s, &q, &v, &n, err) == -1)
		return -1;
	if (n == 0) {
		row->state = now >= row->due ? NB_CAMP_MISSING :
		    NB_CAMP_PENDING;
		free(v);
		return 0;
	}
	/* The first version that arrived decides whether it was late. */
	row->rep = v[0];
	for (size_t i = 1; i < n; i++)
		summary_clear(&v[i]);
	free(v);
	row->when = row->rep.published ? row->rep.published :
	    row->rep.received;
	if (row->when == 0)
		row->state = NB_CAMP_UNDATED;
	else
		row->state = row->when >= row->due ? NB_CAMP_LATE :
		    NB_CAMP_ON_TIME;
	return 0;
}

static int
unknown_rows(struct nb_store *s, const struct nb_roster *r, int year,
    struct nb_camp_row **out, size_t *n, struct nb_error *err)
{
	struct nb_store_query q = { .year = year, .latest_only = 1 };
	struct nb_store_summary *v;
	size_t nv, i;
	int rc = 0;

	if (nb_store_list(s, &q, &v, &nv, err) == -1)
		return -1;
	for (i = 0; i < nv; i++) {
		struct nb_camp_row row = { .state = NB_CAMP_UNKNOWN };

		if (rc == -1 || nb_roster_find(r, v[i].issuer_key) != NULL) {
			summary_clear(&v[i]);
			continue;
		}
		row.rep = v[i];
		row.when = v[i].published ? v[i].published : v[i].received;
		if (add(out, n, &row) == -1) {
			summary_clear(&v[i]);
			rc = nb_fail(err, NB_ERR_NOMEM, "内存不足");
		}
	}
	free(v);
	return rc;
}

int
nb_campaign(struct nb_store *s, const struct nb_roster *r, int year,
    int64_t now, struct nb_camp_row **out, size_t *n, struct nb_error *err)
{
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct nb_camp_row row;

		if (entry_row(s, &r->v[i], year, now, &row, err) == -1)
			goto fail;
		if (add(out, n, &row) == -1) {
			summary_clear(&row.rep);
			nb_fail(err, NB_ERR_NOMEM, "内存不足");
			goto fail;
		}
	}
	if (unknown_rows(s, r, year, out, n, err) == 0)
		return 0;
fail:
	nb_campaign_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

void
nb_campaign_free(struct nb_camp_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		summary_clear(&v[i].rep);
	free(v);
}
