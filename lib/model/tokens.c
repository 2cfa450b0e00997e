/*
 * tokens.c -- a table's lines cut into tokens (label text, numbers, written
 * blanks), and the tokens into alternating label chunks and number runs.
 *
 * Tokens are cut from the raw line (not the normalised one) so that each
 * cell knows its exact bytes in the source.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "normalize.h"
#include "table.h"

void
nb_region_free(struct region *g)
{
	nb_arena_free(&g->text);
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

/* nb_normalize() of a token, in the region's arena: the common one in
 * one pass straight into it.  NULL for bad bytes or no memory. */
static char *
norm_token(struct region *g, const char *s, size_t len)
{
	char *t, *n;
	size_t l;

	if ((t = nb_arena_room(&g->text, len + 1)) == NULL)
		return NULL;
	if ((l = nb_normalize_to(s, len, t)) != (size_t)-1) {
		nb_arena_take(&g->text, t, l + 1);
		return t;
	}
	if ((n = nb_normalize(s, len)) == NULL)
		return NULL;
	t = nb_arena_copy(&g->text, n, strlen(n));
	free(n);
	return t;
}

static int
add_one(struct region *g, size_t li, size_t off, size_t len)
{
	const char *raw = g->r->doc->lines[li].raw;
	struct tok t;
	size_t unit;

	memset(&t, 0, sizeof(t));
	/* nb_normalize() checks the bytes; a bad token is skipped. */
	if ((t.norm = norm_token(g, raw + off, len)) == NULL)
		return u8_check((const uint8_t *)raw + off, len) != NULL ? 0 : -1;
	/* A lone '|' is markup, or an OCR'd 1: ocr.c tells. */
	if (t.norm[0] == '\0' && len == 1 && raw[off] == '|' &&
	    (t.norm = nb_arena_copy(&g->text, "|", 1)) == NULL)
		return -1;
	if (t.norm[0] == '\0')
		return 0;
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
	return push_tok(g, &t);
}

/*
 * Bytes of an OCR'd digit ('|', 'l', 'I', '丨' for 1, 'O' for 0) at s
 * glued to the label after it ("|三、本年度办理结果", "O（六）其他处理",
 * "|8.属于…"), else 0.  No label starts so: after a number, it is the
 * row's last digit, and ocr.c judges it.
 */
static size_t
lookalike_before_label(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = len >= 3 && strncmp(s, "丨", 3) == 0 ? 3 :
	    len >= 1 && strchr("|lIO", s[0]) != NULL ? 1 : 0;

	if (k == 0 || len <= k + 1)
		return 0;
	/* a label follows: Han text, or a list numeral ("8.") */
	if (u[k] >= 0x80 || (u[k] >= '1' && u[k] <= '9' &&
	    (u[k + 1] == '.' || strncmp(s + k + 1, "．", 3) == 0 ||
	    strncmp(s + k + 1, "、", 3) == 0)))
		return k;
	return 0;
}

/* The same, when the token before, on the same line, is a number. */
static size_t
glued_lookalike(const struct region *g, size_t li, const char *s,
    size_t len)
{
	const struct tok *p = g->nt > 0 ? &g->t[g->nt - 1] : NULL;

	if (p == NULL || p->li != li || p->kind != TK_NUM || p->blank)
		return 0;
	return lookalike_before_label(s, len);
}

/* A token between separators, cut where numbers meet text (numbers.c). */
static int
add_raw_tok(struct region *g, size_t li, size_t off, size_t len)
{
	const char *raw = g->r->doc->lines[li].raw;
	size_t pos = glued_lookalike(g, li, raw + off, len);
	int num;

	if (pos > 0 && add_one(g, li, off, pos) == -1)
		return -1;
	while (pos < len) {
		size_t l = nb_next_piece(raw + off + pos, len - pos, &num);
		if (l == 0)
			l = len - pos;
		/* "2l四、…": the number's last digit read as a letter */
		else if (num && pos + l < len)
			l += lookalike_before_label(raw + off + pos + l,
			    len - pos - l);
		if (add_one(g, li, off + pos, l) == -1)
			return -1;
		pos += l;
	}
	return 0;
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
	const unsigned char *u = (const unsigned char *)p;

	if (*p == ' ' || *p == '\t')
		return 1;
	/* Byte by byte (no strncmp call a byte): && stops at the NUL. */
	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	return 0;
}

/* Kind of the nearest token before (dir -1) or after (+1) i that is not
 * an empty field, within [first, nt); TK_EMPTY when there is none. */
static enum tkind
near_kind(const struct region *g, size_t first, size_t i, int dir)
{
	for (size_t j = i; dir < 0 ? j-- > first : ++j < g->nt;)
		if (g->t[j].kind != TK_EMPTY)
			return g->t[j].kind;
	return TK_EMPTY;
}

/*
 * An empty tab or '|' field of the line [first, nt) is a blank cell
 * between two numbers.  Between the row's label and its first number, or
 * after its last number, it is a blank cell only when the line then has
 * exactly the table's width of cells after its label and ends the row
 * (line_closed); elsewhere it is
 * layout (label cells spanning columns, trailing tabs).  A blank cell
 * keeps its column: dropped, the later cells would shift left.
 */
/*
 * Does line li end its row?  A tab or '|' closes it; else a next line
 * starting with a number may be the rest of the row, wrapped.
 */
static int
line_closed(const struct region *g, size_t li)
{
	const char *raw = g->r->doc->lines[li].raw, *next;
	size_t n = strlen(raw);

	while (n > 0 && raw[n - 1] == ' ')
		n--;
	if (n > 0 && (raw[n - 1] == '\t' || raw[n - 1] == '|'))
		return 1;
	if (li + 1 >= g->to)
		return 1;
	next = g->r->doc->lines[li + 1].text;
	while (*next == ' ')
		next++;
	return !(*next >= '0' && *next <= '9');
}

