/*
 * relayout.c -- the logical lines a model is built from.
 *
 * A source line may hold several lines of the report: a web page saved as
 * text puts the whole report on one line ("…请与…联系。一、总体情况2021年，
 * 我区…"), a converter runs a heading into its first paragraph.  Each
 * source line is cut before every section heading inside it and after the
 * heading, so that the section finder and the table reader see every
 * heading on a line of its own.  A logical line remembers its source line
 * and the byte it starts at, so cells still point into the source.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

#define WINDOW_CHARS	60	/* characters compacted after an ordinal */
#define MAX_CUTS	64	/* cuts in one source line */

/* Bytes of the UTF-8 sequence starting with byte c (c < 0x80 ? 1 : c <
 * 0xe0 ? 2 : c < 0xf0 ? 3 : 4, by a shift: this steps every character
 * of every line). */
static inline size_t
u8len(unsigned char c)
{
	return (size_t)(0x4322222211111111ull >> (c >> 4 << 2) & 0xf);
}

/*
 * Does s start with the bytes of lit?  strncmp(s, lit, strlen(lit)) == 0
 * without the calls: this runs for every character of every line.
 */
static inline int
lit_at(const char *s, const char *lit)
{
	for (; *lit != '\0'; s++, lit++)
		if (*s != *lit)
			return 0;
	return 1;
}

static int
is_space_at(const char *p)
{
	return *p == ' ' || *p == '\t' || lit_at(p, "\xe3\x80\x80") ||
	    lit_at(p, "\xc2\xa0");
}

/* Does a top-level ordinal ("一、", "十二、", "第三部分") start at p? */
static int
ordinal_at(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	/* All of them are three bytes from U+4E00-U+7FFF: E4-E7 first,
	 * then one of seven second bytes (bit b - 0x80 of the mask). */
	if (u[0] < 0xe4 || u[0] > 0xe7 || (u[1] & 0xc0) != 0x80 ||
	    !(0x0700100008002020ull >> (u[1] & 0x3f) & 1))
		return 0;
	switch ((unsigned long)u[0] << 16 | (unsigned long)u[1] << 8 | u[2]) {
	case 0xe4b880:	/* 一 */
	case 0xe4ba8c:	/* 二 */
	case 0xe4b889:	/* 三 */
	case 0xe59b9b:	/* 四 */
	case 0xe4ba94:	/* 五 */
	case 0xe585ad:	/* 六 */
	case 0xe4b883:	/* 七 */
	case 0xe585ab:	/* 八 */
	case 0xe4b99d:	/* 九 */
	case 0xe58d81:	/* 十 */
	case 0xe7acac:	/* 第 */
		return 1;
	}
	return 0;
}

/*
 * Can a heading start at byte p of raw?  At the start of the line, after
 * white space, or after the end of a sentence, a number (with its unit)
 * or a closing bracket; never inside a phrase ("第三、四部分", "详见二、…").
 */
static int
boundary_before(const char *raw, size_t p)
{
	static const char *const ends[] = {
		"。", "；", ";", "：", ":", "！", "!", "？", "?", "）", ")",
		"」", "』", "”", "\"", "》", "%", "．"
	};
	size_t q = p;

	if (p == 0)
		return 1;
	/* Markdown before a heading run into the text ("　　## **六、…")
	 * stands where the line break was. */
	while (q > 0 && (raw[q - 1] == '*' || raw[q - 1] == '#'))
		q--;
	if (q == 0)
		return 1;
	/* The character before p. */
	do
		q--;
	while (q > 0 && ((unsigned char)raw[q] & 0xc0) == 0x80);
	if (is_space_at(raw + q) || (raw[q] >= '0' && raw[q] <= '9'))
		return 1;
	/* A number with its unit ends a table cell: "…2895.90元三、收到…". */
	if (q > 0 && raw[q - 1] >= '0' && raw[q - 1] <= '9' &&
	    (strncmp(raw + q, "元", strlen("元")) == 0 ||
	    strncmp(raw + q, "件", strlen("件")) == 0 ||
	    strncmp(raw + q, "条", strlen("条")) == 0))
		return 1;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (lit_at(raw + q, ends[i]))
			return 1;
	return 0;
}

