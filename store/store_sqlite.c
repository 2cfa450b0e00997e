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
/*
 * Prepared statements kept for reuse, by their SQL text: the history
 * stage runs the same few dozen queries for every report, and preparing
 * them again (SQLite's parser) was a fifth of its time.  One in use by a
 * caller whose row callback runs the same query again is not reused: the
 * inner call prepares its own.
 */
#define SQ_CACHE	48

struct sq_stmt {
	char		*sql;
	sqlite3_stmt	*st;
	int		 busy;
};

struct sq {
	sqlite3		*db;
	struct sq_stmt	 c[SQ_CACHE];
	size_t		 next;		/* slot replaced when all are taken */
};

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
	struct sq *q;
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
	if ((q = calloc(1, sizeof(*q))) == NULL) {
		sqlite3_close(db);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	q->db = db;
	*out = q;
	return 0;
}

static void
sq_close(void *vq)
{
	struct sq *q = vq;

	if (q == NULL)
		return;
	for (size_t i = 0; i < SQ_CACHE; i++) {
		sqlite3_finalize(q->c[i].st);
		free(q->c[i].sql);
	}
	sqlite3_close(q->db);
	free(q);
}

/* A statement for sql: a kept one (slot *slot) or a new one (*slot -1),
 * kept when there is room. */
static sqlite3_stmt *
sq_prepare(struct sq *q, const char *sql, int *slot)
{
	sqlite3_stmt *st = NULL;
	struct sq_stmt *e;
	size_t i;

	*slot = -1;
	for (i = 0; i < SQ_CACHE && q->c[i].sql != NULL; i++)
		if (!q->c[i].busy && strcmp(q->c[i].sql, sql) == 0) {
			q->c[i].busy = 1;
			*slot = (int)i;
			return q->c[i].st;
		}
	if (sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK)
		return NULL;
	if (i == SQ_CACHE) {
		/* Full: replace one not in use, in turn. */
		for (i = 0; i < SQ_CACHE && q->c[q->next].busy; i++)
			q->next = (q->next + 1) % SQ_CACHE;
		if (i == SQ_CACHE)
			return st;
		i = q->next;
		q->next = (q->next + 1) % SQ_CACHE;
		sqlite3_finalize(q->c[i].st);
		free(q->c[i].sql);
		q->c[i].sql = NULL;
		q->c[i].st = NULL;
	}
	e = &q->c[i];
	if ((e->sql = strdup(sql)) == NULL)
		return st;
	e->st = st;
	e->busy = 1;
	*slot = (int)i;
	return st;
}

/* Done with it: a kept one is reset for the next use. */
static void
sq_release(struct sq *q, sqlite3_stmt *st, int slot)
{
	if (slot == -1) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	q->c[slot].busy = 0;
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
	struct sq *q = vdb;
	sqlite3 *db = q->db;
	sqlite3_stmt *st;
	struct nb_sv cols[SQ_MAXCOLS];
	int rc, ret = 0, slot;

	if ((st = sq_prepare(q, sql, &slot)) == NULL)
		return sq_fail(db, err, "准备语句");
	if (sq_bind(db, st, p, np, err) == -1) {
		sq_release(q, st, slot);
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
	sq_release(q, st, slot);
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