static int
resolve_empties(struct region *g, size_t first, size_t li)
{
	size_t i, w = first, lt = NONE, cells = 0, edges = 0;
	enum tkind l, r;
	int keep_edges;

	for (i = first; i < g->nt; i++)
		if (g->t[i].kind == TK_TEXT)
			lt = i;
	/* A number amid the label ("重 新出具 0已获取信息"): a cell printed
	 * inside it, so the count after the label says nothing. */
	for (i = first; lt != NONE && i < lt; i++)
		if (g->t[i].kind == TK_NUM)
			lt = NONE;
	for (i = lt == NONE ? first : lt + 1; i < g->nt; i++) {
		if (g->t[i].kind == TK_NUM) {
			cells++;
			continue;
		}
		l = near_kind(g, first, i, -1);
		r = near_kind(g, first, i, 1);
		if (l == TK_NUM && r == TK_NUM)
			cells++;
		else if ((l == TK_TEXT && r == TK_NUM) ||
		    (l == TK_NUM && r == TK_EMPTY))
			edges++;
	}
	keep_edges = edges > 0 && lt != NONE && cells + edges == g->width &&
	    line_closed(g, li);
	for (i = first; i < g->nt; i++) {
		if (g->t[i].kind != TK_EMPTY) {
			g->t[w++] = g->t[i];
			continue;
		}
		l = near_kind(g, first, i, -1);
		r = near_kind(g, first, i, 1);
		if (!(l == TK_NUM && r == TK_NUM) && !(keep_edges && i > lt &&
		    ((l == TK_TEXT && r == TK_NUM) ||
		    (l == TK_NUM && r == TK_EMPTY))))
			continue;
		g->t[i].kind = TK_NUM;
		g->t[i].blank = 1;
		if ((g->t[i].norm = nb_arena_copy(&g->text, "", 0)) == NULL) {
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
	int field_toks = 0, pipes;

	if (l->text[0] == '\0' || is_page_line(l->text))
		return 0;
	/* A markdown table row: '|' parts fields as a tab does, the
	 * first one opening the row. */
	while (raw[i] == ' ' || raw[i] == '\t')
		i++;
	pipes = raw[i] == '|';
	if (pipes)
		i++;
	while (raw[i] != '\0') {
		size_t sl = sep_len(raw + i);

		if (sl > 0 || (pipes && raw[i] == '|')) {
			if (raw[i] == '\t' || raw[i] == '|') {
				if (field_toks == 0 && add_empty(g, li, i) == -1)
					return -1;
				field_toks = 0;
			}
			i += sl > 0 ? sl : 1;
			continue;
		}
		start = i;
		while (raw[i] != '\0' && sep_len(raw + i) == 0 &&
		    !(pipes && raw[i] == '|'))
			i++;
		if (add_raw_tok(g, li, start, i - start) == -1)
			return -1;
		field_toks++;
	}
	/* A tab ending the line closes one more field, empty. */
	if (i > 0 && raw[i - 1] == '\t' && field_toks == 0 &&
	    add_empty(g, li, i) == -1)
		return -1;
	if (nb_ocr_digits(g, first) == -1)
		return -1;
	return resolve_empties(g, first, li);
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
	if ((s->text = nb_arena_room(&g->text, len + 1)) == NULL)
		return -1;
	for (i = s->first; i < s->first + s->n; i++)
		for (p = g->t[i].norm; *p != '\0'; p++)
			if (*p != ' ' && *p != '\t')
				s->text[o++] = *p;
	s->text[o] = '\0';
	nb_arena_take(&g->text, s->text, o + 1);
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

int
nb_tokenize(struct region *g, const struct nb_table_def *td)
{
	size_t li;

	g->width = 0;
	for (size_t j = 0; j < td->nrows; j++)
		if (td->rows[j].cols.n > g->width)
			g->width = td->rows[j].cols.n;

	for (li = g->from; li < g->to; li++)
		if (tokenize_line(g, li) == -1)
			return -1;
	return make_segs(g);
}


/*
 * Header words between the numbers of a table read in reading order
 * (pdftotext raw: "… 0 5 0 0 0 总计 0"): a text chunk between two number
 * runs that is no more than a piece of the table's own header, printed
 * before its first number, is dropped and the runs join.  For tables
 * whose rows have no labels (T4) only: there a header word cannot be a
 * row label.
 */
int
nb_drop_header_words(struct region *g)
{
	size_t s, hlen = 0, w, i;
	char *head;
	int dropped = 0;

	for (s = 0; s < g->ns && !g->s[s].num; s++)
		hlen += strlen(g->s[s].text);
	if (s == g->ns || hlen == 0)
		return 0;
	if ((head = malloc(hlen + 1)) == NULL)
		return -1;
	head[0] = '\0';
	for (s = 0; s < g->ns && !g->s[s].num; s++)
		strcat(head, g->s[s].text);
	for (; s + 2 < g->ns; s++) {
		struct seg *t = &g->s[s + 1];

		if (!g->s[s].num || t->num || !g->s[s + 2].num ||
		    t->text[0] == '\0' || strstr(head, t->text) == NULL)
			continue;
		for (i = t->first; i < t->first + t->n; i++)
			g->t[i].norm = NULL;
		dropped = 1;
	}
	free(head);
	if (!dropped)
		return 0;
	for (i = w = 0; i < g->nt; i++)
		if (g->t[i].norm != NULL)
			g->t[w++] = g->t[i];
	g->nt = w;
	free(g->s);
	g->s = NULL;
	g->ns = g->cs = 0;
	return make_segs(g);
}
