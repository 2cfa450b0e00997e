/*
 * tables.c -- the cells of tables T2, T3 and T4 from lines of text.
 *
 * Converters flatten tables in every way: one row per line with spaces or
 * tabs, labels wrapped over several lines (even inside a word), the last
 * number of a row alone on the next line, column headers split and fused.
 * What survives all of them is the order of things: a row label, then its
 * numbers.  So the region of a table is cut into a stream of tokens, the
 * tokens into alternating label chunks (text) and number runs, and each
 * row of the pack takes the run that follows the chunk holding its key.
 *
 * Tokens are cut from the raw line (not the normalised one) so that each
 * cell knows its exact bytes in the source.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "model.h"
#include "normalize.h"

#define MAX_FUSED_COLS	32		/* widest row a fused token may hold */
#define MAX_PART_DIGITS	12		/* longest cell in a fused token */
#define MAX_SPLIT_STEPS	2000000UL	/* give up: call it ambiguous */
#define NONE		((size_t)-1)

enum tkind {
	TK_TEXT,
	TK_NUM,		/* a number or a written blank ("/", "—", "无") */
	TK_EMPTY	/* an empty tab field, resolved per line */
};

struct tok {
	enum tkind	 kind;
	int		 blank;	/* TK_NUM that is a blank mark or empty field */
	size_t		 li;	/* index into doc->lines */
	size_t		 off, len; /* bytes in the raw line */
	char		*norm;	/* normalised token */
};

struct seg {
	int		 num;	/* a number run, else a label chunk */
	size_t		 first, n; /* tokens */
	char		*text;	/* label chunk: compact concatenation */
	size_t		 taken;	/* numbers of the run given to rows */
};

struct region {
	const struct nb_report *r;
	size_t		 from, to;	/* lines */
	size_t		 header;	/* marker line, or NONE */
	struct tok	*t;
	size_t		 nt, ct;
	struct seg	*s;
	size_t		 ns, cs;
};

struct pos {
	size_t		 seg, off;
};

/* What a row got. */
struct hit {
	int		 found;
	size_t		 label_li;	/* line of its label */
	size_t		 run;		/* seg of its numbers, or NONE */
	size_t		 start, ntok;	/* tokens of the run it took */
	int		 fused;		/* 1 split, -1 ambiguous */
	int64_t		 parts[MAX_FUSED_COLS];
	size_t		 poff[MAX_FUSED_COLS], plen[MAX_FUSED_COLS];
};

static void
region_free(struct region *g)
{
	size_t i;

	for (i = 0; i < g->nt; i++)
		free(g->t[i].norm);
	for (i = 0; i < g->ns; i++)
		free(g->s[i].text);
	free(g->t);
	free(g->s);
	g->t = NULL;
	g->s = NULL;
	g->nt = g->ct = g->ns = g->cs = 0;
}

static int
push_tok(struct region *g, const struct tok *t)
{
	struct tok *nt;

	if (g->nt == g->ct) {
		size_t ncap = g->ct ? g->ct * 2 : 128;

		if ((nt = realloc(g->t, ncap * sizeof(*nt))) == NULL)
			return -1;
		g->t = nt;
		g->ct = ncap;
	}
	g->t[g->nt++] = *t;
	return 0;
}

/*
 * Length of the digit, ASCII or full-width, that ends just before byte
 * end of s; 0 if none.
 */
static size_t
digit_before(const char *s, size_t end)
{
	const unsigned char *u = (const unsigned char *)s;

	if (end >= 1 && u[end - 1] >= '0' && u[end - 1] <= '9')
		return 1;
	if (end >= 3 && u[end - 3] == 0xef && u[end - 2] == 0xbc &&
	    u[end - 1] >= 0x90 && u[end - 1] <= 0x99)
		return 3;
	return 0;
}

/* Length of a decimal point ("." or "．") ending before byte end, or 0. */
static size_t
point_before(const char *s, size_t end)
{
	if (end >= 1 && s[end - 1] == '.')
		return 1;
	if (end >= 3 && memcmp(s + end - 3, "\xef\xbc\x8e", 3) == 0)
		return 3;
	return 0;
}

/* Are the n bytes at s a minus sign alone? */
static int
is_minus(const char *s, size_t n)
{
	return (n == 3 && memcmp(s, "\xe2\x88\x92", 3) == 0) ||
	    (n == 3 && memcmp(s, "\xef\xbc\x8d", 3) == 0);
}

/*
 * Bytes of digits at the end of a raw token glued to a Chinese label
 * ("数量15"): crawled pages lose the cell boundary.  0 if none.
 */
