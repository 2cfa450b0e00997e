/*
 * store.c -- `nianbao check --store DB [--roster FILE]`: every checked
 * report is checked against the history (the plugins of checks across
 * reports) and written to the store, as the daemon does.
 *
 * A file's key in the store is ("cli", its real path and sha256):
 * checking the same file again is a replay that changes nothing; the same
 * content under another name is a new version (history.duplicate).
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store.h"
#include "store/record.h"

int
cli_store_open(struct cli_store *cs, const char *uri, const char *roster)
{
	struct nb_error err;

	memset(cs, 0, sizeof(*cs));
	nb_error_clear(&err);
	if (roster != NULL && (cs->roster = nb_roster_load(roster, &err)) ==
	    NULL) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return -1;
	}
	if (nb_store_open(uri, &cs->store, &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		nb_roster_free(cs->roster);
		cs->roster = NULL;
		return -1;
	}
	return 0;
}

void
cli_store_close(struct cli_store *cs)
{
	nb_store_close(cs->store);
	nb_roster_free(cs->roster);
	memset(cs, 0, sizeof(*cs));
}

/* The drop subfolder of a CLI input: the name of its folder. */
static void
origin_of(const char *real, char *buf, size_t len)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", real);
	snprintf(buf, len, "%s", basename(dirname(tmp)));
}

static int
store_one(struct cli_store *cs, struct nb_engine *e, const char *path,
    struct nb_result *res, struct nb_error *err)
{
	char real[PATH_MAX], id[PATH_MAX + 80], origin[PATH_MAX];
	struct nb_origin o = { .spool = "cli", .id = id, .origin = origin };
	struct nb_record_history h;
	struct nb_store_report *rec;
	struct nb_store_put put;
	struct stat st;
	int rc;

	if (realpath(path, real) == NULL || stat(real, &st) == -1)
		return nb_fail(err, NB_ERR_IO, "%s: %m", path);
	snprintf(id, sizeof(id), "%s:%s", real, res->sha256);
	origin_of(real, origin, sizeof(origin));
	/* A file on disk tells no arrival: deadline.late reads the date the
	 * text gives. */
	o.received = 0;
	o.checked = (int64_t)time(NULL);
	if (nb_record_history_init(&h, cs->store, cs->roster, &o, res,
	    err) == -1)
		return -1;
	rc = nb_check_history(e, res, &h.ops, err);
	if (rc == 0 && h.err.code != NB_OK) {
		*err = h.err;
		rc = -1;
	}
	nb_record_history_fini(&h);
	if (rc == -1 || cs->dry_run)
		return rc;
	if ((rec = nb_record_from_result(res, &o, cs->roster, err)) == NULL)
		return -1;
	rc = nb_store_put(cs->store, rec, &put, err);
	nb_store_report_free(rec);
	return rc;
}

int
cli_store_result(struct cli_store *cs, struct nb_engine *e, const char *path,
    struct nb_result *res)
{
	struct nb_error err;

	nb_error_clear(&err);
	if (store_one(cs, e, path, res, &err) == -1) {
		fprintf(stderr, "nianbao: %s: 未写入历史库：%s\n", path, err.msg);
		return -1;
	}
	return 0;
}
