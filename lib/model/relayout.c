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

/* Bytes of the UTF-8 sequence starting with byte c. */
static size_t
u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
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
	static const char *const first[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "第"
	};
	unsigned char c = (unsigned char)*p;

	/* All of them are three bytes from U+4E00-U+7FFF: E4-E7 first. */
	if (c < 0xe4 || c > 0xe7)
		return 0;
	for (size_t i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		if (lit_at(p, first[i]))
			return 1;
	return 0;
}

/*
 * Can a heading start at byte p of raw?  At the start of the line, after
 * white space, or after the end of a sentence, a number or a closing
 * bracket; never inside a phrase ("第三、四部分", "详见二、…").
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
	/* The character before p. */
	do
		q--;
	while (q > 0 && ((unsigned char)raw[q] & 0xc0) == 0x80);
	if (is_space_at(raw + q) || (raw[q] >= '0' && raw[q] <= '9'))
		return 1;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (lit_at(raw + q, ends[i]))
			return 1;
	return 0;
}

/*
 * The compact text of up to WINDOW_CHARS characters of raw from p, and
 * for each of its bytes the raw offset just past the character it came
 * from.  Returns NULL on ENOMEM.
 */
static char *
window(const char *raw, size_t p, size_t **rawend)
{
	size_t cap = WINDOW_CHARS * 8 + 1, n = 0, chars = 0;
	char *w = malloc(cap);
	size_t *m = malloc(cap * sizeof(*m));

	if (w == NULL || m == NULL) {
		free(w);
		free(m);
		return NULL;
	}
	while (raw[p] != '\0' && chars < WINDOW_CHARS) {
		size_t l = u8len((unsigned char)raw[p]), cl;
		char *c;

		if (strnlen(raw + p, l) < l)
			break;
		if ((c = nb_compact(raw + p, l)) == NULL)
			break;		/* invalid UTF-8: stop the window */
		cl = strlen(c);
		if (n + cl + 1 > cap) {
			free(c);
			break;
		}
		memcpy(w + n, c, cl);
		for (size_t i = 0; i < cl; i++)
			m[n + i] = p + l;
		n += cl;
		free(c);
		p += l;
		chars++;
	}
	w[n] = '\0';
	*rawend = m;
	return w;
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
 * inline heading.  Returns how many (sorted, none 0 or at the end), or -1
 * on ENOMEM.
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
		size_t *rawend, end, hend;
		char *w;
		int k;

		if (!ordinal_at(raw + p) || (p != lead && !boundary_before(raw, p)))
			continue;
		if ((w = window(raw, p, &rawend)) == NULL)
			return -1;
		k = w[0] != '\0' ? nb_heading_inline(b, w, &end) : 0;
		hend = k != 0 && end > 0 ? rawend[end - 1] : 0;
		free(w);
		free(rawend);
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

int
nb_relayout(struct build *b)
{
	struct nb_report *r = b->r;
	const struct nb_doc *src = r->src;
	struct nb_doc *ld;
	size_t i, cap = 0, cuts[MAX_CUTS];

	if ((ld = nb_doc_new(src->name)) == NULL)
		return -1;
	ld->kind = src->kind;
	ld->encoding = src->encoding;
	ld->no_text = src->no_text;
	r->doc = r->own_doc = ld;
	for (i = 0; i < src->nlines; i++) {
		const struct nb_line *l = &src->lines[i];
		size_t from = 0;
		int n, c;

		if ((n = find_cuts(b, l->raw, cuts)) == -1)
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
	/* One entry per line of a large input each: give back the slack. */
	nb_doc_trim(ld);
	if (ld->nlines > 0 && ld->nlines < cap) {
		struct nb_lmap *nm = realloc(r->lmap, ld->nlines * sizeof(*nm));

		if (nm != NULL)
			r->lmap = nm;
	}
	return 0;
}