static size_t
trailing_digits(const char *s, size_t len)
{
	size_t dl, end = len;

	while ((dl = digit_before(s, end)) > 0)
		end -= dl;
	/* "收费1382.86": the fraction and the digits before the point. */
	if (end < len && (dl = point_before(s, end)) > 0 &&
	    digit_before(s, end - dl) > 0)
		for (end -= dl; (dl = digit_before(s, end)) > 0;)
			end -= dl;
	if (end == len || end == 0)
		return 0;
	/* Only after a non-ASCII character: "1." or "-3" stay whole, and
	 * so do "−3" and "－3" (minus signs). */
	if ((unsigned char)s[end - 1] < 0x80 || is_minus(s, end))
		return 0;
	return len - end;
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "1,463", "-12,345,678.5": digits grouped by three with commas. */
static int
is_grouped(const char *s)
{
	size_t lead = 0;

	if (*s == '-')
		s++;
	while (is_digit(s[lead]))
		lead++;
	if (lead == 0 || lead > 3 || s[lead] != ',')
		return 0;
	for (s += lead; *s == ','; s += 4)
		if (!all_digits(s + 1, 3))
			return 0;
	if (*s == '.') {
		if (!is_digit(*++s))
			return 0;
		while (is_digit(*s))
			s++;
	}
	return *s == '\0';
}

/*
 * Numbers as cells sometimes carry "1,463" separators or the table's own
 * unit ("1382.86万元", "3件"): the normalised token keeps the number only.
 * Returns the bytes of unit dropped (the same in the raw token: NFKC
 * leaves these characters alone), so that the cell's bytes are the
 * number's.  "1382元" is left alone: a wrong unit is for the fees plugin
 * to report, from the row's text.
 */
static size_t
plain_number(char *s)
{
	static const char *const units[] = { "万元", "件" };
	size_t len = strlen(s), u, cut = 0;
	char saved = '\0';

	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		size_t ul = strlen(units[u]);

		if (len > ul && strcmp(s + len - ul, units[u]) == 0 &&
		    is_digit(s[len - ul - 1])) {
			cut = len - ul;
			saved = s[cut];
			s[cut] = '\0';
			break;
		}
	}
	if (is_grouped(s)) {
		char *r, *w;

		for (r = w = s; *r != '\0'; r++)
			if (*r != ',')
				*w++ = *r;
		*w = '\0';
		return cut > 0 ? len - cut : 0;
	}
	/* Not a number after all ("行政许可1463件"): the text stays. */
	if (cut > 0 && !nb_is_number(s, strlen(s))) {
		s[cut] = saved;
		return 0;
	}
	return cut > 0 ? len - cut : 0;
}

static int
add_one(struct region *g, size_t li, size_t off, size_t len)
{
	const char *raw = g->r->doc->lines[li].raw;
	struct tok t;
	size_t unit;

	memset(&t, 0, sizeof(t));
	/* nb_normalize() checks the bytes; a bad token is skipped. */
	if ((t.norm = nb_normalize(raw + off, len)) == NULL)
		return u8_check((const uint8_t *)raw + off, len) != NULL ? 0 : -1;
	if (t.norm[0] == '\0') {
		free(t.norm);
		return 0;
	}
	t.li = li;
	t.off = off;
	t.len = len;
	unit = plain_number(t.norm);
	if (unit > 0 && unit < len)
		t.len -= unit;
	if (nb_is_number(t.norm, strlen(t.norm)))
		t.kind = TK_NUM;
	else if (nb_is_blank_mark(t.norm, strlen(t.norm))) {
		t.kind = TK_NUM;
		t.blank = 1;
	} else
		t.kind = TK_TEXT;
	if (push_tok(g, &t) == -1) {
		free(t.norm);
		return -1;
	}
	return 0;
}

static int
add_raw_tok(struct region *g, size_t li, size_t off, size_t len)
{
	const char *raw = g->r->doc->lines[li].raw;
	size_t d = trailing_digits(raw + off, len);

	if (d == 0)
		return add_one(g, li, off, len);
	if (add_one(g, li, off, len - d) == -1)
		return -1;
	return add_one(g, li, off + len - d, d);
}

static int
add_empty(struct region *g, size_t li, size_t off)
{
	struct tok t;

	memset(&t, 0, sizeof(t));
	t.kind = TK_EMPTY;
	t.li = li;
	t.off = off;
	return push_tok(g, &t);
}