/* The compact form of an ASCII character alone: white space, a markdown
 * '#' and a lone '|' (a table rule) are dropped by nb_compact(). */
static size_t
compact_ascii(unsigned char c, char *out)
{
	if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' ||
	    c == '#' || c == '|')
		return 0;
	out[0] = (char)c;
	return 1;
}

/*
 * nb_compact() of the one character at s (l bytes) without its
 * allocations, for the characters reports are made of (those of
 * nb_normalize()'s fast path); (size_t)-1 for any other, which the caller
 * hands to nb_compact().  Writes at most 3 bytes to out.
 */
static size_t
compact_char(const char *s, size_t l, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long c;

	if (l == 1)
		return compact_ascii(u[0], out);
	if (l == 2 && u[0] == 0xc2 && u[1] == 0xb7) {	/* · */
		memcpy(out, s, 2);
		return 2;
	}
	if (l != 3 || (u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80)
		return (size_t)-1;
	c = (unsigned long)(u[0] & 0x0f) << 12 | (unsigned long)(u[1] & 0x3f) << 6 |
	    (u[2] & 0x3f);
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3001 && c <= 0x3002) ||
	    (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301b) ||
	    c == 0x2018 || c == 0x2019 || c == 0x201c || c == 0x201d ||
	    c == 0x2014) {
		memcpy(out, s, 3);
		return 3;
	}
	if (c >= 0xff01 && c <= 0xff5e)		/* full-width ASCII */
		return compact_ascii((unsigned char)(c - 0xfee0), out);
	if (c == 0x3000)			/* ideographic space */
		return 0;
	return (size_t)-1;
}

#define WINDOW_CAP	(WINDOW_CHARS * 8 + 1)

/* A window's compact text, and for each of its bytes the raw offset just
 * past the character it came from.  On the caller's stack: one is made
 * at every ordinal a line holds ("一是", "统一", "第…"). */
struct window {
	char	 w[WINDOW_CAP];
	size_t	 m[WINDOW_CAP];
};

/*
 * The window of up to WINDOW_CHARS characters of raw from p; it stops
 * early at invalid UTF-8.
 */
static void
window(const char *raw, size_t p, struct window *win)
{
	size_t n = 0, chars = 0;

	while (raw[p] != '\0' && chars < WINDOW_CHARS) {
		size_t l = u8len((unsigned char)raw[p]), cl;
		char *c, one[4];

		if (strnlen(raw + p, l) < l)
			break;
		if ((cl = compact_char(raw + p, l, one)) != (size_t)-1)
			c = one;
		else if ((c = nb_compact(raw + p, l)) == NULL)
			break;		/* invalid UTF-8: stop the window */
		else
			cl = strlen(c);
		if (n + cl + 1 > WINDOW_CAP) {
			if (c != one)
				free(c);
			break;
		}
		memcpy(win->w + n, c, cl);
		for (size_t i = 0; i < cl; i++)
			win->m[n + i] = p + l;
		n += cl;
		if (c != one)
			free(c);
		p += l;
		chars++;
	}
	win->w[n] = '\0';
}

#define TAIL_CHARS	12	/* a heading's tail: "…及改进措施" */

/*
 * Does a body follow a heading, or only the end of the heading in other
 * words ("五、…存在的主要问题及改进" + "措施")?  A body holds a number, a
 * sentence or more than a heading's tail.
 */
