/*
 * result_json.c -- the JSON record of one result.
 *
 * The record is the contract with users' portals and log shippers
 * (doc/nianbao-result.schema.json): keys are ASCII, messages Chinese, and a
 * key that does not apply to a finding is left out rather than null.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao.h"
#include "normalize.h"

json_t *
nb_found_json(const struct nb_found *f)
{
	json_t *o = json_object();
	int rc = 0;

	if (o == NULL)
		return NULL;
	rc |= nb_json_put(o, "rule", json_string(f->rule));
	rc |= nb_json_put(o, "severity",
	    json_string(nb_severity_name(f->severity)));
	rc |= nb_json_put(o, "message", json_string(f->message));
	rc |= nb_json_put(o, "plugin", json_string(f->plugin));
	if (f->line)
		rc |= nb_json_put(o, "line", json_integer(f->line));
	if (f->page)
		rc |= nb_json_put(o, "page", json_integer(f->page));
	if (f->section)
		rc |= nb_json_put(o, "section", json_integer(f->section));
	if (f->cell)
		rc |= nb_json_put(o, "cell", json_string(f->cell));
	if (f->relation)
		rc |= nb_json_put(o, "relation", json_string(f->relation));
	if (f->has_values) {
		rc |= nb_json_put(o, "expected", nb_json_number(f->expected));
		rc |= nb_json_put(o, "actual", nb_json_number(f->actual));
	}
	if (f->ncells > 0)
		rc |= nb_json_put(o, "cells",
		    nb_json_strings(f->cells, f->ncells));
	if (f->nrelated > 0)
		rc |= nb_json_put(o, "related",
		    nb_json_strings(f->related, f->nrelated));
	if (f->source != NULL)
		rc |= nb_json_put(o, "source", json_string(f->source));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* "tables": {"t3": {"state": …, "confidence": …, "why": …}} */
static json_t *
tables_json(const struct nb_result *res)
{
	json_t *o = json_object();
	int rc = 0;

	for (size_t i = 0; o != NULL && i < res->ntables; i++) {
		const struct nb_table_read *t = &res->tables[i];

		rc |= nb_json_put(o, t->id, json_pack("{s:s, s:o, s:s}",
		    "state", nb_table_state_name(t->state), "confidence",
		    nb_json_number(t->confidence), "why", t->why));
	}
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* json_pack("[o, s, i, i, o, s]", ...) of one reading, without parsing
 * a format a cell: the same array, NULL when a part is.  (An appended
 * value is the array's even when the append fails; NULL fails it.) */
static json_t *
reading_json(const struct nb_reading *d, int num)
{
	json_t *a = json_array();

	if (a == NULL ||
	    json_array_append_new(a, num ? nb_json_number(d->v.d) :
	    json_null()) == -1 ||
	    json_array_append_new(a, d->v.raw != NULL ?
	    json_string(d->v.raw) : NULL) == -1 ||
	    json_array_append_new(a, json_integer((int)d->v.line)) == -1 ||
	    json_array_append_new(a, json_integer((int)d->v.page)) == -1 ||
	    json_array_append_new(a, nb_json_number(d->confidence)) == -1 ||
	    json_array_append_new(a,
	    json_string(nb_cell_source_name(d->source))) == -1) {
		json_decref(a);
		return NULL;
	}
	return a;
}

/*
 * "readings": {"t3.new.natural": [value, raw, line, page, confidence,
 * source]}: one short array a cell, as a record has a hundred of them.
 * value is null for a blank cell; line and page are 0 when unknown or
 * when the input has no pages, line is on its page otherwise.  Cells
 * whose row was not found are left out.
 */
static json_t *
readings_json(const struct nb_result *res)
{
	json_t *o = json_object();
	int rc = 0;

	for (size_t i = 0; o != NULL && i < res->nreadings; i++) {
		const struct nb_reading *d = &res->readings[i];
		int num = d->v.kind == NB_VAL_INT ||
		    d->v.kind == NB_VAL_DECIMAL;

		rc |= nb_json_put(o, d->id, reading_json(d, num));
	}
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
nb_result_json(const struct nb_result *res)
{
	json_t *o = json_object(), *fa = json_array(), *sum = json_object();
	int rc = 0;

	if (o == NULL || fa == NULL || sum == NULL) {
		json_decref(o);
		json_decref(fa);
		json_decref(sum);
		return NULL;
	}
	rc |= nb_json_put(o, "file", json_string(res->file));
	rc |= nb_json_put(o, "kind", json_string(res->kind));
	rc |= nb_json_put(o, "encoding", json_string(res->encoding));
	rc |= nb_json_put(o, "format",
	    json_string(nb_format_name(res->format)));
	if (res->year)
		rc |= nb_json_put(o, "year", json_integer(res->year));
	if (res->issuer)
		rc |= nb_json_put(o, "issuer", json_string(res->issuer));
	rc |= nb_json_put(o, "findings", fa);
	for (size_t i = 0; i < res->nfindings; i++)
		rc |= json_array_append_new(fa,
		    nb_found_json(&res->findings[i]));
	if (res->ntables > 0)
		rc |= nb_json_put(o, "tables", tables_json(res));
	if (res->nreadings > 0)
		rc |= nb_json_put(o, "readings", readings_json(res));
	rc |= nb_json_put(o, "summary", sum);
	rc |= nb_json_put(sum, "errors", json_integer((json_int_t)res->errors));
	rc |= nb_json_put(sum, "warnings",
	    json_integer((json_int_t)res->warnings));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * The same record written straight into a buffer, without a jansson
 * tree: the bytes json_dumps(nb_result_json(res), JSON_COMPACT |
 * JSON_REAL_PRECISION(15)) gives, in the same order, escaped as jansson
 * escapes (\" \\ \b \f \n \r \t, other controls \u00XX, nothing else),
 * reals as its dtostr writes them.  Building and freeing the tree was a
 * fifth of a text check.  Whatever makes the tree fail (a NULL or
 * invalid UTF-8 string, a number that is not finite) fails this too.
 */
struct jbuf {
	char	*p;
	size_t	 len, cap;
	int	 err;
	int	 prec;		/* of reals: JSON_REAL_PRECISION's */
};

static char *
jb_room(struct jbuf *b, size_t n)
{
	if (b->err)
		return NULL;
	if (b->cap - b->len < n) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap - b->len < n)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->err = 1;
			return NULL;
		}
		b->p = p;
		b->cap = cap;
	}
	return b->p + b->len;
}

static void
jb_put(struct jbuf *b, const char *s, size_t n)
{
	char *d = jb_room(b, n);

	if (d != NULL) {
		memcpy(d, s, n);
		b->len += n;
	}
}

#define JB_LIT(b, s)	jb_put((b), (s), sizeof(s) - 1)

static void
jb_str(struct jbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n, i;
	char *d;

	n = s != NULL ? strlen(s) : 0;
	if (s == NULL || nb_utf8_bad(s, n) < n) {
		b->err = 1;
		return;
	}
	if ((d = jb_room(b, 6 * n + 2)) == NULL)
		return;
	*d++ = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			*d++ = (char)c;
			continue;
		}
		*d++ = '\\';
		switch (c) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		default:
			*d++ = 'u';
			*d++ = '0';
			*d++ = '0';
			*d++ = hex[c >> 4];
			*d++ = hex[c & 0xf];
		}
	}
	*d++ = '"';
	b->len = (size_t)(d - b->p);
}

