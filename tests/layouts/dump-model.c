/*
 * dump-model -- what the report model read from a file, as one JSON
 * line per file: format, year, the sections found, each table's state,
 * confidence and reason, and every cell (kind, value, token as written,
 * confidence, source, line, page).  The layout tests compare these
 * readings between a variant and its clean copy, not only the findings.
 *
 * usage: dump-model RULES FILE...
 * A file that cannot be read or ingested prints {"file":…,"error":…}.
 * Exit 0 unless the rule pack cannot be loaded or memory runs out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ingest.h"
#include "model.h"
#include "nianbao.h"
#include "pack.h"

static const char *const states[] = { "absent", "header_only", "partial",
    "complete", "unreadable" };
static const char *const kinds[] = { "absent", "missing", "int",
    "decimal" };
static const char *const sources[] = { "none", "text", "grid", "glued",
    "ocr" };

static const char *
name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : "?";
}

static json_t *
sections_json(const struct nb_report *r)
{
	json_t *a = json_array();
	int n;

	for (n = 1; a != NULL && n <= 6; n++)
		if (json_array_append_new(a, json_pack("{s:i, s:i, s:i}",
		    "n", n, "line", (int)r->sec[n].line, "count",
		    r->sec[n].count)) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *
tables_json(const struct nb_report *r)
{
	const struct nb_pack *p = r->pack;
	json_t *o = json_object();
	size_t i;

	for (i = 0; o != NULL && i < p->ntables; i++) {
		const struct nb_table *t = &r->tables[i];

		if (json_object_set_new(o, p->tables[i].id, json_pack(
		    "{s:s, s:i, s:i, s:f, s:s}", "state", name_of(states, 5,
		    (int)t->state), "line", (int)t->line, "rows",
		    t->rows_found, "confidence", t->confidence, "why",
		    t->why ? t->why : "")) == -1) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static json_t *
cell_json(const struct nb_cell *c)
{
	const struct nb_value *v = &c->v;
	json_t *o, *val;

	if (v->kind == NB_VAL_INT)
		val = json_integer((json_int_t)v->i);
	else if (v->kind == NB_VAL_DECIMAL)
		val = json_real(v->d);
	else
		val = json_null();
	o = json_pack("{s:s, s:o, s:s, s:f, s:s, s:i, s:i}", "kind",
	    name_of(kinds, 4, (int)v->kind), "value", val, "raw",
	    v->raw ? v->raw : "", "conf", c->conf, "src",
	    name_of(sources, 5, (int)c->src), "line", (int)v->line, "page",
	    (int)v->page);
	return o;
}

static json_t *
cells_json(const struct nb_report *r)
{
	const struct nb_pack *p = r->pack;
	json_t *o = json_object();
	size_t i;

	for (i = 0; o != NULL && i < p->ncells; i++)
		if (json_object_set_new(o, p->cells[i].id,
		    cell_json(&r->cells[i])) == -1) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static json_t *
model_json(const char *path, const struct nb_pack *pack)
{
	struct nb_limits lim;
	struct nb_error err = { NB_OK, "" };
	struct nb_report *r;
	struct nb_doc *doc;
	json_t *o;
	char *buf;
	size_t len;

	memset(&lim, 0, sizeof(lim));
	if (nb_read_file(path, &lim, &buf, &len, &err) == -1)
		return json_pack("{s:s, s:s}", "file", path, "error", err.msg);
	doc = nb_ingest(path, buf, len, &lim, &err);
	free(buf);
	if (doc == NULL)
		return json_pack("{s:s, s:s}", "file", path, "error", err.msg);
	/* NB_DUMP_LINES=1: the document's lines on stderr, as the model
	 * reads them (for looking into a PDF's text). */
	if (getenv("NB_DUMP_LINES") != NULL)
		for (size_t li = 0; li < doc->nlines; li++)
			fprintf(stderr, "%u\t%s\n", doc->lines[li].lineno,
			    doc->lines[li].raw);
	if ((r = nb_report_build(doc, pack, &err)) == NULL) {
		nb_doc_free(doc);
		return NULL;
	}
	o = json_pack("{s:s, s:s, s:s, s:i, s:s, s:o, s:o, s:o}", "file",
	    path, "kind", doc->kind, "format", nb_format_name(r->format),
	    "year", r->year, "issuer", r->issuer ? r->issuer : "",
	    "sections", sections_json(r), "tables", tables_json(r), "cells",
	    cells_json(r));
	nb_report_free(r);
	nb_doc_free(doc);
	return o;
}

int
main(int argc, char *argv[])
{
	struct nb_error err = { NB_OK, "" };
	struct nb_pack *pack;
	int i, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: dump-model RULES FILE...\n");
		return 2;
	}
	if ((pack = nb_pack_load(argv[1], &err)) == NULL) {
		fprintf(stderr, "dump-model: %s\n", err.msg);
		return 2;
	}
	for (i = 2; i < argc && rc == 0; i++) {
		json_t *o = model_json(argv[i], pack);

		if (o == NULL || json_dumpf(o, stdout, JSON_COMPACT) == -1) {
			fprintf(stderr, "dump-model: %s: out of memory\n",
			    argv[i]);
			rc = 2;
		}
		putchar('\n');
		json_decref(o);
	}
	nb_pack_free(pack);
	return rc;
}
