/*
 * tables.h -- what the table tests share: the pack and source directory,
 * the T3/T4 row and column ids, a report built from a text or a sample
 * (tables-fix.c), and the checks on its cells.  The checks are static
 * inline so that each test's counters (check.h) count them.
 */
#ifndef NB_TEST_TABLES_H
#define NB_TEST_TABLES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "normalize.h"
#include "pack.h"

extern const char *srcdir;
extern struct nb_pack *pack;
extern const char *const t3rows[25];
extern const char *const t3cols[7];
extern const char *const t4cols[15];

struct fix {
	struct nb_doc	 *d;
	struct nb_report *r;
};

/* A document of text; NULL on failure. */
struct nb_doc	*doc_from(const char *name, const char *text);
/* A whole file, NUL-terminated; NULL on failure. */
char		*slurp(const char *path);
/* The report of text under the national pack; -1 (and a message). */
int		 fix_text(struct fix *f, const char *name, const char *text);
void		 fix_free(struct fix *f);
/* Reads argv[1] or $NB_SRCDIR and loads the pack; -1 (and the closing
 * line) on failure. */
int		 tables_setup(int argc, char **argv);

/* The checks; tables-fix.c, which counts nothing, leaves them out. */
#ifndef NB_TEST_TABLES_NO_CHECKS
#include "check.h"

static inline const struct nb_cell *
cell(const struct nb_report *r, const char *id)
{
	size_t i;

	/* The pack that read the report: its format's own. */
	for (i = 0; i < r->pack->ncells; i++)
		if (strcmp(r->pack->cells[i].id, id) == 0)
			return &r->cells[i];
	printf("no cell %s in the pack\n", id);
	return NULL;
}

static inline enum nb_table_state
tstate(const struct nb_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->pack->ntables; i++)
		if (strcmp(r->pack->tables[i].id, id) == 0)
			return r->tables[i].state;
	return (enum nb_table_state)-1;
}

static inline void
is_int(const struct nb_report *r, const char *id, long long want)
{
	const struct nb_cell *c = cell(r, id);

	CHECK(c != NULL && c->v.kind == NB_VAL_INT && c->v.i == want &&
	    c->v.d == (double)want, "%s: want %lld, got kind %d value %lld",
	    id, want, c ? (int)c->v.kind : -1, c ? (long long)c->v.i : 0);
}

static inline void
is_kind(const struct nb_report *r, const char *id, enum nb_value_kind k)
{
	const struct nb_cell *c = cell(r, id);

	CHECK(c != NULL && c->v.kind == k, "%s: want kind %d, got %d", id,
	    (int)k, c ? (int)c->v.kind : -1);
}

/* Row of T3 given as "n n n n n n n". */
static inline void
t3_row_is(const struct nb_report *r, const char *row, const char *vals)
{
	char id[128];
	const char *p = vals;
	char *end;
	int c;

	for (c = 0; c < 7; c++) {
		long long v = strtoll(p, &end, 10);
		p = end;
		snprintf(id, sizeof(id), "t3.%s.%s", row, t3cols[c]);
		is_int(r, id, v);
	}
}

static inline void
t4_is(const struct nb_report *r, const char *vals)
{
	char id[128];
	const char *p = vals;
	char *end;
	int c;

	for (c = 0; c < 15; c++) {
		long long v = strtoll(p, &end, 10);
		p = end;
		snprintf(id, sizeof(id), "t4.%s", t4cols[c]);
		is_int(r, id, v);
	}
}

/* Every cell that holds a token points at exactly those raw bytes. */
static inline void
offsets_ok(const struct nb_report *r, const char *name)
{
	size_t i, bad = 0;

	for (i = 0; i < r->pack->ncells; i++) {
		const struct nb_cell *c = &r->cells[i];
		const char *raw;

		if (c->v.kind != NB_VAL_INT && c->v.kind != NB_VAL_DECIMAL)
			continue;
		raw = r->src->lines[c->line_index].raw;
		if (c->v.raw == NULL || strlen(c->v.raw) != c->len ||
		    strncmp(raw + c->off, c->v.raw, c->len) != 0 ||
		    c->v.line != r->src->lines[c->line_index].lineno)
			bad++;
	}
	CHECK(bad == 0, "%s: %zu cells with wrong byte offsets", name, bad);
}

static inline int
fix_sample(struct fix *f, const char *n)
{
	char path[4096];
	char *text;
	int rc;

	snprintf(path, sizeof(path), "%s/tests/data/sample-%s.txt", srcdir, n);
	if ((text = slurp(path)) == NULL) {
		printf("cannot read %s\n", path);
		failed++;
		return -1;
	}
	rc = fix_text(f, path, text);
	free(text);
	CHECK(rc == 0, "build %s", path);
	return rc;
}

#endif /* NB_TEST_TABLES_NO_CHECKS */
#endif
