/*
 * history_copy.c -- history.copy: a narrative copied from the same
 * issuer's report of the year before, or from another issuer's report of
 * the same year (evaluators found narratives 90% copied, DOMAIN.md
 * X-COPY).
 *
 * Last year's report of the issuer is compared directly.  For the same
 * year's others, the MinHash signature of this narrative's shingles gives
 * LSH band keys; the host returns only the stored reports sharing one (so
 * 10^5 stored reports cost a few index look-ups), and each candidate is
 * then compared exactly: the share of this narrative's shingles found in the other's,
 * and the passages made of them.  Thresholds are options of the rule
 * pack: copy_previous (default 0.8) and copy_peer (default 0.7).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "history.h"
#include "related.h"
#include "store/minhash.h"

#define MAX_CAND	64
#define MAX_MARKS	20
#define NSEC		7
/* A passage shorter than this many shingles is a common phrase. */
#define MIN_RUN		12

struct narr {
	char	*text;		/* sections 1..6 joined */
	size_t	 start[NSEC + 1];/* where section k begins in text */
};

static int
join(struct narr *n, const char *(*get)(const void *, int),
    const void *arg)
{
	size_t len = 1;

	for (int k = 1; k < NSEC; k++) {
		const char *t = get(arg, k);
		len += t ? strlen(t) : 0;
	}
	if ((n->text = malloc(len)) == NULL)
		return -1;
	n->text[0] = '\0';
	len = 0;
	for (int k = 1; k < NSEC; k++) {
		const char *t = get(arg, k);
		size_t l = t ? strlen(t) : 0;

		n->start[k] = len;
		memcpy(n->text + len, t ? t : "", l + 1);
		len += l;
	}
	n->start[NSEC] = len;
	return 0;
}

struct src {
	const struct nb_api	*api;
	const nb_report		*r;
	nb_handle		 h;
};

static const char *
own_text(const void *arg, int k)
{
	const struct src *s = arg;

	return s->api->section_text(s->r, k);
}

static const char *
other_text(const void *arg, int k)
{
	const struct src *s = arg;

	return s->api->other_text(s->r, s->h, k);
}

/* Marks a passage [off, end) of the joined text, split by sections. */
static int
mark(const struct nb_api *api, nb_ctx *ctx, const struct narr *n,
    size_t off, size_t end)
{
	for (int k = 1; k < NSEC && off < end; k++) {
		size_t a = n->start[k], b = n->start[k + 1];

		if (off >= b || end <= a)
			continue;
		if (api->mark(ctx, k, (off > a ? off : a) - a,
		    (end < b ? end : b) - (off > a ? off : a)) == -1)
			return -1;
	}
	return 0;
}

/* Share of own shingles in other's set; the longest run in *lo..*hi. */
static double
containment(const struct nb_shingles *own, const uint64_t *set, size_t nset,
    unsigned char *hit)
{
	size_t n = 0;

	for (size_t i = 0; i < own->n; i++)
		n += hit[i] = (unsigned char)nb_shingle_has(set, nset,
		    own->h[i]);
	return own->n ? (double)n / (double)own->n : 0;
}

static int
report(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    nb_handle h, double share, const struct narr *own,
    const struct nb_shingles *sh, const unsigned char *hit)
{
	struct nb_finding f = { 0 };
	char msg[1024];
	int year = api->other_year(r, h), marks = 0;
	const char *who = api->other_issuer(r, h);

	if (year == api->year(r))
		snprintf(msg, sizeof(msg), "报告正文 %.0f%% 与%s %d 年度报告相同，"
		    "疑为相互抄用", share * 100, who ? who : "", year);
	else
		snprintf(msg, sizeof(msg), "报告正文 %.0f%% 与本机关 %d 年度报告相同，"
		    "疑为照搬上年报告", share * 100, year);
	f.rule = "history.copy";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	f.has_values = 1;
	f.expected = 0;
	f.actual = share;
	if (emit_related(api, ctx, &f, &h, 1) == -1)
		return -1;
	/* The copied passages: runs of shared shingles. */
	for (size_t i = 0; i < sh->n && marks < MAX_MARKS;) {
		size_t j = i;

		while (j < sh->n && hit[j])
			j++;
		if (j - i >= MIN_RUN) {
			if (mark(api, ctx, own, sh->off[i], sh->end[j - 1]) == -1)
				return -1;
			marks++;
		}
		i = j > i ? j : i + 1;
	}
	return 0;
}

static int
compare(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    nb_handle h, const struct narr *own, const struct nb_shingles *sh,
    unsigned char *hit)
{
	struct src s = { api, r, h };
	struct narr other = { 0 };
	struct nb_shingles osh;
	uint64_t *set;
	size_t nset;
	double share, min;
	int rc = 0;

	min = api->other_year(r, h) == api->year(r) ?
	    history_option(api, ctx, "copy_peer", 0.7) :
	    history_option(api, ctx, "copy_previous", 0.8);
	if (join(&other, other_text, &s) == -1)
		return -1;
	if (nb_shingles(other.text, &osh) == -1) {
		free(other.text);
		return -1;
	}
	if ((set = nb_shingle_set(&osh, &nset)) == NULL)
		rc = -1;
	else if ((share = containment(sh, set, nset, hit)) >= min)
		rc = report(api, ctx, r, h, share, own, sh, hit);
	free(set);
	nb_shingles_free(&osh);
	free(other.text);
	return rc;
}

int
history_copy(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	struct src s = { api, r, 0 };
	struct narr own = { 0 };
	struct nb_shingles sh;
	uint32_t sig[NB_MH_N];
	uint64_t keys[NB_MH_BANDS];
	nb_handle cand[MAX_CAND];
	unsigned char *hit = NULL;
	size_t n;
	int rc = 0;

	if (join(&own, own_text, &s) == -1)
		return -1;
	if (nb_shingles(own.text, &sh) == -1) {
		free(own.text);
		return -1;
	}
	if (sh.n < NB_MH_MIN)
		goto out;
	nb_minhash(&sh, sig);
	nb_minhash_bands(sig, keys);
	/* Last year's report of the same issuer is compared whatever its
	 * keys; the same year's others only when LSH makes them candidates. */
	n = api->related(r, NB_REL_PREVIOUS, cand, 1) > 0;
	n += api->similar(r, keys, NB_MH_BANDS, cand + n, MAX_CAND - n);
	if (n > 0 && (hit = malloc(sh.n)) == NULL)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n && i < MAX_CAND; i++)
		rc = compare(api, ctx, r, cand[i], &own, &sh, hit);
out:
	free(hit);
	nb_shingles_free(&sh);
	free(own.text);
	return rc;
}
