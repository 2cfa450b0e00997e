/*
 * output.c -- showing results to people (like a compiler) and programs
 * (JSON Lines, one object per input).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "output.h"
#include "output_sarif.h"

#define C_RED	"\033[1;31m"
#define C_YEL	"\033[1;33m"
#define C_CYN	"\033[1;36m"
#define C_BOLD	"\033[1m"
#define C_OFF	"\033[0m"

static const char *
sev_label(enum nb_severity s)
{
	return s == NB_SEV_ERROR ? "error" : s == NB_SEV_WARNING ? "warning" :
	    "info";
}

static const char *
sev_color(enum nb_severity s)
{
	return s == NB_SEV_ERROR ? C_RED : s == NB_SEV_WARNING ? C_YEL : C_CYN;
}

/* The raw source text of a line of the document, or NULL. */
static const char *
source_line(const struct nb_doc *doc, unsigned line)
{
	size_t i = line > 0 ? line - 1 : 0;

	if (doc == NULL || line == 0)
		return NULL;
	if (i < doc->nlines && doc->lines[i].lineno == line)
		return doc->lines[i].raw;
	for (i = 0; i < doc->nlines; i++)
		if (doc->lines[i].lineno == line)
			return doc->lines[i].raw;
	return NULL;
}

/* FILE:LINE: for text, FILE:pPAGE:LLINE: (line on the page, as a PDF
 * viewer shows it) for inputs with pages. */
static void
print_location(FILE *fp, const struct nb_result *res, const struct nb_found *f)
{
	fputs(res->file, fp);
	if (f->page)
		fprintf(fp, ":p%u", f->page);
	if (f->line)
		fprintf(fp, f->page ? ":L%u" : ":%u", f->line);
	fputs(":", fp);
}

#define EXCERPT_MAX	400	/* characters of a source line shown whole */
#define EXCERPT_SIDE	50	/* characters shown each side of a cell */

/* Bytes of the first n characters of UTF-8 s (all of it if shorter). */
static size_t
chars_bytes(const char *s, size_t n)
{
	size_t i = 0;

	while (s[i] != '\0' && n > 0) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		n--;
	}
	return i;
}

/* Where the n characters before byte at of s start. */
static size_t
back_chars(const char *s, size_t at, size_t n)
{
	while (at > 0 && n > 0) {
		at--;
		while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80)
			at--;
		n--;
	}
	return at;
}

/* The raw text of the finding's cell as read on the finding's line, or
 * NULL. */
static const char *
cell_raw(const struct nb_result *res, const struct nb_found *f)
{
	if (f->cell == NULL)
		return NULL;
	for (size_t i = 0; i < res->nreadings; i++) {
		const struct nb_value *v = &res->readings[i].v;

		if (strcmp(res->readings[i].id, f->cell) == 0)
			return v->raw != NULL && v->raw[0] != '\0' &&
			    v->line == f->line && v->page == f->page ?
			    v->raw : NULL;
	}
	return NULL;
}

/* Bytes from..to of s, "…" where s goes on. */
static void
print_cut(FILE *fp, const char *s, size_t from, size_t to)
{
	fprintf(fp, "    %s%.*s%s\n", from > 0 ? "…" : "", (int)(to - from),
	    s + from, s[to] != '\0' ? "…" : "");
}

/* s around its bytes at..at+len: EXCERPT_SIDE characters each side. */
static void
print_around(FILE *fp, const char *s, size_t at, size_t len)
{
	size_t to = at + len;

	print_cut(fp, s, back_chars(s, at, EXCERPT_SIDE),
	    to + chars_bytes(s + to, EXCERPT_SIDE));
}

/*
 * The source line under a finding.  A line of a web page saved as one
 * line holds the whole report: shown around the finding's cell where its
 * text is on the line once, around the passage a narrative finding
 * quotes, else its start; "…" where it is cut.
 */
static void
print_excerpt(FILE *fp, const struct nb_result *res, const struct nb_found *f,
    const char *src)
{
	const char *raw = cell_raw(res, f), *at, *text;

	if (src[chars_bytes(src, EXCERPT_MAX)] == '\0') {
		fprintf(fp, "    %s\n", src);
		return;
	}
	if (raw != NULL && (at = strstr(src, raw)) != NULL &&
	    strstr(at + 1, raw) == NULL) {
		print_around(fp, src, (size_t)(at - src), strlen(raw));
		return;
	}
	if (f->npos > 0 && f->pos[0].section >= 0 &&
	    f->pos[0].section < NB_RESULT_NTEXT &&
	    (text = res->text[f->pos[0].section]) != NULL &&
	    f->pos[0].off + f->pos[0].len <= strlen(text)) {
		print_around(fp, text, f->pos[0].off, f->pos[0].len);
		return;
	}
	print_cut(fp, src, 0, chars_bytes(src, EXCERPT_MAX));
}

static void
print_one(FILE *fp, const struct nb_result *res, const struct nb_found *f,
    int color)
{
	const char *src = source_line(res->doc, f->docline);

	if (color)
		fputs(C_BOLD, fp);
	print_location(fp, res, f);
	if (color)
		fprintf(fp, C_OFF " %s%s:" C_OFF, sev_color(f->severity),
		    sev_label(f->severity));
	else
		fprintf(fp, " %s:", sev_label(f->severity));
	fprintf(fp, " [%s] %s", f->rule, f->message);
	if (f->cell != NULL)
		fprintf(fp, " (%s)", f->cell);
	fputc('\n', fp);
	if (src != NULL && src[0] != '\0')
		print_excerpt(fp, res, f, src);
}

