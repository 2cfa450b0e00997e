/*
 * model.c -- from the lines of a document to the report model: prepares
 * the compact lines, runs format, title, sections, period and tables in
 * that order, and frees the model.
 *
 * Everything is matched on "compact" text (normalised, every space and
 * tab removed), because converters wrap and space Chinese text at random.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

static int
alloc_tables(struct nb_report *r)
{
	const struct nb_pack *pack = r->pack;
	size_t i;

	if (pack->ntables > 0 &&
	    (r->tables = calloc(pack->ntables, sizeof(*r->tables))) == NULL)
		return -1;
	if (pack->ncells > 0 &&
	    (r->cells = calloc(pack->ncells, sizeof(*r->cells))) == NULL)
		return -1;
	for (i = 0; i < pack->ncells; i++)
		r->cells[i].v.raw = "";
	return 0;
}

static int
prepare(struct build *b)
{
	const struct nb_pack *pack = b->r->pack;
	const struct nb_doc *doc;
	const char *body;
	size_t i;
	int k;

	for (k = 0; k < 6; k++) {
		if (pack->sections[k].heading == NULL)
			continue;
		b->canon[k] = nb_compact(pack->sections[k].heading,
		    strlen(pack->sections[k].heading));
		if (b->canon[k] == NULL)
			return -1;
		if ((body = nb_skip_ordinal(b->canon[k])) != NULL)
			memmove(b->canon[k], body, strlen(body) + 1);
	}
	if (nb_relayout(b) == -1)
		return -1;
	doc = b->r->doc;
	if (doc->nlines > 0 &&
	    (b->cl = calloc(doc->nlines, sizeof(*b->cl))) == NULL)
		return -1;
	for (i = 0; i < doc->nlines; i++)
		if ((b->cl[i] = nb_squeeze(doc->lines[i].text)) == NULL)
			return -1;
	return 0;
}

static void
build_clear(struct build *b)
{
	int k;

	if (b->cl != NULL)
		for (size_t i = 0; i < b->r->doc->nlines; i++)
			if (b->cl[i] != b->r->doc->lines[i].text)
				free(b->cl[i]);
	free(b->cl);
	b->cl = NULL;
	for (k = 0; k < 6; k++) {
		free(b->canon[k]);
		b->canon[k] = NULL;
	}
}

/*
 * No pack reads the report's format: its tables are not read (cells of
 * another format would be misread), and say so rather than let them
 * look absent.
 */
static int
unread_tables(struct nb_report *r)
{
	for (size_t i = 0; i < r->pack->ntables; i++) {
		r->tables[i].state = NB_TABLE_UNREADABLE;
		if ((r->tables[i].why = strdup("规则包中没有本报告所用格式的"
		    "表格定义，未读取表格")) == NULL)
			return -1;
	}
	return 0;
}

/*
 * force: the format found with the pack that named r->pack, or 0.  The
 * format is then not looked for again; without it, once the format is
 * known to be read by another pack, nothing more is built (returns 1):
 * nb_report_build() builds the model again with that pack.
 */
static int
build_all(struct build *b, enum nb_format force, struct nb_error *err)
{
	struct nb_report *r = b->r;
	const struct nb_pack *own;

	if (prepare(b) == -1 || (r->issuer = strdup("")) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	if (force != NB_FMT_UNKNOWN)
		r->format = force;
	else if (nb_find_format(b) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	else if ((own = nb_pack_for_format(r->pack, r->format)) != NULL &&
	    own != r->pack)
		return 1;
	else if (own == NULL && nb_pack_format_pending(r->pack, r->format)) {
		r->pack_pending = 1;
		return 0;
	}
	if (nb_find_title(b) == -1 || nb_find_sections(b) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	/* The compact lines were for finding headings; the section texts
	 * and the tables read the document's lines: give the memory back
	 * before they take theirs. */
	build_clear(b);
	if (nb_section_texts(b) == -1 || alloc_tables(r) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	nb_find_period(r);
	/* Only the format's own pack reads its tables. */
	if (nb_pack_for_format(r->pack, r->format) == r->pack)
		return nb_tables_extract(r, err);
	if (r->format != NB_FMT_UNKNOWN && unread_tables(r) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	return 0;
}

static struct nb_report *
build_with(const struct nb_doc *doc, const struct nb_pack *pack,
    enum nb_format force, struct nb_error *err)
{
	struct build b;
	struct nb_report *r;
	int rc;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", doc->name);
		return NULL;
	}
	r->src = r->doc = doc;
	r->pack = pack;
	memset(&b, 0, sizeof(b));
	b.r = r;
	rc = build_all(&b, force, err);
	build_clear(&b);
	if (rc == -1) {
		nb_report_free(r);
		return NULL;
	}
	/* The format's own pack reads the report: built again with it. */
	if (rc == 1) {
		const struct nb_pack *own = nb_pack_for_format(pack,
		    r->format);

		force = r->format;
		nb_report_free(r);
		return build_with(doc, own, force, err);
	}
	return r;
}

/*
 * The report's format picks the pack that reads it: found with the
 * markers of the pack given, the model is built again with the format's
 * own pack (its sections, tables and relations) when that is another.
 */
struct nb_report *
nb_report_build(const struct nb_doc *doc, const struct nb_pack *pack,
    struct nb_error *err)
{
	return build_with(doc, pack, NB_FMT_UNKNOWN, err);
}

static void
table_free(struct nb_table *t)
{
	free(t->why);
	for (size_t j = 0; j < t->nbad_rows; j++) {
		free(t->bad_rows[j].digits);
		free(t->bad_rows[j].cells);
	}
	free(t->bad_rows);
}

void
nb_report_free(struct nb_report *r)
{
	int k;

	if (r == NULL)
		return;
	for (k = 0; k < 7; k++) {
		free(r->sec[k].text);
		free(r->sec[k].mark);
		free(r->sec[k].heading);
		free(r->sec[k].heading_c);
	}
	nb_arena_free(&r->cell_text);
	free(r->cells);
	if (r->tables != NULL)
		for (size_t i = 0; i < r->pack->ntables; i++)
			table_free(&r->tables[i]);
	free(r->tables);
	free(r->heads);
	free(r->head_sec);
	free(r->issuer);
	nb_doc_free(r->own_doc);
	free(r->lmap);
	free(r);
}
