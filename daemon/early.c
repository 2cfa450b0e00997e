/*
 * early.c -- a renamed file checked while it settles (early.h).
 *
 * A burst of a thousand files moved in by mv(1) used to leave the
 * workers idle for the first SETTLE_MOVE_MS, and every renamed file's
 * result came that much later.  Now a worker with room is handed the
 * oldest settling file as it is in incoming/ (settle_begin_next()), by a
 * descriptor opened when no one had the file open (take.c's lease).
 * When the claim is due it is done as any claim is -- probed with a
 * lease, renamed into work/ -- under the id the worker already used, and
 * the result is kept only if the file claimed is the one read, unchanged
 * (device, inode, size, modification and change times).  Any doubt and
 * the early job is let go and the file claimed afresh by nbd_found(): a
 * second check, never a wrong one.
 *
 * Who owns an early job: its settle entry, until the claim is due; then
 * the claimed job goes on as any other, or, let go, is freed here -- at
 * once, or when its worker's result comes (EARLY_GONE).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "early.h"
#include "log.h"
#include "nianbaod.h"
#include "spool.h"
#include "take.h"

/*
 * Only small files are begun early: their worker is done long before the
 * claim is due, and the claim reads them once more (read_as_checked());
 * a big PDF or scan waits for its claim as before.
 */
#define EARLY_MAX	(256 * 1024)

struct job *
early_begin(struct nbd *d, const char *origin, const char *name)
{
	struct take_probe p;
	struct job	*job;

	if (d->stopping || nbd_space_low(d))
		return NULL;
	if (take_probe(&d->spool, origin, name, &p) != TAKE_OK ||
	    p.reason[0] != '\0' || p.st.st_size > EARLY_MAX) {
		/* Busy, refused or gone: the claim sees to it, as before. */
		take_done(&p);
		return NULL;
	}
	if ((job = calloc(1, sizeof(*job))) == NULL ||
	    (job->origin = strdup(origin)) == NULL ||
	    (job->name = spool_stored_name(name)) == NULL ||
	    spool_fresh_id(&d->spool, job->id) != 0) {
		take_done(&p);
		job_free(job);
		return NULL;
	}
	job->size = p.st.st_size;
	job->early_st = p.st;
	job->early_fd = take_keep(&p);
	job->early = EARLY_OUT;
	return job;
}

int
early_fd(const struct job *job)
{
	if (job->early != EARLY_OUT)
		return -1;
	return job->early_fd;
}

static void
forget_result(struct job *job)
{
	json_decref(job->held);
	job->held = NULL;
	free(job->bytes);
	job->bytes = NULL;
	job->textlen = job->linelen = 0;
}

/*
 * Whether the claimed work/ file has the SHA-256 its worker read (rec's
 * "sha256").  Times come from a coarse clock: a file rewritten to the
 * same size within one tick of its rename keeps its stat, not its bytes.
 */
static int
read_as_checked(struct nbd *d, const struct job *job, const json_t *rec)
{
	static const char hexd[] = "0123456789abcdef";
	const char	*want = json_string_value(json_object_get(rec, "sha256"));
	struct sha256_ctx ctx;
	uint8_t		 dig[SHA256_DIGEST_SIZE];
	char		 buf[16384], hex[2 * SHA256_DIGEST_SIZE + 1];
	ssize_t		 n;
	int		 fd;

	if (want == NULL || (fd = spool_open_work(&d->spool, job->origin,
	    job->id, job->name)) == -1)
		return 0;
	sha256_init(&ctx);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(&ctx, (size_t)n, (const uint8_t *)buf);
	close(fd);
	if (n == -1)
		return 0;
	sha256_digest(&ctx, sizeof(dig), dig);
	for (size_t i = 0; i < sizeof(dig); i++) {
		hex[2 * i] = hexd[dig[i] >> 4];
		hex[2 * i + 1] = hexd[dig[i] & 15];
	}
	hex[sizeof(hex) - 1] = '\0';
	return strcmp(hex, want) == 0;
}

int
early_verify(struct nbd *d, struct job *job, json_t *rec)
{
	job->verify = 0;
	if (rec != NULL && read_as_checked(d, job, rec))
		return 0;
	/* Not what was read: checked again, from work/. */
	json_decref(rec);
	forget_result(job);
	nbd_job_queue(d, job);
	return 1;
}

/* The claim's read lease off: a worker may still hold the description. */
static void
unlease(struct job *job)
{
	if (job->early_fd != -1)
		(void)fcntl(job->early_fd, F_SETLEASE, F_UNLCK);
}

