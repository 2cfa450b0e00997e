/*
 * review.h -- reading back the reviewers' verdicts (the reviews table of
 * store.h's nb_store_review()).
 *
 * A finding's state is its latest review; reviews are never edited, so the
 * history of who decided what, when, stays.  Findings keep their fid
 * across a replay of the same report version (store.c), and a new version
 * has new findings: a dismissal counts for the version it was made on,
 * and a re-submitted report is reviewed afresh.
 */
#ifndef NB_STORE_REVIEW_H
#define NB_STORE_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct nb_store_verdict {
	int64_t		 fid;
	char		 state[16];	/* "confirmed", "dismissed" */
	char		*note, *reviewer;
	int64_t		 at;
};

/* Every review of report rid's findings, oldest first; free with
 * nb_store_verdicts_free(). */
int	 nb_store_verdicts(struct nb_store *s, int64_t rid,
	    struct nb_store_verdict **out, size_t *n, struct nb_error *err);
void	 nb_store_verdicts_free(struct nb_store_verdict *v, size_t n);

/* A report's findings counted by their latest review. */
struct nb_store_tally {
	size_t	 errors, warnings;	/* not dismissed */
	size_t	 unreviewed;		/* errors and warnings not reviewed */
	size_t	 dismissed, confirmed;
};

int	 nb_store_tally(struct nb_store *s, int64_t rid,
	    struct nb_store_tally *t, struct nb_error *err);

/* The fid's report, 0 if no such finding, -1 on error. */
int64_t	 nb_store_finding_report(struct nb_store *s, int64_t fid,
	    struct nb_error *err);

#endif
