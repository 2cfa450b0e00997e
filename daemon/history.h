/*
 * history.h -- the history stage: the daemon's side (history.c), the
 * missing reports of the campaign (missing.c) and the stage process
 * itself (history_main.c).
 */
#ifndef NBD_HISTORY_H
#define NBD_HISTORY_H

#include <event2/util.h>
#include <jansson.h>

struct job;
struct nbd;
struct worker;

/* How often the roster is compared with the store after deadlines. */
#define MISSING_EVERY_S	600

/* The live stage, NULL if none. */
struct worker	*history_stage(struct nbd *d);
/* A checked report (job->rec, job->model) waits for the stage. */
void		 history_submit(struct nbd *d, struct job *job);
/* Hands the next report (or the campaign's question) to an idle stage. */
void		 history_dispatch(struct nbd *d);
/* A message of the stage; -1 when it makes no sense (kill it). */
int		 history_handle(struct worker *w, const json_t *msg,
		    const char *op);
/* The stage died (why) with w->job: tried again, or committed unstored. */
void		 history_reaped(struct worker *w, const char *why);
void		 history_on_retry(evutil_socket_t, short, void *);
void		 history_on_missing(evutil_socket_t, short, void *);

/* missing.c: the stage's answer {"rows": [...]}: each roster entry with
 * no report after its deadline, recorded and said once. */
void		 history_missing(struct nbd *d, const json_t *msg);

/* `nianbaod --history`. */
int		 history_main(void);

#endif
