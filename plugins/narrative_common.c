/*
 * narrative_common.c -- helpers of the narrative plugin's rule files:
 * cells read with certainty, the narrative of a section, the quoted
 * sentence and the finding (see narrative.h).
 */
#include <stdio.h>
#include <string.h>

#include "certain.h"
#include "narrative.h"
#include "text.h"

void
narr_see(struct narr *c, int n, size_t off)
{
	if (c->nseen < NARR_SEEN) {
		c->seen[c->nseen].n = n;
		c->seen[c->nseen].off = off;
		c->nseen++;
	}
}

int
narr_seen(const struct narr *c, int n, size_t off)
{
	size_t i;

	for (i = 0; i < c->nseen; i++)
		if (c->seen[i].n == n && c->seen[i].off == off)
			return 1;
	return 0;
}

size_t
narr_sentence_start(const char *text, size_t off)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t q;

	/* Backwards from off: in valid UTF-8 no other character ends in
	 * the bytes of ';', "。" or "；" (text_sentence_end()). */
	for (q = off; q > 0; q--) {
		if (u[q - 1] == ';')
			return q;
		if (q >= 3 && ((u[q - 3] == 0xe3 && u[q - 2] == 0x80 &&
		    u[q - 1] == 0x82) || (u[q - 3] == 0xef && u[q - 2] == 0xbc &&
		    u[q - 1] == 0x9b)))
			return q;
	}
	return 0;
}

int
narr_sentence_has(const char *text, size_t off, const char *word)
{
	const char *p;

	for (p = text + narr_sentence_start(text, off); !text_sentence_end(p);
	    p += text_u8len(p))
		if (text_starts(p, word))
			return 1;
	return 0;
}

/* Sections are 0..6: sentences are keyed 100 + n. */
void
narr_see_sentence(struct narr *c, int n, const char *text, size_t off)
{
	narr_see(c, 100 + n, narr_sentence_start(text, off));
}

int
narr_seen_sentence(const struct narr *c, int n, const char *text, size_t off)
{
	return narr_seen(c, 100 + n, narr_sentence_start(text, off));
}

int
narr_cell(const struct narr *c, const char *id, double *v)
{
	struct nb_value val;
	char t[3] = { id[0], id[0] ? id[1] : '\0', '\0' };

	/* No error from a number the reader is unsure of, nor from a table
	 * it is unsure of (sums says why, once). */
	if (c->api->cell(c->r, id, &val) == -1 ||
	    (val.kind != NB_VAL_INT && val.kind != NB_VAL_DECIMAL) ||
	    !cell_certain(c->api, c->r, id) ||
	    c->api->table_state(c->r, t) == NB_TABLE_UNREADABLE ||
	    (NB_API_HAS(c->api, table_confidence) &&
	    c->api->table_confidence(c->r, t, NULL) < NB_CONF_CERTAIN))
		return 0;
	*v = val.d;
	return 1;
}

int
narr_cells(const struct narr *c, const char *const *ids, size_t n, double *v)
{
	double x;
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!narr_cell(c, ids[i], &x))
			return 0;
		*v += x;
	}
	return n > 0;
}

const char *
narr_text(const struct narr *c, int n, size_t *len)
{
	static const char *const table[7] = { NULL, NULL, "t2", "t3", "t4",
	    NULL, NULL };
	const char *text = c->api->section_text(c->r, n);

	*len = 0;
	if (text == NULL)
		return "";
	*len = c->api->section_text_offset(c->r, n,
	    table[n] != NULL ? c->api->table_line(c->r, table[n]) : 0);
	return text;
}

int
narr_clause_has(const char *text, size_t off, const char *word)
{
	size_t start = 0, p;

	for (p = 0; p < off; p += text_u8len(text + p))
		if (text_clause_end(text + p))
			start = p + text_u8len(text + p);
	for (p = start; p < off; p += text_u8len(text + p))
		if (text_starts(text + p, word))
			return 1;
	return 0;
}

/* The sentence around off, cut to about 40 characters before off and 30
 * after it, "…" marking a cut. */
void
narr_quote(const char *text, size_t off, char *buf, size_t len)
{
	const char *s, *start = text + narr_sentence_start(text, off), *end;
	size_t chars = 0, n;
	int cut_head, cut_tail;

	for (s = text + off; s > start && chars < 40; chars++) {
		do
			s--;
		while (s > start && ((unsigned char)*s & 0xc0) == 0x80);
	}
	cut_head = s > start;
	start = s;
	for (end = text + off, chars = 0; !text_sentence_end(end) &&
	    chars < 30; chars++)
		end += text_u8len(end);
	cut_tail = !text_sentence_end(end);
	n = (size_t)(end - start);
	if (len < 8)
		n = 0;
	else if (n + 7 > len)
		n = len - 7;
	/* Never cut a character in two. */
	while (n > 0 && ((unsigned char)start[n] & 0xc0) == 0x80)
		n--;
	snprintf(buf, len, "%s%.*s%s", cut_head ? "…" : "", (int)n, start,
	    cut_tail || n < (size_t)(end - start) ? "…" : "");
}

int
narr_emit(const struct narr *c, const char *rule, enum nb_severity sev,
    int n, size_t off, const char *msg, const char *cell,
    const char *const *cells, size_t ncells, int has_values, double expected,
    double actual)
{
	struct nb_finding f = { 0 };

	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = c->api->section_text_line(c->r, n, off);
	f.section = n > 0 ? n : 0;
	f.cell = cell;
	f.cells = cells;
	f.n_cells = ncells;
	f.has_values = has_values;
	f.expected = expected;
	f.actual = actual;
	return c->api->emit(c->ctx, &f);
}

static long
scan_find(const struct narr_scan *sc, size_t from, size_t i)
{
	const char *p = strstr(sc->t + from, sc->w[i]);

	return p != NULL && (size_t)(p - sc->t) < sc->lim ?
	    (long)(p - sc->t) : -1;
}

void
narr_scan_init(struct narr_scan *sc, const char *t, size_t lim,
    const char *const *w, size_t n)
{
	sc->t = t;
	sc->lim = lim;
	sc->w = w;
	sc->n = n < NARR_SCAN_MAX ? n : NARR_SCAN_MAX;
	for (size_t i = 0; i < sc->n; i++)
		sc->next[i] = lim > 0 ? scan_find(sc, 0, i) : -1;
}

int
narr_scan_next(struct narr_scan *sc, size_t *off, size_t *wi)
{
	size_t i, best = sc->n;

	for (i = 0; i < sc->n; i++)
		if (sc->next[i] >= 0 && (best == sc->n ||
		    sc->next[i] < sc->next[best]))
			best = i;
	if (best == sc->n)
		return 0;
	*off = (size_t)sc->next[best];
	*wi = best;
	sc->next[best] = scan_find(sc, *off + 1, best);
	return 1;
}
