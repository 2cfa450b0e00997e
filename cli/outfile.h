/*
 * outfile.h -- `-o FILE`: output that appears whole or not at all.
 *
 * Written to a temporary file beside FILE, flushed to disk and renamed
 * over FILE only when the run has finished; a run that fails (or is
 * killed) leaves FILE as it was, never half-written.
 */
#ifndef NB_CLI_OUTFILE_H
#define NB_CLI_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE	*fp;		/* where to write: stdout, or the temporary */
	char	*path;		/* FILE, NULL for standard output */
	char	*tmp;		/* the temporary's name */
};

/* path NULL or "-": standard output.  0, or -1 with msg. */
int	outfile_open(struct outfile *o, const char *path, char *msg,
	    size_t len);
/* Flushes, syncs and renames into place.  0, or -1 with msg (FILE is
 * then untouched and the temporary removed). */
int	outfile_commit(struct outfile *o, char *msg, size_t len);
/* For a writer that wants a file name (libxlsxwriter): closes fp and
 * returns the temporary's name, to be filled by name and then committed
 * or aborted as usual.  NULL for standard output. */
const char *outfile_release(struct outfile *o);
/* Drops what was written; FILE is untouched. */
void	outfile_abort(struct outfile *o);

#endif
