/*
 * scan_doubt.c -- an error of a scan that rests on headings the
 * recogniser was unsure of becomes a warning saying so.
 *
 * The sections plugin judges the headings the model found; on a scan a
 * heading is "not there" also when page OCR garbled it.  The host, which
 * knows the document was recognised and how sure each byte is
 * (nb_doc_conf_at), makes the call, so plugins keep reading the model
 * only: sections.missing when a line of the area where the heading
 * should be was read unsure, sections.order and sections.duplicate when
 * the heading line itself was; sums.table_incomplete always (a row label
 * misread matches no row).  "An error is a promise": never one from
 * an unsure reading.  So too a narrative error whose two numbers (the
 * prose's and the table's) differ as a scan misreads a digit, ink added
 * or lost (8 and 3, 5 and 6, a digit more: ink_doubt.c's misreadings):
 * on a scan either may be the misread one (001's "8 件" read "3件").
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "host.h"
#include "model.h"
#include "scan_doubt.h"

/* Below this the recogniser's confidence of a character is unsure (the
 * model's "sure" of cells). */
#define NB_SCAN_SURE	0.95
/* The start of a line where a heading would be: its ordinal and key
 * ("三、收到和处理"), eight Han characters. */
#define NB_HEAD_BYTES	24

static const char table_note[] =
    "；但这是扫描件，缺少的行可能是行名未被可靠识别，请对照原件核对";
static const char digit_note[] =
    "；但这是扫描件，两数之差可能是数字被误识别（如“8”与“3”），请对照原件核对";
static const char doubt_note[] =
    "；但扫描件中该处文字的识别置信度低，标题可能未被可靠识别，请对照原件核对";

/*
 * Was the start of a text line numbered [from, to) read unsure?  A
 * heading starts its line (alone, or run together with its paragraph);
 * table rows (cells separated by tabs) hold none.
 */
static int
unsure_lines(const struct nb_doc *src, unsigned from, unsigned to)
{
	for (size_t i = 0; i < src->nlines; i++) {
		const struct nb_line *l = &src->lines[i];
		size_t n = strlen(l->raw);
		double c;

		if (l->lineno < from || l->lineno >= to ||
		    memchr(l->raw, '\t', n) != NULL)
			continue;
		c = nb_doc_conf_at(src, i, 0, n < NB_HEAD_BYTES ? n :
		    NB_HEAD_BYTES);
		if (c >= 0 && c < NB_SCAN_SURE)
			return 1;
	}
	return 0;
}

/* The line after the last part found before part n (1 when none). */
static unsigned
after_line(const struct nb_report *r, int n)
{
	for (n--; n >= 1; n--)
		if (r->sec[n].count > 0 && r->sec[n].line != 0)
			return r->sec[n].line + 1;
	return 1;
}

/* Does the finding rest on a heading read unsure? */
static int
rests_on_unsure(const struct nb_report *r, const struct nb_finding *f)
{
	if (strcmp(f->rule, "sections.missing") == 0 && f->section >= 1 &&
	    f->section <= 6)
		return unsure_lines(r->src, after_line(r, f->section),
		    f->line != 0 ? f->line : ~0u);
	if (strcmp(f->rule, "sections.order") == 0 ||
	    strcmp(f->rule, "sections.duplicate") == 0)
		return f->line != 0 && unsure_lines(r->src, f->line,
		    f->line + 1);
	return 0;
}

/* A narrative error between two counts a misread digit tells apart? */
static int
misread_pair(const struct nb_finding *f)
{
	int64_t a, b;

	if (strncmp(f->rule, "narrative.", 10) != 0 || !f->has_values ||
	    !(f->expected >= 0 && f->expected < 1e15) ||
	    !(f->actual >= 0 && f->actual < 1e15))
		return 0;
	a = (int64_t)f->expected;
	b = (int64_t)f->actual;
	if ((double)a != f->expected || (double)b != f->actual)
		return 0;
	return nb_ink_reading(a, b) || nb_ink_reading(b, a);
}

const struct nb_finding *
nb_scan_doubt(const struct nb_report *r, const struct nb_finding *f,
    struct nb_finding *tmp, char *msg, size_t len)
{
	/* A row of a scanned table whose label matched no row of the
	 * layout is as likely misread as left out. */
	int table = f->rule != NULL &&
	    strcmp(f->rule, "sums.table_incomplete") == 0, digit = 0;

	if (r == NULL || r->src == NULL || !r->src->ocr ||
	    f->severity != NB_SEV_ERROR || f->rule == NULL)
		return f;
	if (!table && !(digit = misread_pair(f)) && !rests_on_unsure(r, f))
		return f;
	if (tmp != f)
		memcpy(tmp, f, sizeof(*tmp));
	snprintf(msg, len, "%s%s", f->message, table ? table_note : digit ?
	    digit_note : doubt_note);
	tmp->message = msg;
	tmp->severity = NB_SEV_WARNING;
	return tmp;
}
