/*
 * result.c -- the findings of one input, and what was read of its tables
 * and cells, copied out of the model before it goes (result_json.c makes
 * the record of them).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "api_model.h"
#include "doc.h"
#include "host.h"
#include "nianbao.h"

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void
found_free(struct nb_found *f)
{
	free(f->rule);
	free(f->plugin);
	free(f->message);
	free(f->cell);
	free(f->relation);
	for (size_t i = 0; i < f->ncells; i++)
		free(f->cells[i]);
	free(f->cells);
	for (size_t i = 0; i < f->nrelated; i++)
		free(f->related[i]);
	free(f->related);
	free(f->others);
	free(f->pos);
}

/* A copy of the n strings of v (NULLs skipped) in *out, *nout. */
static int
copy_strv(char ***out, size_t *nout, const char *const *v, size_t n)
{
	if (n == 0 || v == NULL)
		return 0;
	if ((*out = calloc(n, sizeof(**out))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == NULL)
			continue;
		if (((*out)[*nout] = strdup(v[i])) == NULL)
			return -1;
		(*nout)++;
	}
	return 0;
}

#define NB_OCR_MARK "（扫描件识别）"

/*
 * A plugin's message as valid UTF-8: a byte that begins no character
 * (a quote cut inside one, say) becomes U+FFFD.  Every writer of findings
 * (JSON, SARIF, the store) refuses invalid text, which would lose the
 * whole report for one bad byte.
 */
static char *
utf8_dup(const char *s)
{
	size_t len = strlen(s), n = 0;
	const uint8_t *p = (const uint8_t *)s, *end = p + len, *bad;
	char *out;

	if (u8_check(p, len) == NULL)
		return strdup(s);
	if ((out = malloc(len * 3 + 1)) == NULL)
		return NULL;
	while ((bad = u8_check(p, (size_t)(end - p))) != NULL) {
		memcpy(out + n, p, (size_t)(bad - p));
		n += (size_t)(bad - p);
		memcpy(out + n, "\xef\xbf\xbd", 3);
		n += 3;
		p = bad + 1;
	}
	memcpy(out + n, p, (size_t)(end - p));
	out[n + (size_t)(end - p)] = '\0';
	return out;
}

/* msg (taken) with the scan's mark after it. */
static char *
ocr_message(char *msg)
{
	size_t n = strlen(msg);
	char *m;

	if ((m = realloc(msg, n + sizeof(NB_OCR_MARK))) == NULL) {
		free(msg);
		return NULL;
	}
	memcpy(m + n, NB_OCR_MARK, sizeof(NB_OCR_MARK));
	return m;
}

int
nb_result_add(struct nb_result *res, const char *plugin,
    const struct nb_finding *f, const struct nb_doc *doc)
{
	unsigned page, page_line;

	struct nb_found *d;

	if (res->nfindings == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 16;
		struct nb_found *nf = realloc(res->findings, cap * sizeof(*nf));
		if (nf == NULL)
			return -1;
		res->findings = nf;
		res->cap = cap;
	}
	d = &res->findings[res->nfindings];
	memset(d, 0, sizeof(*d));
	d->severity = f->severity;
	/* A PDF finding is found as a viewer shows it: page, line on it. */
	page = nb_doc_line_page(doc, f->line, &page_line);
	d->docline = f->line;
	d->line = page != 0 && page_line != 0 ? page_line : f->line;
	d->page = page;
	d->section = f->section;
	d->has_values = f->has_values;
	d->expected = f->expected;
	d->actual = f->actual;
	/* Read from a scan: the finding says so, for the reviewer to look
	 * at the page before trusting it. */
	if (doc != NULL && doc->ocr)
		d->source = "ocr";
	if ((d->rule = strdup(f->rule)) == NULL ||
	    (d->plugin = strdup(plugin)) == NULL ||
	    (d->message = utf8_dup(f->message)) == NULL ||
	    (d->source != NULL && (d->message = ocr_message(d->message)) ==
	    NULL) ||
	    (f->cell && (d->cell = strdup(f->cell)) == NULL) ||
	    (f->relation && (d->relation = strdup(f->relation)) == NULL) ||
	    copy_strv(&d->cells, &d->ncells, f->cells, f->n_cells) == -1 ||
	    copy_strv(&d->related, &d->nrelated, f->related,
	    f->n_related) == -1) {
		found_free(d);
		return -1;
	}
	res->nfindings++;
	if (f->severity == NB_SEV_ERROR)
		res->errors++;
	else if (f->severity == NB_SEV_WARNING)
		res->warnings++;
	return 0;
}

struct nb_result *
nb_result_new(const char *file)
{
	struct nb_result *res = calloc(1, sizeof(*res));

	if (res == NULL)
		return NULL;
	if ((res->file = strdup(file)) == NULL) {
		free(res);
		return NULL;
	}
	res->kind = "text";
	res->encoding = "UTF-8";
	return res;
}

void
nb_result_free(struct nb_result *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->nfindings; i++)
		found_free(&res->findings[i]);
	free(res->findings);
	for (size_t i = 0; i < res->ntables; i++) {
		free(res->tables[i].id);
		free(res->tables[i].why);
	}
	free(res->tables);
	free(res->reading_text);
	free(res->readings);
	free(res->file);
	free(res->issuer);
	nb_doc_free(res->doc);
	for (size_t i = 0; i < res->ncells; i++) {
		free(res->cells[i].id);
		free((char *)res->cells[i].v.raw);
	}
	free(res->cells);
	for (size_t i = 0; i < NB_RESULT_NTEXT; i++)
		free(res->text[i]);
	free(res);
}