static void
jb_int(struct jbuf *b, long long v)
{
	char t[24], *e = t + sizeof(t), *q = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--q = '-';
	jb_put(b, q, (size_t)(e - q));
}

/* jansson's dtostr at b->prec: "%.15g" (say) with a '.' point, ".0"
 * after a bare integer, no '+' or leading zeros in the exponent. */
static void
jb_real(struct jbuf *b, double v)
{
	char t[64], *e, *s;
	int n;

	if (!isfinite(v)) {
		b->err = 1;
		return;
	}
	n = snprintf(t, sizeof(t) - 3, "%.*g", b->prec, v);
	if (n < 0 || (size_t)n >= sizeof(t) - 3) {
		b->err = 1;
		return;
	}
	for (s = t; *s != '\0'; s++)
		if (*s == ',')
			*s = '.';
	if (strspn(t, "0123456789-") == (size_t)n) {
		memcpy(t + n, ".0", 3);
		n += 2;
	}
	if ((e = strchr(t, 'e')) != NULL) {
		char *z;

		s = e + 1;
		z = s + 1;
		if (*s == '-')
			s++;
		while (*z == '0')
			z++;
		if (z != s) {
			memmove(s, z, (size_t)(t + n - z) + 1);
			n -= (int)(z - s);
		}
	}
	jb_put(b, t, (size_t)n);
}

/* nb_json_number's choice of integer or real. */
static void
jb_num(struct jbuf *b, double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		jb_int(b, (long long)v);
	else
		jb_real(b, v);
}

static void
jb_key(struct jbuf *b, const char *k)
{
	jb_str(b, k);
	JB_LIT(b, ":");
}

static void
jb_strings(struct jbuf *b, char *const *v, size_t n)
{
	JB_LIT(b, "[");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			JB_LIT(b, ",");
		jb_str(b, v[i]);
	}
	JB_LIT(b, "]");
}

