/*
 * record.h -- a checked result as the history store keeps it, and the
 * history it is checked against (struct nb_history of lib/cross.h over
 * an open store and roster).
 */
#ifndef NB_STORE_RECORD_H
#define NB_STORE_RECORD_H

#include <stdint.h>

#include "cross.h"
#include "nianbao.h"
#include "roster.h"
#include "store.h"

/* Where a report came from: its key in the store and its arrival. */
struct nb_origin {
	const char	*spool;		/* spool UUID, or "cli" */
	const char	*id;		/* report id within the spool */
	const char	*origin;	/* drop subfolder, "" if none */
	int64_t		 received;	/* unix s, 0 unknown */
	int64_t		 checked;
};

/* An owned copy of res for nb_store_put(); NULL with err set. */
struct nb_store_report *nb_record_from_result(const struct nb_result *res,
	    const struct nb_origin *o, const struct nb_roster *roster,
	    struct nb_error *err);

/* The history of one report being checked; nb_record_history() gives
 * the table for nb_check_history(), valid until nb_record_history_fini(). */
struct nb_record_history {
	struct nb_history	 ops;
	struct nb_store		*store;
	const struct nb_roster	*roster;
	struct nb_origin	 origin;
	char			*key;		/* issuer key of the report */
	const struct nb_roster_entry *entry;	/* its roster entry, if any */
	int64_t			 self_series;	/* when already stored */
	struct nb_store_report	**loaded;	/* cache of other reports */
	size_t			 nloaded;
	char			 buf[64];	/* attr() answers */
	struct nb_error		 err;		/* the last store error */
};

int	 nb_record_history_init(struct nb_record_history *h,
	    struct nb_store *s, const struct nb_roster *roster,
	    const struct nb_origin *o, const struct nb_result *res,
	    struct nb_error *err);
void	 nb_record_history_fini(struct nb_record_history *h);

#endif