/* ABI 1.1 relate() and mark(): to the finding added last. */
int
nb_result_relate(struct nb_result *res, nb_handle h)
{
	struct nb_found *f;
	nb_handle *v;

	if (res->nfindings == 0)
		return -1;
	f = &res->findings[res->nfindings - 1];
	if ((v = realloc(f->others, (f->nothers + 1) * sizeof(*v))) == NULL)
		return -1;
	f->others = v;
	v[f->nothers++] = h;
	return 0;
}

int
nb_result_mark(struct nb_result *res, int section, size_t off, size_t len)
{
	struct nb_found *f;
	struct nb_fpos *v;

	if (res->nfindings == 0)
		return -1;
	f = &res->findings[res->nfindings - 1];
	if ((v = realloc(f->pos, (f->npos + 1) * sizeof(*v))) == NULL)
		return -1;
	f->pos = v;
	v[f->npos++] = (struct nb_fpos){ section, off, len };
	return 0;
}

int
nb_result_set_issuer(struct nb_result *res, const char *issuer)
{
	free(res->issuer);
	res->issuer = dup_or_null(issuer && issuer[0] ? issuer : NULL);
	return issuer && issuer[0] && res->issuer == NULL ? -1 : 0;
}

/* Document-level findings (line 0) first, then in the order of the
 * document (not of the line on a page); stable. */
static int
cmp_found(const void *a, const void *b)
{
	const struct nb_found *x = a, *y = b;

	if (x->docline != y->docline)
		return x->docline < y->docline ? -1 : 1;
	return x < y ? -1 : x > y;
}

void
nb_result_sort(struct nb_result *res)
{
	if (res->nfindings > 1)
		qsort(res->findings, res->nfindings, sizeof(*res->findings),
		    cmp_found);
}


static int
set_tables(struct nb_result *res, const struct nb_report *r)
{
	const struct nb_pack *p = r->pack;

	if (p->ntables == 0)
		return 0;
	if ((res->tables = calloc(p->ntables, sizeof(*res->tables))) == NULL)
		return -1;
	for (size_t i = 0; i < p->ntables; i++) {
		struct nb_table_read *t = &res->tables[res->ntables];
		const char *why = NULL;

		t->state = r->tables[i].state;
		t->confidence = nb_api_table_confidence(r, p->tables[i].id, &why);
		if ((t->id = strdup(p->tables[i].id)) == NULL ||
		    (t->why = strdup(why != NULL ? why : "")) == NULL) {
			free(t->id);
			return -1;
		}
		res->ntables++;
	}
	return 0;
}

static int
set_readings(struct nb_result *res, const struct nb_report *r)
{
	const struct nb_pack *p = r->pack;
	unsigned page_line;
	size_t size = 0;
	char *o;

	if (p->ncells == 0)
		return 0;
	/* The ids and raw texts of all the readings in one allocation. */
	for (size_t i = 0; i < p->ncells; i++)
		if (r->cells[i].v.kind != NB_VAL_ABSENT)
			size += strlen(p->cells[i].id) + 2 + (r->cells[i].v.raw !=
			    NULL ? strlen(r->cells[i].v.raw) : 0);
	if ((res->readings = calloc(p->ncells, sizeof(*res->readings))) ==
	    NULL || (res->reading_text = malloc(size + 1)) == NULL)
		return -1;
	o = res->reading_text;
	for (size_t i = 0; i < p->ncells; i++) {
		const struct nb_cell *c = &r->cells[i];
		struct nb_reading *d = &res->readings[res->nreadings];
		const char *raw = c->v.raw != NULL ? c->v.raw : "";
		struct nb_cell_info info;
		size_t l;

		if (c->v.kind == NB_VAL_ABSENT ||
		    nb_api_cell_info_at(r, i, &info) == -1)
			continue;
		d->v = c->v;
		d->v.page = nb_doc_line_page(r->src, c->v.line, &page_line);
		if (d->v.page != 0 && page_line != 0)
			d->v.line = page_line;
		d->confidence = info.confidence;
		d->source = info.source;
		l = strlen(p->cells[i].id) + 1;
		d->id = memcpy(o, p->cells[i].id, l);
		o += l;
		l = strlen(raw) + 1;
		d->v.raw = memcpy(o, raw, l);
		o += l;
		res->nreadings++;
	}
	return 0;
}

int
nb_result_set_model(struct nb_result *res, const struct nb_report *r)
{
	if (res->tables != NULL || res->readings != NULL)
		return 0;
	return set_tables(res, r) == -1 || set_readings(res, r) == -1 ?
	    -1 : 0;
}

const char *
nb_format_name(enum nb_format f)
{
	switch (f) {
	case NB_FMT_OLD:
		return "old";
	case NB_FMT_2019:
		return "2019";
	case NB_FMT_2021:
		return "2021";
	default:
		return "unknown";
	}
}

const char *
nb_severity_name(enum nb_severity s)
{
	switch (s) {
	case NB_SEV_ERROR:
		return "error";
	case NB_SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}


const char *
nb_table_state_name(enum nb_table_state s)
{
	switch (s) {
	case NB_TABLE_HEADER_ONLY:
		return "header_only";
	case NB_TABLE_PARTIAL:
		return "partial";
	case NB_TABLE_COMPLETE:
		return "complete";
	case NB_TABLE_UNREADABLE:
		return "unreadable";
	default:
		return "absent";
	}
}

const char *
nb_cell_source_name(enum nb_cell_source s)
{
	switch (s) {
	case NB_SRC_TEXT:
		return "text";
	case NB_SRC_GRID:
		return "grid";
	case NB_SRC_GLUED:
		return "glued";
	case NB_SRC_OCR:
		return "ocr";
	default:
		return "none";
	}
}
