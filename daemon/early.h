/*
 * early.h -- a file renamed into incoming/ is checked while it settles
 * (early.c).  It may not be claimed before SETTLE_MOVE_MS (settle.h: mv
 * looks at it again), but nothing stops a worker from reading it: the
 * worker is handed the file as it is in incoming/, and the claim, when it
 * is due, keeps the result only if the file claimed is the file read and
 * was not changed meanwhile.  Until then the result is held, never
 * written: a crash leaves the file in incoming/, unclaimed, as before.
 */
#ifndef NBD_EARLY_H
#define NBD_EARLY_H

#include <jansson.h>

struct job;
struct nbd;

enum early {
	EARLY_NONE,		/* claimed (every job from work/) */
	EARLY_OUT,		/* with a worker */
	EARLY_HELD,		/* checked: job->held waits for the claim */
	EARLY_IDLE,		/* not with a worker (its worker died) */
	EARLY_GONE		/* its claim failed: the result is dropped */
};

/* A job for incoming/[origin/]name, begun before its claim; NULL when it
 * cannot be (busy, refused, gone, no memory): it is claimed as before. */
struct job	*early_begin(struct nbd *d, const char *origin,
		    const char *name);
/* The descriptor to hand its worker (still ours: not to be closed). */
int		 early_fd(const struct job *job);
/* Its worker's result (rec, job->bytes); 1 if taken here. */
int		 early_result(struct nbd *d, struct job *job, json_t *rec);
/* Its worker died before a result: it waits for its claim. */
void		 early_unbegun(struct job *job);
/* Due: claims incoming/[origin/]name for it, or lets it go. */
void		 early_claim(struct nbd *d, struct job *job, const char *origin,
		    const char *name);
/* Claimed while begun: 0 if rec is of the claimed file's bytes, else 1
 * (rec dropped, the job queued to be checked again). */
int		 early_verify(struct nbd *d, struct job *job, json_t *rec);
/* The daemon stops: the file stays in incoming/ for the next start. */
void		 early_drop(struct job *job);

#endif