/* Length of a separator at p: space, tab, U+3000, U+00A0; else 0. */
static size_t
sep_len(const char *p)
{
	if (*p == ' ' || *p == '\t')
		return 1;
	/* strncmp, not memcmp: p may be the last byte before the NUL. */
	if (strncmp(p, "\xe3\x80\x80", 3) == 0)
		return 3;
	if (strncmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	return 0;
}

/*
 * An empty tab field counts as a blank cell only between two numbers of
 * the same line; elsewhere it is layout (label cells spanning columns,
 * trailing tabs).
 */
static int
resolve_empties(struct region *g, size_t first)
{
	size_t i, j, w = first;
	int left, right;

	for (i = first; i < g->nt; i++) {
		if (g->t[i].kind != TK_EMPTY) {
			g->t[w++] = g->t[i];
			continue;
		}
		left = right = 0;
		for (j = i; j-- > first;)
			if (g->t[j].kind != TK_EMPTY) {
				left = g->t[j].kind == TK_NUM;
				break;
			}
		for (j = i + 1; j < g->nt; j++)
			if (g->t[j].kind != TK_EMPTY) {
				right = g->t[j].kind == TK_NUM;
				break;
			}
		if (!left || !right)
			continue;
		g->t[i].kind = TK_NUM;
		g->t[i].blank = 1;
		if ((g->t[i].norm = calloc(1, 1)) == NULL) {
			g->nt = w;
			return -1;
		}
		g->t[w++] = g->t[i];
	}
	g->nt = w;
	return 0;
}

/* Length of a dash at p ("-" or "—"), else 0. */
static size_t
dash_len(const char *p)
{
	if (*p == '-')
		return 1;
	if (strncmp(p, "—", strlen("—")) == 0)
		return strlen("—");
	return 0;
}

/*
 * Page furniture inside a table: "- 3 -", "—3—", "第3页", "第3页共9页".
 * A lone "-3" is a (negative) cell, not a page number.
 */
static int
is_page_line(const char *text)
{
	const char *p = text, *end = text + strlen(text);
	int digits = 0;

	if (strncmp(p, "第", strlen("第")) == 0) {
		p += strlen("第");
		while (*p == ' ' || (*p >= '0' && *p <= '9'))
			p++;
		return p > text + strlen("第") &&
		    strncmp(p, "页", strlen("页")) == 0;
	}
	if (dash_len(p) == 0 || end == text ||
	    (end[-1] != '-' && (end - text < 3 ||
	    strcmp(end - strlen("—"), "—") != 0)))
		return 0;
	while (*p != '\0') {
		size_t dl = dash_len(p);

		if (dl > 0)
			p += dl;
		else if (*p >= '0' && *p <= '9') {
			digits++;
			p++;
		} else if (*p == ' ')
			p++;
		else
			return 0;
	}
	return digits > 0;
}

static int
tokenize_line(struct region *g, size_t li)
{
	const struct nb_line *l = &g->r->doc->lines[li];
	const char *raw = l->raw;
	size_t i = 0, start, first = g->nt;
	int field_toks = 0;

	if (l->text[0] == '\0' || is_page_line(l->text))
		return 0;
	while (raw[i] != '\0') {
		size_t sl = sep_len(raw + i);

		if (sl > 0) {
			if (raw[i] == '\t') {
				if (field_toks == 0 && add_empty(g, li, i) == -1)
					return -1;
				field_toks = 0;
			}
			i += sl;
			continue;
		}
		start = i;
		while (raw[i] != '\0' && sep_len(raw + i) == 0)
			i++;
		if (add_raw_tok(g, li, start, i - start) == -1)
			return -1;
		field_toks++;
	}
	return resolve_empties(g, first);
}

static int
push_seg(struct region *g, int num, size_t first)
{
	struct seg *ns;

	if (g->ns == g->cs) {
		size_t ncap = g->cs ? g->cs * 2 : 64;

		if ((ns = realloc(g->s, ncap * sizeof(*ns))) == NULL)
			return -1;
		g->s = ns;
		g->cs = ncap;
	}
	memset(&g->s[g->ns], 0, sizeof(g->s[g->ns]));
	g->s[g->ns].num = num;
	g->s[g->ns].first = first;
	g->ns++;
	return 0;
}

/* The compact text of a label chunk: its tokens, spaces removed. */
static int
chunk_text(struct region *g, struct seg *s)
{
	size_t i, len = 0, o = 0;
	const char *p;

	for (i = s->first; i < s->first + s->n; i++)
		len += strlen(g->t[i].norm);
	if ((s->text = malloc(len + 1)) == NULL)
		return -1;
	for (i = s->first; i < s->first + s->n; i++)
		for (p = g->t[i].norm; *p != '\0'; p++)
			if (*p != ' ' && *p != '\t')
				s->text[o++] = *p;
	s->text[o] = '\0';
	return 0;
}

/* Consecutive text tokens make a chunk, consecutive numbers a run. */
static int
make_segs(struct region *g)
{
	size_t i;

	for (i = 0; i < g->nt; i++) {
		int num = g->t[i].kind == TK_NUM;

		if ((g->ns == 0 || g->s[g->ns - 1].num != num) &&
		    push_seg(g, num, i) == -1)
			return -1;
		g->s[g->ns - 1].n++;
	}
	for (i = 0; i < g->ns; i++)
		if (!g->s[i].num && chunk_text(g, &g->s[i]) == -1)
			return -1;
	return 0;
}

static int
tokenize(struct region *g)
{
	size_t li;

	for (li = g->from; li < g->to; li++)
		if (tokenize_line(g, li) == -1)
			return -1;
	return make_segs(g);
}

/* Does normalised text contain word (compacted), spaces in text ignored? */
static int
has_word_spaced(const char *text, const char *word)
{
	for (; *text != '\0'; text++) {
		const char *t = text, *w = word;

		while (*w != '\0' && *t != '\0') {
			if (*t == ' ' || *t == '\t') {
				t++;
				continue;
			}
			if (*t != *w)
				break;
			t++;
			w++;
		}
		if (*w == '\0')
			return 1;
	}
	return 0;
}

/*
 * Does the line contain any of the words?  The line's text is normalised
 * already: only its spaces stand between it and the compacted words, so
 * it is not normalised again (a profile showed that copy at 5%).
 */
static int
line_has_any(const char *text, const struct nb_strv *words)
{
	for (size_t i = 0; i < words->n; i++)
		if (words->v[i][0] != '\0' && has_word_spaced(text, words->v[i]))
			return 1;
	return 0;
}

static size_t
marker_line(const struct nb_report *r, const struct nb_table_def *td,
    size_t from, size_t to)
{
	size_t li;

	for (li = from; li < to; li++)
		if (line_has_any(r->doc->lines[li].text, &td->markers))
			return li;
	return NONE;
}

/*
 * The section's heading occurs more than once (a table of contents, a
 * repeated heading): the table is under the first one holding its header.
 */
static void
later_heading(const struct nb_report *r, const struct nb_table_def *td,
    struct region *g)
{
	size_t h, from, to, hdr;

	for (h = 0; h < r->nheads; h++) {
		if (r->head_sec[h] != td->section || r->heads[h] < g->from)
			continue;
		from = r->heads[h] + 1;
		to = h + 1 < r->nheads ? r->heads[h + 1] : r->doc->nlines;
		hdr = marker_line(r, td, from, to);
		if (hdr != NONE) {
			g->from = from;
			g->to = to;
			g->header = hdr;
			return;
		}
	}
}

/*
 * Lines of a table: its section, from the table's header on if the
 * header is there; without the section heading, from its header to the
 * next heading.  Returns 1, or 0 if the table has no region.
 */
static int
find_region(const struct nb_report *r, const struct nb_table_def *td,
    struct region *g)
{
	const struct nb_section *s = NULL;
	size_t h;

	memset(g, 0, sizeof(*g));
	g->r = r;
	if (td->section >= 1 && td->section <= 6 &&
	    r->sec[td->section].count > 0)
		s = &r->sec[td->section];
	if (s != NULL) {
		g->from = s->first + 1;
		g->to = s->end;
		g->header = marker_line(r, td, g->from, g->to);
		if (g->header == NONE && s->count > 1)
			later_heading(r, td, g);
		if (g->header != NONE)
			g->from = g->header;
		return 1;
	}
	g->header = marker_line(r, td, 0, r->doc->nlines);
	if (g->header == NONE)
		return 0;
	g->from = g->header;
	g->to = r->doc->nlines;
	for (h = 0; h < r->nheads; h++)
		if (r->heads[h] > g->header) {
			g->to = r->heads[h];
			break;
		}
	return 1;
}

/* First match of a key of the row in chunk s from byte start, or NULL. */
static const char *
key_in_seg(const struct region *g, const struct nb_row_def *rd, size_t s,
    size_t start, size_t *klen)
{
	const char *text = g->s[s].text, *best = NULL, *m;
	size_t k;

	if (g->s[s].num || start > strlen(text))
		return NULL;
	for (k = 0; k < rd->keys.n; k++) {
		if (rd->keys.v[k][0] == '\0')
			continue;
		m = strstr(text + start, rd->keys.v[k]);
		if (m != NULL && (best == NULL || m < best)) {
			best = m;
			*klen = strlen(rd->keys.v[k]);
		}
	}
	return best;
}

/* First match of a key of the row at or after p, before chunk lim. */
static int
find_key(const struct region *g, const struct nb_row_def *rd, struct pos p,
    size_t lim, struct pos *at, size_t *klen)
{
	size_t s;

	if (lim > g->ns)
		lim = g->ns;
	for (s = p.seg; s < lim; s++) {
		const char *m = key_in_seg(g, rd, s, s == p.seg ? p.off : 0, klen);
		if (m != NULL) {
			at->seg = s;
			at->off = (size_t)(m - g->s[s].text);
			return 1;
		}
	}
	return 0;
}

static int
before(struct pos a, struct pos b)
{
	return a.seg < b.seg || (a.seg == b.seg && a.off < b.off);
}

#define LOOKAHEAD 2	/* later rows checked for coming first */
#define KEY_WINDOW 128	/* chunks searched for a row after the last found */

/*
 * Is a key of one of the next rows found before this row's key?  Then
 * this row is not where it should be (lost or garbled), and its key
 * found further down belongs to something else.
 */
static int
later_first(const struct region *g, const struct nb_table_def *td,
    size_t j, struct pos cur, struct pos at)
{
	struct pos a2;
	size_t j2, kl;

	for (j2 = j + 1; j2 < td->nrows && j2 <= j + LOOKAHEAD; j2++)
		if (td->rows[j2].keys.n > 0 &&
		    find_key(g, &td->rows[j2], cur, at.seg + 1, &a2, &kl) &&
		    before(a2, at))
			return 1;
	return 0;
}

/* Does a later row's key follow in the same chunk? */
static int
later_in_chunk(const struct region *g, const struct nb_table_def *td,
    size_t j, struct pos after)
{
	size_t j2, kl;

	for (j2 = j + 1; j2 < td->nrows; j2++)
		if (td->rows[j2].keys.n > 0 && key_in_seg(g, &td->rows[j2],
		    after.seg, after.off, &kl) != NULL)
			return 1;
	return 0;
}

static size_t
run_avail(const struct seg *s)
{
	return s->n - s->taken;
}

/* Gives the row up to ncols numbers of run s. */
static void
take_run(struct region *g, struct hit *h, size_t s, size_t ncols)
{
	size_t n = run_avail(&g->s[s]);

	if (n > ncols)
		n = ncols;
	h->run = s;
	h->start = g->s[s].first + g->s[s].taken;
	h->ntok = n;
	g->s[s].taken += n;
}

/* ---- fused cells: "15130000154" is 151|3|0|0|0|0|154 ---- */

struct split {
	const char	*d;	/* digits */
	size_t		 n;
	const struct nb_row_def *rd;
	size_t		 cut[MAX_FUSED_COLS + 1];
	int64_t		 val[MAX_FUSED_COLS];
	size_t		 best[MAX_FUSED_COLS + 1];
	int64_t		 bestval[MAX_FUSED_COLS];
	int		 nsol;
	unsigned long	 steps;
};

/* A column that is the sum of the columns since the previous total. */
static int
is_total_col(const char *id)
{
	size_t l = strlen(id);

	return strcmp(id, "total") == 0 ||
	    (l > 6 && strcmp(id + l - 6, ".total") == 0);
}

static void
split_dfs(struct split *sp, size_t col, size_t pos, int64_t group)
{
	size_t ncols = sp->rd->cols.n, len, maxlen;
	int64_t v;

	if (sp->nsol > 1 || ++sp->steps > MAX_SPLIT_STEPS)
		return;
	if (col == ncols) {
		if (pos != sp->n)
			return;
		if (sp->nsol++ == 0) {
			memcpy(sp->best, sp->cut, sizeof(sp->cut));
			memcpy(sp->bestval, sp->val, sizeof(sp->val));
		}
		return;
	}
	maxlen = sp->n - pos - (ncols - col - 1);
	if (maxlen > MAX_PART_DIGITS)
		maxlen = MAX_PART_DIGITS;
	v = 0;
	for (len = 1; len <= maxlen; len++) {
		v = v * 10 + (sp->d[pos + len - 1] - '0');
		/* No leading zeros: "05" is not a cell. */
		if (len > 1 && sp->d[pos] == '0')
			break;
		if (is_total_col(sp->rd->cols.v[col]) && v != group)
			continue;
		sp->cut[col] = pos;
		sp->cut[col + 1] = pos + len;
		sp->val[col] = v;
		split_dfs(sp, col + 1, pos + len,
		    is_total_col(sp->rd->cols.v[col]) ? 0 : group + v);
	}
}

/*
 * Splits one fused token into the row's cells.  Accepted only when the
 * split is unique under the totals of the row; else the row cannot be
 * read and nothing is guessed.
 */
static void
try_fused(const struct region *g, const struct nb_row_def *rd, struct hit *h)
{
	const struct tok *t = &g->t[h->start];
	struct split sp;
	size_t i, ncols = rd->cols.n;
	int ascii;

	memset(&sp, 0, sizeof(sp));
	sp.d = t->norm;
	sp.n = strlen(t->norm);
	sp.rd = rd;
	h->fused = -1;
	if (ncols > MAX_FUSED_COLS)
		return;
	split_dfs(&sp, 0, 0, 0);
	if (sp.nsol != 1 || sp.steps > MAX_SPLIT_STEPS)
		return;
	h->fused = 1;
	ascii = t->len == sp.n;
	for (i = 0; i < ncols; i++) {
		h->parts[i] = sp.bestval[i];
		h->poff[i] = ascii ? t->off + sp.best[i] : t->off;
		h->plen[i] = ascii ? sp.best[i + 1] - sp.best[i] : t->len;
	}
}

/* A single token of digits holding the numbers of a whole row? */
static int
looks_fused(const struct region *g, const struct nb_row_def *rd,
    const struct hit *h)
{
	const struct tok *t;
	size_t i, len;

	if (h->run == NONE || h->ntok != 1 || rd->cols.n < 2)
		return 0;
	/* Without a total to check, any split is a guess. */
	for (i = 0; i < rd->cols.n && !is_total_col(rd->cols.v[i]); i++)
		;
	if (i == rd->cols.n)
		return 0;
	t = &g->t[h->start];
	len = strlen(t->norm);
	if (t->blank || len < rd->cols.n)
		return 0;
	for (i = 0; i < len; i++)
		if (t->norm[i] < '0' || t->norm[i] > '9')
			return 0;
	return 1;
}

/* ---- filling the model ---- */

static size_t
cell_index(const struct nb_pack *pack, size_t ti, size_t ri, size_t ci)
{
	size_t i;

	for (i = 0; i < pack->ncells; i++)
		if (pack->cells[i].table == ti && pack->cells[i].row == ri &&
		    pack->cells[i].col == ci)
			return i;
	return NONE;
}

static void
parse_value(struct nb_value *v, const char *s)
{
	char *end;
	long long ll;

	if (strchr(s, '.') != NULL) {
		v->kind = NB_VAL_DECIMAL;
		v->d = strtod(s, &end);
		return;
	}
	errno = 0;
	ll = strtoll(s, &end, 10);
	if (errno == ERANGE) {
		v->kind = NB_VAL_DECIMAL;
		v->d = strtod(s, &end);
		return;
	}
	v->kind = NB_VAL_INT;
	v->i = ll;
	v->d = (double)ll;
}

/* Stores bytes [off, off+len) of line li as the cell's token. */
static int
set_where(struct nb_report *r, struct nb_cell *c, size_t li, size_t off,
    size_t len)
{
	const struct nb_line *l = &r->doc->lines[li];

	free(c->raw_tok);
	if ((c->raw_tok = malloc(len + 1)) == NULL) {
		c->v.raw = "";
		return -1;
	}
	memcpy(c->raw_tok, l->raw + off, len);
	c->raw_tok[len] = '\0';
	c->v.raw = c->raw_tok;
	c->v.line = l->lineno;
	c->v.page = l->page;
	c->line_index = li;
	c->off = off;
	c->len = len;
	return 0;
}

static int
fill_from_tok(struct nb_report *r, struct nb_cell *c, const struct tok *t)
{
	if (set_where(r, c, t->li, t->off, t->len) == -1)
		return -1;
	c->conf = 1;
	c->src = NB_SRC_TEXT;
	if (t->blank) {
		c->v.kind = NB_VAL_MISSING;
		return 0;
	}
	parse_value(&c->v, t->norm);
	return 0;
}

static int
fill_row(struct nb_report *r, const struct region *g, size_t ti, size_t ri,
    const struct hit *h)
{
	const struct nb_row_def *rd = &r->pack->tables[ti].rows[ri];
	size_t ci;

	for (ci = 0; ci < rd->cols.n; ci++) {
		size_t idx = cell_index(r->pack, ti, ri, ci);
		struct nb_cell *c;

		if (idx == NONE)
			continue;
		c = &r->cells[idx];
		if (h->fused == 1) {
			if (set_where(r, c, g->t[h->start].li, h->poff[ci],
			    h->plen[ci]) == -1)
				return -1;
			c->v.kind = NB_VAL_INT;
			c->conf = 1;
			c->src = NB_SRC_GLUED;
			c->v.i = h->parts[ci];
			c->v.d = (double)h->parts[ci];
			continue;
		}
		if (h->fused == 0 && ci < h->ntok) {
			if (fill_from_tok(r, c, &g->t[h->start + ci]) == -1)
				return -1;
			continue;
		}
		/* Row found, cell not there (or not readable). */
		if (set_where(r, c, h->label_li, 0, 0) == -1)
			return -1;
		c->v.kind = NB_VAL_MISSING;
	}
	return 0;
}

/* ---- rows ---- */

/*
 * Rows whose labels share one chunk with the row j that has the run
 * after it: usually group labels without numbers ("3.其他" before
 * "（七）总计"), but when the run holds numbers for all of them, the
 * labels and the numbers were extracted as two blocks (a PDF read column
 * by column): the rows take the run in order.
 */
static void
take_block(struct region *g, const struct nb_table_def *td,
    struct hit *hits, const size_t *pend, size_t npend, size_t j, size_t s)
{
	size_t k, need = td->rows[j].cols.n;

	for (k = 0; k < npend; k++)
		need += td->rows[pend[k]].cols.n;
	if (npend > 0 && run_avail(&g->s[s]) >= need)
		for (k = 0; k < npend; k++)
			take_run(g, &hits[pend[k]], s,
			    td->rows[pend[k]].cols.n);
	take_run(g, &hits[j], s, td->rows[j].cols.n);
}

/*
 * Matches the keyed rows in order; fills hits[] and *end, the chunk after
 * the last row found.  Returns 0, or -1 on ENOMEM.
 */
static int
match_keyed(struct region *g, const struct nb_table_def *td,
    struct hit *hits, size_t *end)
{
	struct pos cur = { 0, 0 }, at, after;
	size_t j, kl = 0, lim = g->ns, npend = 0, *pend;

	if ((pend = calloc(td->nrows ? td->nrows : 1, sizeof(*pend))) == NULL)
		return -1;

	for (j = 0; j < td->nrows; j++) {
		const struct nb_row_def *rd = &td->rows[j];
		struct hit *h = &hits[j];

		h->run = NONE;
		if (rd->keys.n == 0 || !find_key(g, rd, cur, lim, &at, &kl) ||
		    later_first(g, td, j, cur, at))
			continue;
		h->found = 1;
		h->label_li = g->t[g->s[at.seg].first].li;
		after.seg = at.seg;
		after.off = at.off + kl;
		if (later_in_chunk(g, td, j, after)) {
			if (cur.seg != at.seg)
				npend = 0;
			pend[npend++] = j;
			cur = after;
			continue;
		}
		if (cur.seg != at.seg)
			npend = 0;
		cur.seg = at.seg + 1;
		cur.off = 0;
		if (at.seg + 1 < g->ns && g->s[at.seg + 1].num) {
			take_block(g, td, hits, pend, npend, j, at.seg + 1);
			cur.seg = at.seg + 2;
			if (looks_fused(g, rd, h))
				try_fused(g, rd, h);
		}
		npend = 0;
		/* Once the table has begun, its rows are close together:
		 * a key far below belongs to something else. */
		lim = cur.seg + KEY_WINDOW;
	}
	free(pend);
	*end = cur.seg;
	return 0;
}

/* A run of one token that could be the whole row run together. */
static int
fused_run(const struct region *g, const struct nb_row_def *rd, size_t s)
{
	struct hit h;

	memset(&h, 0, sizeof(h));
	h.run = s;
	h.start = g->s[s].first + g->s[s].taken;
	h.ntok = run_avail(&g->s[s]);
	return looks_fused(g, rd, &h);
}

/*
 * A row without keys (T4): the first run long enough for it, else the
 * first run that is one fused token of its digits.
 */
static void
match_positional(struct region *g, const struct nb_row_def *rd,
    struct hit *h, size_t from_seg, int exact)
{
	size_t s, n = rd->cols.n, fused = NONE;

	h->run = NONE;
	for (s = from_seg; s < g->ns; s++) {
		if (!g->s[s].num)
			continue;
		if (fused == NONE && fused_run(g, rd, s))
			fused = s;
		if (exact ? run_avail(&g->s[s]) != n : run_avail(&g->s[s]) < n)
			continue;
		break;
	}
	if (s == g->ns && (s = fused) == NONE)
		return;
	h->found = 1;
	take_run(g, h, s, n);
	h->label_li = g->t[h->start].li;
	if (looks_fused(g, rd, h))
		try_fused(g, rd, h);
}

static int
fill_table(struct nb_report *r, const struct region *g, size_t ti,
    struct hit *hits, int has_region)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	struct nb_table *tb = &r->tables[ti];
	size_t j;
	int unreadable = 0;

	tb->rows_found = 0;
	tb->line = 0;
	/* Its header, else its first row, else its section's heading. */
	if (g->header != NONE)
		tb->line = r->doc->lines[g->header].lineno;
	for (j = 0; j < td->nrows; j++) {
		if (!hits[j].found)
			continue;
		if (tb->line == 0)
			tb->line = r->doc->lines[hits[j].label_li].lineno;
		tb->rows_found++;
		if (hits[j].fused == -1)
			unreadable = 1;
		if (fill_row(r, g, ti, j, &hits[j]) == -1)
			return -1;
	}
	if (tb->line == 0 && has_region && td->section >= 1 &&
	    td->section <= 6)
		tb->line = r->sec[td->section].line;
	tb->confidence = unreadable ? 0 : 1;
	if (unreadable)
		tb->state = NB_TABLE_UNREADABLE;
	else if (tb->rows_found > 0 && (size_t)tb->rows_found == td->nrows)
		tb->state = NB_TABLE_COMPLETE;
	else if (tb->rows_found > 0)
		tb->state = NB_TABLE_PARTIAL;
	else if (has_region)
		tb->state = NB_TABLE_HEADER_ONLY;
	else
		tb->state = NB_TABLE_ABSENT;
	return 0;
}