static const char *
format_label(enum nb_format f)
{
	switch (f) {
	case NB_FMT_2021:
		return "2021年格式";
	case NB_FMT_2019:
		return "2019年试行格式";
	case NB_FMT_OLD:
		return "旧格式（统计表）";
	default:
		return "格式未识别";
	}
}

void
output_human(FILE *fp, const struct nb_result *res, int color)
{
	char year[32] = "年度未知";

	for (size_t i = 0; i < res->nfindings; i++)
		print_one(fp, res, &res->findings[i], color);
	if (res->year > 0)
		snprintf(year, sizeof(year), "%d年度", res->year);
	fprintf(fp, "%s: %s，%s，%zu 个错误，%zu 个警告\n", res->file,
	    format_label(res->format), year, res->errors, res->warnings);
}

int
output_json(FILE *fp, const struct nb_result *res)
{
	/* Written without a jansson tree (result_json.c): the bytes of
	 * json_dumps(nb_result_json(res), JSON_COMPACT |
	 * JSON_REAL_PRECISION(15)), 15 digits so that a confidence of 0.9
	 * is written 0.9, not 0.90000000000000002. */
	size_t n;
	char *s = nb_result_json_line(res, &n);
	int rc;

	if (s == NULL)
		return -1;
	rc = fwrite(s, 1, n, fp) == n ? 0 : -1;
	free(s);
	return rc;
}

/* An input that could not be checked: rule says why in a stable id
 * (ingest.empty, ingest.format, ...). */
void
output_input_error(FILE *fp, const char *file, const char *msg,
    const char *rule, int json, int color)
{
	if (json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:[], s:{s:i, s:i}}",
		    "file", file, "error", msg, "error_rule", rule, "findings",
		    "summary", "errors", 1, "warnings", 0);
		if (o != NULL) {
			json_dumpf(o, fp, JSON_COMPACT);
			fputc('\n', fp);
			json_decref(o);
		}
		return;
	}
	if (color)
		fprintf(fp, C_RED "错误：" C_OFF "[%s] %s\n", rule, msg);
	else
		fprintf(fp, "错误：[%s] %s\n", rule, msg);
}

void
output_rules(FILE *fp, const struct nb_engine *e, int json)
{
	size_t n = nb_engine_rule_count(e);
	json_t *a = json ? json_array() : NULL;

	for (size_t i = 0; i < n; i++) {
		const struct nb_rule *r = nb_engine_rule(e, i);
		const char *pl = nb_engine_rule_plugin(e, i);
		enum nb_severity sev = r->severity;
		/* As the packs and --set leave it: "off" is a state too. */
		const char *state = nb_engine_rule_setting(e, i, &sev) == -1 ?
		    "off" : sev_label(sev);

		if (a != NULL)
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}",
			    "rule", r->id, "severity", state,
			    "plugin", pl, "summary", r->summary));
		else if (!json)
			fprintf(fp, "%-28s %-8s %-11s %s\n", r->id,
			    state, pl, r->summary);
	}
	if (a != NULL) {
		json_dumpf(a, fp, JSON_INDENT(1));
		fputc('\n', fp);
		json_decref(a);
	}
}

int
output_format_parse(const char *s, enum output_format *f)
{
	static const char *names[] = { "text", "json", "sarif", "html" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum output_format)i;
			return 0;
		}
	return -1;
}

int
output_begin(struct output *o, enum output_format f, const char *path,
    int color, const struct nb_engine *e, char *msg, size_t len)
{
	memset(o, 0, sizeof(*o));
	o->format = f;
	o->color = color && f == OUTPUT_TEXT;
	if (f == OUTPUT_SARIF && (o->sarif = sarif_new(e)) == NULL) {
		snprintf(msg, len, "内存不足");
		return -1;
	}
	if (outfile_open(&o->file, path, msg, len) == -1) {
		sarif_free(o->sarif);
		o->sarif = NULL;
		return -1;
	}
	return 0;
}

int
output_report(struct output *o, const struct nb_result *res)
{
	switch (o->format) {
	case OUTPUT_JSON:
		return output_json(o->file.fp, res);
	case OUTPUT_SARIF:
		return sarif_add(o->sarif, res);
	case OUTPUT_HTML:
		return output_html(o->file.fp, res);
	default:
		output_human(o->file.fp, res, o->color);
		return 0;
	}
}

void
output_unreadable(struct output *o, const char *file, const char *msg,
    const char *rule)
{
	switch (o->format) {
	case OUTPUT_JSON:
		output_input_error(o->file.fp, file, msg, rule, 1, 0);
		break;
	case OUTPUT_SARIF:
		if (sarif_add_unreadable(o->sarif, file, msg, rule) == -1)
			fprintf(stderr, "nianbao: %s: 内存不足\n", file);
		break;
	default:
		output_input_error(stderr, file, msg, rule, 0,
		    o->color && isatty(STDERR_FILENO));
	}
}

int
output_end(struct output *o, int ok, char *msg, size_t len)
{
	int rc = 0;

	if (ok && o->sarif != NULL && sarif_write(o->sarif, o->file.fp) == -1) {
		snprintf(msg, len, "内存不足");
		ok = 0;
		rc = -1;
	}
	sarif_free(o->sarif);
	o->sarif = NULL;
	if (!ok) {
		outfile_abort(&o->file);
		return -1;
	}
	if (outfile_commit(&o->file, msg, len) == -1)
		rc = -1;
	return rc;
}
