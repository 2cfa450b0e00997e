/*
 * spool.h -- the spool folders and the moves between them.
 *
 *   incoming/[ORIGIN/]NAME       dropped by producers
 *   work/[ORIGIN/]ID-NAME        claimed (renamed here) before checking
 *   out/ID.json                  the result, written atomically
 *   out/findings.jsonl           one line per report
 *   archive/[ORIGIN/]ID-NAME     checked input
 *   failed/[ORIGIN/]ID-NAME      input that could not be checked,
 *   failed/[ORIGIN/]ID-NAME.reason   with the reason
 *   nianbaod.pid                 locked by the daemon using the spool
 *   uuid                         the spool's key in the history store
 *
 * ID is 16 hex digits (microseconds since the epoch, made unique).  A file
 * in work/ whose out/ID.json exists was checked but not yet moved on;
 * one without was not checked yet.  That is all a restart needs to know.
 */
#ifndef NBD_SPOOL_H
#define NBD_SPOOL_H

#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>

#define SPOOL_ID_LEN	16

struct jsonl_index;

struct spool {
	char		*root;
	int		 root_fd;
	int		 in_fd, work_fd, archive_fd, failed_fd, out_fd;
	int		 lock_fd;	/* flock(2)ed nianbaod.pid: one daemon */
	struct jsonl_index *jsonl;	/* ids of findings.jsonl (jsonl.c) */
	uint64_t	 last_id;
	char		 uuid[37];	/* spool_uuid.c: its key in the store */
};

int	spool_open(struct spool *sp, const char *root, char *err, size_t len);
void	spool_close(struct spool *sp);
/* Reads the spool's UUID (root/uuid), made at the first start. */
int	spool_load_uuid(struct spool *sp, char *err, size_t len);

/*
 * Moves incoming/[origin/]name to work/, under a new id.  Returns 0 when
 * claimed (id and the stored name, possibly shortened, filled in), 1 when
 * the file is gone (claimed already), -1 on error with errno set.
 */
int	spool_claim(struct spool *sp, const char *origin, const char *name,
	    char id[SPOOL_ID_LEN + 1], char **stored);

/*
 * A descriptor of dirfd's subfolder origin ("" for dirfd itself), never
 * through a symlink (ELOOP then); created first when create is set.
 * For "" it is dirfd, not a copy: give it back with spool_origin_close().
 */
int	spool_origin_fd(int dirfd, const char *origin, int create);
/* Closes what spool_origin_fd(dirfd, ...) returned, unless it is dirfd. */
void	spool_origin_close(int dirfd, int fd);
/* lstat of incoming/origin/name, resolved beneath incoming/. */
int	spool_stat_incoming(struct spool *sp, const char *origin,
	    const char *name, struct stat *st);
/* Opens the claimed file work/origin/ID-name for reading. */
int	spool_open_work(struct spool *sp, const char *origin, const char *id,
	    const char *name);
/* The name kept after the id (cut to fit NAME_MAX); NULL: no memory. */
char	*spool_stored_name(const char *name);
/* An id no result in out/ has yet (0), or -1 with errno. */
int	spool_fresh_id(struct spool *sp, char id[SPOOL_ID_LEN + 1]);

/* Gives the work/ entry a fresh id (for stray names found in work/). */
int	spool_reclaim(struct spool *sp, const char *origin, const char *entry,
	    char id[SPOOL_ID_LEN + 1], char **stored);

/* True if entry looks like ID-NAME; then id and name are filled in. */
int	spool_parse_entry(const char *entry, char id[SPOOL_ID_LEN + 1],
	    const char **name);

/* "ORIGIN/ID-NAME" or "ID-NAME", relative to a spool folder. */
int	spool_rel(char *buf, size_t len, const char *origin, const char *id,
	    const char *name);

/* Absolute path of the work/ file. */
int	spool_work_path(const struct spool *sp, char *buf, size_t len,
	    const char *origin, const char *id, const char *name);

/* Writes data to dirfd/name by way of a temporary file, fsync, rename. */
int	spool_write_atomic(int dirfd, const char *name, const char *data,
	    size_t len);
/* The same without the fsyncs: whole across a crash of the process, made
 * durable later by spool_sync() (group commit). */
int	spool_write_staged(int dirfd, const char *name, const char *data,
	    size_t len);
/* Makes everything written to the spool's file system durable. */
int	spool_sync(struct spool *sp);

/* out/ID.json exists (1), does not (0), error (-1). */
int	spool_has_result(struct spool *sp, const char *id);
/* Reads out/ID.json; NULL on error. */
char	*spool_read_result(struct spool *sp, const char *id);

/* jsonl.c: out/findings.jsonl. */
/* Drops a torn last line (after a crash). */
int	spool_jsonl_repair(struct spool *sp);
/* Whether a whole line of the file has id (1), not (0), error (-1). */
int	spool_jsonl_has(struct spool *sp, const char *id);
/* Appends lines (ending in '\n') and syncs them; all or nothing. */
int	spool_jsonl_append(struct spool *sp, const char *line, size_t len);
/* Frees what spool_jsonl_has() keeps. */
void	spool_jsonl_forget(struct spool *sp);

/* Moves the work/ file to archive/ or, with reason, to failed/. */
int	spool_move_done(struct spool *sp, const char *origin, const char *id,
	    const char *name, const char *reason);

#endif