/*
 * A positional table whose section and header are both missing: its row
 * may sit at the end of the table before it (003: T4's 15 zeros under
 * section 三, heading 四 lost).  Only a run of exactly the row's width
 * that the previous table's rows left over is taken.
 */
static int
borrow_region(struct nb_report *r, size_t ti, struct region *g,
    struct hit *hits)
{
	const struct nb_table_def *td = &r->pack->tables[ti], *pd;
	struct hit *ph;
	int rc;
	size_t j, end;

	if (ti == 0 || td->nrows != 1 || td->rows[0].keys.n != 0)
		return 0;
	pd = &r->pack->tables[ti - 1];
	if ((rc = find_region(r, pd, g)) != 1)
		return rc;
	if (tokenize(g) == -1)
		return -1;
	if ((ph = calloc(pd->nrows ? pd->nrows : 1, sizeof(*ph))) == NULL)
		return -1;
	if (match_keyed(g, pd, ph, &end) == -1) {
		free(ph);
		return -1;
	}
	for (j = 0; j < pd->nrows; j++)
		if (pd->rows[j].keys.n == 0)
			match_positional(g, &pd->rows[j], &ph[j], 0, 0);
	free(ph);
	match_positional(g, &td->rows[0], &hits[0], 0, 1);
	return hits[0].found;
}

