/*
 * store_driver.h -- what a database backend gives the store (private).
 *
 * The store's logic and its SQL live once, in store.c, store_query.c and
 * store_schema.c; a backend only runs one statement with parameters and
 * hands back its rows.  Statements are written with $1, $2 ... parameters,
 * which PostgreSQL takes as they are and SQLite binds by name.
 */
#ifndef NB_STORE_DRIVER_H
#define NB_STORE_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum nb_sv_type { NB_SV_NULL = 0, NB_SV_INT, NB_SV_REAL, NB_SV_TEXT };

/* One parameter or one column of a row. */
struct nb_sv {
	enum nb_sv_type	 t;
	int64_t		 i;
	double		 d;
	const char	*s;
};

#define SV_NULL		((struct nb_sv){ .t = NB_SV_NULL })
#define SV_I(x)		((struct nb_sv){ .t = NB_SV_INT, .i = (int64_t)(x) })
#define SV_D(x)		((struct nb_sv){ .t = NB_SV_REAL, .d = (x) })
/* A text that is never NULL (a literal). */
#define SV_T(x)		((struct nb_sv){ .t = NB_SV_TEXT, .s = (x) })
#define SV_S(x)		((x) != NULL ? \
	(struct nb_sv){ .t = NB_SV_TEXT, .s = (x) } : SV_NULL)

/* Called for each row; a non-zero return stops and is returned by exec. */
typedef int (*nb_sv_row_fn)(void *arg, const struct nb_sv *col, size_t n);

struct nb_store_driver {
	const char	*name;		/* "sqlite", "postgresql" */
	/* Column type of a generated row id in CREATE TABLE. */
	const char	*id_type;
	/* Starts a write transaction. */
	const char	*begin_sql;
	/* Run at the start of a write transaction to serialise writers that
	 * share the database (several daemons); NULL when begin_sql does. */
	const char	*lock_sql;
	int	(*open)(const char *uri, void **db, struct nb_error *err);
	void	(*close)(void *db);
	/* Runs one statement; returns 0, the callback's non-zero value, or
	 * -1 with err set (naming the database's own message). */
	int	(*exec)(void *db, const char *sql, const struct nb_sv *p,
		    size_t np, nb_sv_row_fn row, void *arg,
		    struct nb_error *err);
};

extern const struct nb_store_driver nb_store_sqlite;
extern const struct nb_store_driver nb_store_pg;

struct nb_store {
	const struct nb_store_driver *drv;
	void		*db;
	int		 group;		/* in nb_store_group_begin() */
};

/* store_schema.c: creates or migrates the schema to the current version. */
#define NB_STORE_SCHEMA_VERSION	1
int	 nb_store_migrate(struct nb_store *s, struct nb_error *err);

/* store.c: helpers for store_query.c. */
int	 nb_store_exec(struct nb_store *s, const char *sql,
	    const struct nb_sv *p, size_t np, nb_sv_row_fn row, void *arg,
	    struct nb_error *err);
int	 nb_store_begin(struct nb_store *s, struct nb_error *err);
int	 nb_store_end(struct nb_store *s, int ok, struct nb_error *err);
/* Row callback storing column 0 as an int64 into *(int64_t *)arg. */
int	 nb_sv_int_row(void *arg, const struct nb_sv *col, size_t n);

#endif
