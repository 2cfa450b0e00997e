/*
 * store_sqlite.c -- the embedded SQLite backend of the history store.
 *
 * One file under the daemon's state directory (or wherever the CLI is
 * told), in WAL mode so that `nianbao history` and the board read while
 * the daemon writes, with synchronous=FULL because the daemon moves an
 * input out of work/ only once its report is in the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_driver.h"

#define SQLITE_BUSY_MS	10000

static int
sq_fail(sqlite3 *db, struct nb_error *err, const char *what)
{
	return nb_fail(err, NB_ERR_IO, "历史库（SQLite）%s失败：%s", what,
	    db != NULL ? sqlite3_errmsg(db) : "内存不足");
}

static int
sq_pragmas(sqlite3 *db, struct nb_error *err)
{
	static const char *const pragmas =
	    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    " PRAGMA foreign_keys=ON;";
	char *msg = NULL;

	if (sqlite3_exec(db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		nb_fail(err, NB_ERR_IO, "历史库（SQLite）设置失败：%s",
		    msg != NULL ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
sq_open(const char *uri, void **out, struct nb_error *err)
{
	sqlite3 *db = NULL;
	const char *path = uri;

	if (strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	if (*path == '\0')
		return nb_fail(err, NB_ERR_CONFIG, "历史库：未给出文件名");
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		nb_fail(err, NB_ERR_IO, "%s: 无法打开历史库：%s", path,
		    db != NULL ? sqlite3_errmsg(db) : "内存不足");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, SQLITE_BUSY_MS);
	if (sq_pragmas(db, err) == -1) {
		sqlite3_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

static void
sq_close(void *db)
{
	sqlite3_close(db);
}

static int
sq_bind(sqlite3 *db, sqlite3_stmt *st, const struct nb_sv *p, size_t np,
    struct nb_error *err)
{
	for (size_t k = 0; k < np; k++) {
		char name[24];
		int idx, rc;

		snprintf(name, sizeof(name), "$%zu", k + 1);
		if ((idx = sqlite3_bind_parameter_index(st, name)) == 0)
			continue;	/* not used by this statement */
		switch (p[k].t) {
		case NB_SV_INT:
			rc = sqlite3_bind_int64(st, idx, p[k].i);
			break;
		case NB_SV_REAL:
			rc = sqlite3_bind_double(st, idx, p[k].d);
			break;
		case NB_SV_TEXT:
			rc = sqlite3_bind_text(st, idx, p[k].s, -1,
			    SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, idx);
			break;
		}
		if (rc != SQLITE_OK)
			return sq_fail(db, err, "绑定参数");
	}
	return 0;
}

/* Column i of the current row as a value; text stays valid until the
 * next step. */
static struct nb_sv
sq_col(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return SV_I(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return SV_D(sqlite3_column_double(st, i));
	case SQLITE_NULL:
		return SV_NULL;
	default:
		return SV_S((const char *)sqlite3_column_text(st, i));
	}
}

#define SQ_MAXCOLS 32

static int
sq_exec(void *vdb, const char *sql, const struct nb_sv *p, size_t np,
    nb_sv_row_fn row, void *arg, struct nb_error *err)
{
	sqlite3 *db = vdb;
	sqlite3_stmt *st = NULL;
	struct nb_sv cols[SQ_MAXCOLS];
	int rc, ret = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sq_fail(db, err, "准备语句");
	if (sq_bind(db, st, p, np, err) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);

		if (row == NULL)
			continue;
		if (n > SQ_MAXCOLS)
			n = SQ_MAXCOLS;
		for (int i = 0; i < n; i++)
			cols[i] = sq_col(st, i);
		if ((ret = row(arg, cols, (size_t)n)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = sq_fail(db, err, "执行语句");
	sqlite3_finalize(st);
	return ret;
}

const struct nb_store_driver nb_store_sqlite = {
	.name = "sqlite",
	.id_type = "INTEGER PRIMARY KEY",
	.begin_sql = "BEGIN IMMEDIATE",
	.lock_sql = NULL,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
};