static int
body_follows(const char *s)
{
	size_t chars = 0;

	for (; *s != '\0'; s++) {
		if ((*s >= '0' && *s <= '9') || lit_at(s, "。"))
			return 1;
		chars += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return chars > TAIL_CHARS;
}

/*
 * Byte offsets at which source line raw is cut: before and after each
 * inline heading.  Returns how many (sorted, none 0 or at the end).
 */
static int
find_cuts(const struct build *b, const char *raw, size_t *cuts)
{
	size_t p, len = strlen(raw), lead = 0;
	int n = 0;

	while (lead < len && is_space_at(raw + lead))
		lead += u8len((unsigned char)raw[lead]);
	for (p = lead; p < len && n + 2 <= MAX_CUTS;
	    p += u8len((unsigned char)raw[p])) {
		struct window win;
		size_t end, hend;
		int k;

		if (!ordinal_at(raw + p) || (p != lead && !boundary_before(raw, p)))
			continue;
		window(raw, p, &win);
		k = win.w[0] != '\0' ? nb_heading_inline(b, win.w, &end) : 0;
		hend = k != 0 && end > 0 ? win.m[end - 1] : 0;
		if (k == 0)
			continue;
		if (p > lead && (n == 0 || cuts[n - 1] != p))
			cuts[n++] = p;
		if (hend < len && body_follows(raw + hend))
			cuts[n++] = hend;
		p = hend > p ? hend - 1 : p;
		/* p is advanced by one character below; step back inside. */
		while (p > 0 && ((unsigned char)raw[p] & 0xc0) == 0x80)
			p--;
	}
	return n;
}

static int
add_piece(struct nb_doc *ld, struct nb_lmap **map, size_t *cap,
    const struct nb_line *l, size_t src, size_t from, size_t to)
{
	if (ld->nlines == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		struct nb_lmap *nm = realloc(*map, nc * sizeof(*nm));

		if (nm == NULL)
			return -1;
		*map = nm;
		*cap = nc;
	}
	/* l == NULL: the whole source line, copied by the caller. */
	(*map)[ld->nlines].src = src;
	(*map)[ld->nlines].off = from;
	if (l == NULL)
		return 0;
	return nb_doc_add_line(ld, l->raw + from, to - from, l->lineno,
	    l->page);
}

/*
 * The logical document, made when the first line is cut: the lines before
 * it are src's own, shared.  Until then r->doc is src itself, without a
 * map (fill.c reads a missing map as every line its own source).
 */
static struct nb_doc *
split_doc(struct nb_report *r, size_t upto, size_t *cap)
{
	const struct nb_doc *src = r->src;
	struct nb_doc *ld;

	if ((ld = nb_doc_new(src->name)) == NULL)
		return NULL;
	ld->kind = src->kind;
	ld->encoding = src->encoding;
	ld->no_text = src->no_text;
	r->doc = r->own_doc = ld;
	for (size_t k = 0; k < upto; k++)
		if (add_piece(ld, &r->lmap, cap, NULL, k, 0, 0) == -1 ||
		    nb_doc_copy_line(ld, &src->lines[k]) == -1)
			return NULL;
	return ld;
}

int
nb_relayout(struct build *b)
{
	struct nb_report *r = b->r;
	const struct nb_doc *src = r->src;
	struct nb_doc *ld = NULL;
	size_t i, cap = 0, cuts[MAX_CUTS];

	r->doc = src;
	for (i = 0; i < src->nlines; i++) {
		const struct nb_line *l = &src->lines[i];
		size_t from = 0;
		int n, c;

		n = find_cuts(b, l->raw, cuts);
		if (n == 0 && ld == NULL)
			continue;
		if (ld == NULL && (ld = split_doc(r, i, &cap)) == NULL)
			return -1;
		for (c = 0; c < n; c++) {
			if (add_piece(ld, &r->lmap, &cap, l, i, from, cuts[c]) == -1)
				return -1;
			from = cuts[c];
		}
		if (n == 0) {
			if (add_piece(ld, &r->lmap, &cap, NULL, i, 0, 0) == -1 ||
			    nb_doc_copy_line(ld, l) == -1)
				return -1;
			continue;
		}
		if (add_piece(ld, &r->lmap, &cap, l, i, from, strlen(l->raw)) == -1)
			return -1;
	}
	if (ld == NULL)
		return 0;
	/* One entry per line of a large input each: give back the slack. */
	nb_doc_trim(ld);
	if (ld->nlines > 0 && ld->nlines < cap) {
		struct nb_lmap *nm = realloc(r->lmap, ld->nlines * sizeof(*nm));

		if (nm != NULL)
			r->lmap = nm;
	}
	return 0;
}