/* The rows of a table in its own region. */
static int
match_own(struct region *g, const struct nb_table_def *td, struct hit *hits)
{
	size_t j, end;

	if (tokenize(g) == -1 || match_keyed(g, td, hits, &end) == -1)
		return -1;
	for (j = 0; j < td->nrows; j++)
		if (td->rows[j].keys.n == 0)
			match_positional(g, &td->rows[j], &hits[j], end, 0);
	return 0;
}

static int
extract_one(struct nb_report *r, size_t ti)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	struct region g;
	struct hit *hits;
	int rc, has_region;

	if ((hits = calloc(td->nrows ? td->nrows : 1, sizeof(*hits))) == NULL)
		return -1;
	has_region = find_region(r, td, &g);
	if (has_region == 1)
		rc = match_own(&g, td, hits);
	else
		rc = has_region;
	/* T4's row, not under its heading: maybe left over under 三. */
	if (rc == 0 && td->nrows == 1 && !hits[0].found) {
		region_free(&g);
		rc = borrow_region(r, ti, &g, hits);
		/* The lines are another table's: not this one's header. */
		g.header = NONE;
	}
	if (rc != -1)
		rc = fill_table(r, &g, ti, hits, has_region == 1);
	region_free(&g);
	free(hits);
	return rc == -1 ? -1 : 0;
}

int
nb_tables_extract(struct nb_report *r, struct nb_error *err)
{
	size_t ti;

	if (r->tables == NULL || r->cells == NULL)
		return 0;
	for (ti = 0; ti < r->pack->ntables; ti++)
		if (extract_one(r, ti) == -1)
			return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足",
			    r->doc->name);
	return 0;
}