static void
jb_found(struct jbuf *b, const struct nb_found *f)
{
	JB_LIT(b, "{\"rule\":");
	jb_str(b, f->rule);
	JB_LIT(b, ",\"severity\":");
	jb_str(b, nb_severity_name(f->severity));
	JB_LIT(b, ",\"message\":");
	jb_str(b, f->message);
	JB_LIT(b, ",\"plugin\":");
	jb_str(b, f->plugin);
	if (f->line) {
		JB_LIT(b, ",\"line\":");
		jb_int(b, f->line);
	}
	if (f->page) {
		JB_LIT(b, ",\"page\":");
		jb_int(b, f->page);
	}
	if (f->section) {
		JB_LIT(b, ",\"section\":");
		jb_int(b, f->section);
	}
	if (f->cell) {
		JB_LIT(b, ",\"cell\":");
		jb_str(b, f->cell);
	}
	if (f->relation) {
		JB_LIT(b, ",\"relation\":");
		jb_str(b, f->relation);
	}
	if (f->has_values) {
		JB_LIT(b, ",\"expected\":");
		jb_num(b, f->expected);
		JB_LIT(b, ",\"actual\":");
		jb_num(b, f->actual);
	}
	if (f->ncells > 0) {
		JB_LIT(b, ",\"cells\":");
		jb_strings(b, f->cells, f->ncells);
	}
	if (f->nrelated > 0) {
		JB_LIT(b, ",\"related\":");
		jb_strings(b, f->related, f->nrelated);
	}
	if (f->source != NULL) {
		JB_LIT(b, ",\"source\":");
		jb_str(b, f->source);
	}
	JB_LIT(b, "}");
}

static void
jb_tables(struct jbuf *b, const struct nb_result *res)
{
	JB_LIT(b, ",\"tables\":{");
	for (size_t i = 0; i < res->ntables; i++) {
		const struct nb_table_read *t = &res->tables[i];

		if (i > 0)
			JB_LIT(b, ",");
		jb_key(b, t->id);
		JB_LIT(b, "{\"state\":");
		jb_str(b, nb_table_state_name(t->state));
		JB_LIT(b, ",\"confidence\":");
		jb_num(b, t->confidence);
		JB_LIT(b, ",\"why\":");
		jb_str(b, t->why);
		JB_LIT(b, "}");
	}
	JB_LIT(b, "}");
}

static void
jb_readings(struct jbuf *b, const struct nb_result *res)
{
	JB_LIT(b, ",\"readings\":{");
	for (size_t i = 0; i < res->nreadings; i++) {
		const struct nb_reading *d = &res->readings[i];

		if (i > 0)
			JB_LIT(b, ",");
		jb_key(b, d->id);
		JB_LIT(b, "[");
		if (d->v.kind == NB_VAL_INT || d->v.kind == NB_VAL_DECIMAL)
			jb_num(b, d->v.d);
		else
			JB_LIT(b, "null");
		JB_LIT(b, ",");
		jb_str(b, d->v.raw);
		JB_LIT(b, ",");
		jb_int(b, (int)d->v.line);
		JB_LIT(b, ",");
		jb_int(b, (int)d->v.page);
		JB_LIT(b, ",");
		jb_num(b, d->confidence);
		JB_LIT(b, ",");
		jb_str(b, nb_cell_source_name(d->source));
		JB_LIT(b, "]");
	}
	JB_LIT(b, "}");
}

/*
 * The record of nb_result_json() as one line (with its newline) in a
 * malloc'd buffer of *lenp bytes, or NULL where that tree would be.
 * Table and cell ids are the pack's, unique: a repeated key would be
 * replaced in the tree, written twice here.
 */
char *
nb_result_json_line(const struct nb_result *res, size_t *lenp)
{
	return nb_result_json_line_prec(res, 15, lenp);
}

char *
nb_result_json_line_prec(const struct nb_result *res, int prec, size_t *lenp)
{
	struct jbuf b = { NULL, 0, 0, 0, prec };

	JB_LIT(&b, "{\"file\":");
	jb_str(&b, res->file);
	JB_LIT(&b, ",\"kind\":");
	jb_str(&b, res->kind);
	JB_LIT(&b, ",\"encoding\":");
	jb_str(&b, res->encoding);
	JB_LIT(&b, ",\"format\":");
	jb_str(&b, nb_format_name(res->format));
	if (res->year) {
		JB_LIT(&b, ",\"year\":");
		jb_int(&b, res->year);
	}
	if (res->issuer) {
		JB_LIT(&b, ",\"issuer\":");
		jb_str(&b, res->issuer);
	}
	JB_LIT(&b, ",\"findings\":[");
	for (size_t i = 0; i < res->nfindings; i++) {
		if (i > 0)
			JB_LIT(&b, ",");
		jb_found(&b, &res->findings[i]);
	}
	JB_LIT(&b, "]");
	if (res->ntables > 0)
		jb_tables(&b, res);
	if (res->nreadings > 0)
		jb_readings(&b, res);
	JB_LIT(&b, ",\"summary\":{\"errors\":");
	jb_int(&b, (long long)res->errors);
	JB_LIT(&b, ",\"warnings\":");
	jb_int(&b, (long long)res->warnings);
	JB_LIT(&b, "}}\n");
	if (b.err) {
		free(b.p);
		return NULL;
	}
	*lenp = b.len;
	return b.p;
}