/* Now a job like any from work/. */
static void
settled(struct job *job)
{
	if (job->early_fd != -1)
		close(job->early_fd);
	job->early_fd = -1;
	job->early = EARLY_NONE;
}

int
early_result(struct nbd *d, struct job *job, json_t *rec)
{
	(void)d;
	switch (job->early) {
	case EARLY_OUT:
		if (rec == NULL) {
			/* No record to hold: checked again once claimed. */
			forget_result(job);
			job->early = EARLY_IDLE;
			return 1;
		}
		job->held = rec;
		job->early = EARLY_HELD;
		return 1;
	case EARLY_GONE:
		json_decref(rec);
		job_free(job);
		return 1;
	default:
		return 0;
	}
}

void
early_unbegun(struct job *job)
{
	if (job->early == EARLY_GONE) {
		job_free(job);
		return;
	}
	forget_result(job);
	job->early = EARLY_IDLE;
}

/* Let go: freed now, or by its result if a worker has it. */
static void
let_go(struct job *job)
{
	if (job->early == EARLY_OUT) {
		job->early = EARLY_GONE;
		return;
	}
	job_free(job);
}

void
early_drop(struct job *job)
{
	let_go(job);
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* incoming/origin/name to work/origin/ID-stored, never replacing: 0, 1
 * when it is gone, -1 with errno (EEXIST: the id is taken). */
static int
claim_as(struct spool *sp, const struct job *job, const char *name)
{
	char	 to[NAME_MAX + 1];
	int	 from_fd, to_fd, rc = -1, saved;

	if (snprintf(to, sizeof(to), "%s-%s", job->id, job->name) >=
	    (int)sizeof(to)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((from_fd = spool_origin_fd(sp->in_fd, job->origin, 0)) == -1)
		return errno == ENOENT ? 1 : -1;
	if ((to_fd = spool_origin_fd(sp->work_fd, job->origin, 1)) != -1) {
		rc = renameat2(from_fd, name, to_fd, to, RENAME_NOREPLACE);
		if (rc == -1 && errno == ENOENT)
			rc = 1;
	}
	saved = errno;
	spool_origin_close(sp->in_fd, from_fd);
	if (to_fd != -1)
		spool_origin_close(sp->work_fd, to_fd);
	errno = saved;
	return rc;
}

/*
 * Whether incoming/[origin/]name is still the file the worker was given,
 * as it was then, with no writer: a read lease on our descriptor fails
 * while anyone has the file open for writing (the first look's write
 * lease proved no one had it open at all).  The lease, if taken, stays
 * until the descriptor is closed, after the rename.
 */
static int
still_same(struct nbd *d, const struct job *job, const char *origin,
    const char *name)
{
	struct stat	 now, at;

	if (fcntl(job->early_fd, F_SETLEASE, F_RDLCK) == -1 &&
	    (errno == EAGAIN || errno == EBUSY))
		return 0;
	return fstat(job->early_fd, &now) == 0 &&
	    same_file(&now, &job->early_st) && now.st_nlink == 1 &&
	    spool_stat_incoming(&d->spool, origin, name, &at) == 0 &&
	    at.st_dev == now.st_dev && at.st_ino == now.st_ino;
}

void
early_claim(struct nbd *d, struct job *job, const char *origin,
    const char *name)
{
	int		 rc;

	/* Stopping: it stays in incoming/ for the next start. */
	if (d->stopping) {
		let_go(job);
		return;
	}
	if (nbd_space_low(d) || job->early_fd == -1 ||
	    !still_same(d, job, origin, name)) {
		unlease(job);
		let_go(job);
		/* Replaced, written to, busy or gone: claimed as before. */
		if (nbd_found(d, origin, name) == 1)
			nbd_rescan(d);
		return;
	}
	rc = claim_as(&d->spool, job, name);
	unlease(job);
	if (rc != 0) {
		let_go(job);
		/* Gone, or its id taken meanwhile: a fresh claim. */
		if (rc == -1 && nbd_found(d, origin, name) == 1)
			nbd_rescan(d);
		return;
	}
	switch (job->early) {
	case EARLY_OUT:
		/* Its result, when it comes, is a claimed job's, once its
		 * bytes are found to be the claimed file's. */
		settled(job);
		job->verify = 1;
		break;
	case EARLY_HELD: {
		json_t *rec = job->held;

		job->held = NULL;
		settled(job);
		job->verify = 1;
		nbd_job_result(d, job, rec);
		break;
	}
	default:
		settled(job);
		nbd_job_queue(d, job);
		break;
	}
}
