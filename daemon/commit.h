/*
 * commit.h -- the group commit's flushes in a thread of their own (see
 * commit.c); the loop submits one group at a time and finishes it in
 * nbd_committed() when the thread says it is durable.
 */
#ifndef NBD_COMMIT_H
#define NBD_COMMIT_H

#include <stddef.h>

struct commit;
struct job;
struct nbd;

/* NULL when no thread could be started: commit in the loop then. */
struct commit	*commit_new(struct nbd *d);
/* A group is out. */
int		 commit_busy(const struct commit *c);
/* Commits the group jobs[0..n) (report_group()); the jobs are the
 * thread's until nbd_committed(d, jobs, n, rc) is called from the loop. */
void		 commit_submit(struct commit *c, struct job **jobs, size_t n);
/* Blocks until the group out (if any) is finished. */
void		 commit_wait(struct commit *c);
/* Finishes the group out and stops the thread. */
void		 commit_free(struct commit *c);

#endif
