/*
 * error.h -- how libnianbao reports a failure to its caller.
 *
 * Every function that can fail fills a struct nb_error with a code and a
 * Chinese message that names the file and the reason, so the CLI and the
 * daemon can show it to a user as it is.
 */
#ifndef NB_ERROR_H
#define NB_ERROR_H

#include <stddef.h>

enum nb_errcode {
	NB_OK = 0,
	NB_ERR_NOMEM,		/* out of memory */
	NB_ERR_IO,		/* cannot open or read the file */
	NB_ERR_TOO_BIG,		/* over a configured limit */
	NB_ERR_ENCODING,	/* bytes cannot be decoded */
	NB_ERR_FORMAT,		/* file type not supported or damaged */
	NB_ERR_CONFIG,		/* rule pack, plugin or configuration error */
	NB_ERR_PLUGIN,		/* a plugin failed while checking */
	NB_ERR_EMPTY		/* nothing but white space to check */
};

struct nb_error {
	enum nb_errcode code;
	char		msg[1024];
};

/* Sets err (if not NULL) and returns -1, so callers can `return nb_fail(...)`. */
int	nb_fail(struct nb_error *err, enum nb_errcode code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	nb_error_clear(struct nb_error *err);
/* The stable id of why an input could not be checked ("ingest.empty",
 * ...), as the JSON record and --list-rules name it. */
const char *nb_error_rule(enum nb_errcode code);

#endif
