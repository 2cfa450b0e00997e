/*
 * campaign.h -- the January campaign of one year: for every roster entry,
 * whether its report arrived on time, late, not yet (before its deadline)
 * or not at all (roster.missing), and the stored reports of the year no
 * entry matches (roster.unknown).
 */
#ifndef NB_CAMPAIGN_H
#define NB_CAMPAIGN_H

#include <stddef.h>
#include <stdint.h>

#include "roster.h"
#include "store.h"

enum nb_camp_state {
	NB_CAMP_ON_TIME = 0,
	NB_CAMP_LATE,		/* published (else received) after the deadline */
	NB_CAMP_PENDING,	/* no report yet, deadline not passed */
	NB_CAMP_MISSING,	/* no report, deadline passed: roster.missing */
	NB_CAMP_UNKNOWN,	/* a stored report no entry matches */
	NB_CAMP_UNDATED		/* reported, but neither published nor
				 * received date is known */
};

struct nb_camp_row {
	const struct nb_roster_entry *e;	/* NULL for NB_CAMP_UNKNOWN */
	enum nb_camp_state state;
	struct nb_store_summary rep;		/* the report, rid 0 if none */
	int64_t		 when;	/* published, else received; 0 */
	int64_t		 due;	/* end of the deadline day, unix s */
};

/* Rows in roster order, then the unknown reports; free with
 * nb_campaign_free(). */
int	 nb_campaign(struct nb_store *s, const struct nb_roster *r, int year,
	    int64_t now, struct nb_camp_row **out, size_t *n,
	    struct nb_error *err);
void	 nb_campaign_free(struct nb_camp_row *v, size_t n);
const char *nb_camp_state_name(enum nb_camp_state s);	/* "late", ... */
/* The end of the day "MM-DD" of year, in China (UTC+8). */
int64_t	 nb_deadline_end(int year, const char *mmdd);

#endif
