/*
 * model.c -- from the lines of a document to the report model: format,
 * title, year, issuer, statistics period and the six sections.  Tables
 * are tables.c.
 *
 * Everything is matched on "compact" text (normalised, every space and
 * tab removed), because converters wrap and space Chinese text at random.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


#include "model.h"
#include "normalize.h"

#define TITLE_SCAN	15	/* non-empty lines searched for the title */
#define TITLE_MAX	60	/* longest title line, in characters */
#define ISSUER_MAX	30	/* longest issuer line above a title */
#define HEADING_MAX	40	/* longest heading, in characters */
#define NONE		((size_t)-1)

/* Per-build scratch: the compact text of every line. */
struct build {
	struct nb_report *r;
	char		**cl;
	char		 *canon[6];	/* compact canonical headings, no ordinal */
};

static char *
dupstr(const char *s)
{
	size_t len = strlen(s);
	char *d;

	if ((d = malloc(len + 1)) != NULL)
		memcpy(d, s, len + 1);
	return d;
}

/*
 * s without spaces and tabs; s is already normalised.  s itself when it
 * has none (most lines of a Chinese report), so that no copy is made;
 * build_clear() frees only copies.
 */
static char *
squeeze(char *s)
{
	char *d, *w;

	if (strpbrk(s, " \t") == NULL)
		return s;
	if ((d = dupstr(s)) == NULL)
		return NULL;
	for (w = d; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			*w++ = *s;
	*w = '\0';
	return d;
}

/*
 * Characters of valid UTF-8 s, counting stops past cap: callers only
 * compare with a maximum, and most lines are paragraphs far longer.
 */
static size_t
nchars(const char *s, size_t cap)
{
	size_t n = 0;

	for (; *s != '\0' && n <= cap; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* After "第一部分" (and a "、" or ":"), or NULL. */
static const char *
skip_part(const char *s)
{
	const char *p = strstr(s, "部分");

	/* 第 and at most three numerals before 部分. */
	if (strncmp(s, "第", strlen("第")) != 0 || p == NULL ||
	    p - s > (ptrdiff_t)(strlen("第") + 3 * strlen("十")))
		return NULL;
	p += strlen("部分");
	if (strncmp(p, "、", strlen("、")) == 0)
		return p + strlen("、");
	if (*p == ':')
		return p + 1;
	return p;
}

/* After up to three Chinese numerals (一 to 十) at s. */
static const char *
skip_numerals(const char *s)
{
	static const char *const digits[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"
	};
	const char *p = s;
	size_t n, d;

	for (n = 0; n < 3; n++) {
		for (d = 0; d < sizeof(digits) / sizeof(digits[0]); d++)
			if (strncmp(p, digits[d], strlen(digits[d])) == 0)
				break;
		if (d == sizeof(digits) / sizeof(digits[0]))
			break;
		p += strlen(digits[d]);
	}
	return p;
}

/*
 * After a Chinese top-level ordinal ("一、", "十二、", "三.", "第一部分"),
 * or NULL if s does not start with one.
 */
static const char *
skip_ordinal(const char *s)
{
	const char *p = skip_numerals(s);

	if (p == s)
		return skip_part(s);
	if (strncmp(p, "、", strlen("、")) == 0)
		return p + strlen("、");
	if (*p == '.')
		return p + 1;
	return NULL;
}

/* Does s start with a heading key of section k (0-based)? */
static int
starts_with_key(const struct nb_pack *pack, int k, const char *s)
{
	const struct nb_strv *keys = &pack->sections[k].keys;
	size_t i;

	for (i = 0; i < keys->n; i++)
		if (keys->v[i][0] != '\0' &&
		    strncmp(s, keys->v[i], strlen(keys->v[i])) == 0)
			return 1;
	return 0;
}

/* Is s exactly a heading key of section k (0-based)? */
static int
is_section_key(const struct nb_pack *pack, int k, const char *s)
{
	const struct nb_strv *keys = &pack->sections[k].keys;
	size_t i;

	for (i = 0; i < keys->n; i++)
		if (strcmp(s, keys->v[i]) == 0)
			return 1;
	return 0;
}

/* Does the line contain a heading key of section k (0-based)? */
static int
has_section_key(const struct nb_pack *pack, int k, const char *s)
{
	const struct nb_strv *keys = &pack->sections[k].keys;
	size_t i;

	for (i = 0; i < keys->n; i++)
		if (keys->v[i][0] != '\0' && strstr(s, keys->v[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Section (1..6) whose heading the compact line c is, or 0.  Matched by
 * key, never by ordinal alone: T3 row labels start with 一、 to 四、 too.
 */
static int
heading_of(const struct build *b, const char *c)
{
	const struct nb_pack *pack = b->r->pack;
	const char *body;
	size_t n = nchars(c, HEADING_MAX);
	int k;

	if (n == 0)
		return 0;
	body = skip_ordinal(c);
	/* A heading run together with its first paragraph. */
	if (n > HEADING_MAX) {
		for (k = 0; body != NULL && k < 6; k++)
			if (starts_with_key(pack, k, body))
				return k + 1;
		return 0;
	}
	for (k = 0; k < 6; k++) {
		if (body != NULL && has_section_key(pack, k, body))
			return k + 1;
		if (body == NULL && ((b->canon[k] != NULL &&
		    strcmp(c, b->canon[k]) == 0) || is_section_key(pack, k, c)))
			return k + 1;
	}
	return 0;
}

/*
 * Format markers are sets of words that must all occur in the text.  The
 * words are looked for line by line, each line behind the last bytes of
 * the text before it (one byte short of the longest word), so a word
 * wrapped over lines is found as in the whole text, without a copy of the
 * whole text.  seen[] has one flag per word of the formats 1..3, in order.
 */
static size_t
marker_words(const struct nb_pack *pack, size_t *longest)
{
	size_t n = 0, f, i, k, l;

	*longest = 1;
	for (f = NB_FMT_OLD; f <= NB_FMT_2021; f++)
		for (i = 0; i < pack->formats[f].nmarkers; i++)
			for (k = 0; k < pack->formats[f].markers[i].n; k++) {
				l = strlen(pack->formats[f].markers[i].v[k]);
				if (l > *longest)
					*longest = l;
				n++;
			}
	return n;
}

static void
mark_words(const struct nb_pack *pack, const char *text, unsigned char *seen)
{
	size_t w = 0, f, i, k;

	for (f = NB_FMT_OLD; f <= NB_FMT_2021; f++)
		for (i = 0; i < pack->formats[f].nmarkers; i++)
			for (k = 0; k < pack->formats[f].markers[i].n; k++, w++)
				if (!seen[w] && strstr(text,
				    pack->formats[f].markers[i].v[k]) != NULL)
					seen[w] = 1;
}

/* Has format f a marker all of whose words were seen? */
static int
format_seen(const struct nb_pack *pack, enum nb_format f,
    const unsigned char *seen)
{
	size_t w = 0, g, i, k;
	int all;

	for (g = NB_FMT_OLD; g < (size_t)f; g++)
		for (i = 0; i < pack->formats[g].nmarkers; i++)
			w += pack->formats[g].markers[i].n;
	for (i = 0; i < pack->formats[f].nmarkers; i++) {
		all = pack->formats[f].markers[i].n > 0;
		for (k = 0; k < pack->formats[f].markers[i].n; k++, w++)
			if (!seen[w])
				all = 0;
		if (all)
			return 1;
	}
	return 0;
}

/* Old markers win over 2019 ones, 2019 ones over 2021 ones. */
static int
find_format(struct build *b)
{
	const struct nb_doc *doc = b->r->doc;
	const struct nb_pack *pack = b->r->pack;
	size_t i, longest, nwords, tail = 0, cap = 0, l, keep;
	unsigned char *seen;
	char *win = NULL, *p;

	nwords = marker_words(pack, &longest);
	if ((seen = calloc(nwords + 1, 1)) == NULL)
		return -1;
	for (i = 0; i < doc->nlines; i++) {
		l = strlen(b->cl[i]);
		if (tail + l + 1 > cap) {
			cap = tail + l + 1 > 2 * cap ? tail + l + 1 : 2 * cap;
			if ((p = realloc(win, cap)) == NULL) {
				free(win);
				free(seen);
				return -1;
			}
			win = p;
		}
		memcpy(win + tail, b->cl[i], l + 1);
		mark_words(pack, win, seen);
		keep = tail + l < longest - 1 ? tail + l : longest - 1;
		memmove(win, win + tail + l - keep, keep);
		tail = keep;
	}
	free(win);
	if (format_seen(pack, NB_FMT_OLD, seen))
		b->r->format = NB_FMT_OLD;
	else if (format_seen(pack, NB_FMT_2019, seen))
		b->r->format = NB_FMT_2019;
	else if (format_seen(pack, NB_FMT_2021, seen))
		b->r->format = NB_FMT_2021;
	else
		b->r->format = NB_FMT_UNKNOWN;
	free(seen);
	return 0;
}

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Offset of the first "YYYY年" in s, or -1; *year gets YYYY. */
static long
find_year(const char *s, int *year)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (!isdig(p[0]) || !isdig(p[1]) || !isdig(p[2]) ||
		    !isdig(p[3]) || strncmp(p + 4, "年", strlen("年")) != 0)
			continue;
		if (p > s && isdig(p[-1]))
			continue;
		*year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
		    (p[2] - '0') * 10 + (p[3] - '0');
		return p - s;
	}
	return -1;
}

/* Previous non-empty line before index i, or NONE. */
static size_t
prev_nonempty(const struct build *b, size_t i)
{
	while (i-- > 0)
		if (b->cl[i][0] != '\0')
			return i;
	return NONE;
}

/* Next non-empty line after index i, or NONE. */
static size_t
next_nonempty(const struct build *b, size_t i)
{
	while (++i < b->r->doc->nlines)
		if (b->cl[i][0] != '\0')
			return i;
	return NONE;
}

/* Could the line be (part of) a title?  Sentences and citations not. */
static int
title_like(const struct build *b, size_t i, size_t max)
{
	/* Compact text is NFKC: "，" and "：" are "," and ":" by now. */
	static const char *const bad[] = {
		"。", ",", ":", ";", "《", "》", "<", ">", "〔"
	};
	const char *c = b->cl[i];
	size_t k;

	if (c[0] == '\0' || nchars(c, max) > max || heading_of(b, c) != 0)
		return 0;
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		if (strstr(c, bad[k]) != NULL)
			return 0;
	return 1;
}

/* Does the text name an issuer before "YYYY年"? */
static int
has_issuer(const char *t)
{
	int y;

	return find_year(t, &y) > 0;
}

static int
has_digit(const char *s)
{
	for (; *s != '\0'; s++)
		if (isdig(*s))
			return 1;
	return 0;
}

/*
 * Should the line above join a title that starts at line first?  Yes when
 * the title has no issuer yet (the issuer stands alone above "2022 年…",
 * 001; the title broke after 工作, 004, or after "YYYY 年"), or when a
 * line without digits sits right above it, as a title wrapped by a
 * converter does.
 */
static int
joins_above(const struct build *b, const char *title, size_t first,
    size_t above)
{
	if (!title_like(b, above, ISSUER_MAX + 10) ||
	    strstr(b->cl[above], "年度报告") != NULL)
		return 0;
	if (!has_issuer(title))
		return 1;
	return above + 1 == first && !has_digit(b->cl[above]);
}

#define TITLE_PARTS	6	/* lines of a title wrapped by a converter */

/* Compact text of the non-empty lines first..last, joined; NULL: ENOMEM. */
static char *
join_lines(const struct build *b, size_t first, size_t last)
{
	size_t i, len = 0;
	char *t;

	for (i = first; i <= last; i++)
		len += strlen(b->cl[i]);
	if ((t = malloc(len + 1)) == NULL)
		return NULL;
	t[0] = '\0';
	for (i = first; i <= last; i++)
		strcat(t, b->cl[i]);
	return t;
}

/* Cuts s at the first occurrence of word, if any. */
static void
cut_at(char *s, const char *word)
{
	char *p = strstr(s, word);

	if (p != NULL)
		*p = '\0';
}

/* Removes a trailing word, if there. */
static void
cut_suffix(char *s, const char *word)
{
	size_t l = strlen(s), w = strlen(word);

	if (l >= w && strcmp(s + l - w, word) == 0)
		s[l - w] = '\0';
}

/*
 * The issuer in a compact title t whose year is at offset at: the text
 * before the year ("红寺堡区2022年…"), else the text after it up to
 * 政府信息公开 ("2022年度某局政府信息公开…").  Rewrites t in place.
 */
static void
issuer_of(char *t, long at)
{
	char *after = t + at + 4 + strlen("年");

	if (at > 0) {
		t[at] = '\0';
		/* "…年度报告（2022年度）": the year came after the title. */
		cut_at(t, "政府信息公开");
		cut_suffix(t, "关于");
		return;
	}
	if (strncmp(after, "度", strlen("度")) == 0)
		after += strlen("度");
	if (strstr(after, "政府信息公开") == NULL) {
		t[0] = '\0';
		return;
	}
	memmove(t, after, strlen(after) + 1);
	cut_at(t, "政府信息公开");
}

/* Title from the non-empty lines first..last: title line, year, issuer. */
static int
set_title(struct build *b, size_t first, size_t last)
{
	struct nb_report *r = b->r;
	char *t;
	long at;
	int y = 0;

	if ((t = join_lines(b, first, last)) == NULL)
		return -1;
	r->title_line = r->doc->lines[first].lineno;
	at = find_year(t, &y);
	if (at >= 0 && y >= 1949 && y <= 2100) {
		r->year = y;
		issuer_of(t, at);
	} else
		t[0] = '\0';
	free(r->issuer);
	r->issuer = t;
	return 0;
}

/*
 * The lines holding "年度报告" from line i: i alone, or i and the next
 * line when the words break across them ("…年度报" / "告").  0 if none.
 */
static int
title_core(const struct build *b, size_t i, size_t *last, int *nomem)
{
	size_t n;
	char *t;
	int found;

	if (!title_like(b, i, TITLE_MAX))
		return 0;
	*last = i;
	if (strstr(b->cl[i], "年度报告") != NULL)
		return 1;
	n = next_nonempty(b, i);
	if (n == NONE || !title_like(b, n, TITLE_MAX) ||
	    strstr(b->cl[n], "年度报告") != NULL)
		return 0;
	if ((t = join_lines(b, i, n)) == NULL) {
		*nomem = 1;
		return 0;
	}
	found = strstr(t, "年度报告") != NULL;
	free(t);
	*last = n;
	return found;
}

static int
find_title(struct build *b)
{
	const struct nb_doc *doc = b->r->doc;
	size_t i, last, first, above, seen = 0;
	int parts, nomem = 0;
	char *t;

	for (i = 0; i < doc->nlines && seen < TITLE_SCAN; i++) {
		if (b->cl[i][0] == '\0')
			continue;
		seen++;
		if (!title_core(b, i, &last, &nomem)) {
			if (nomem)
				return -1;
			continue;
		}
		first = i;
		for (parts = 1; parts < TITLE_PARTS; parts++) {
			if ((above = prev_nonempty(b, first)) == NONE)
				break;
			if ((t = join_lines(b, first, last)) == NULL)
				return -1;
			if (!joins_above(b, t, first, above)) {
				free(t);
				break;
			}
			free(t);
			first = above;
		}
		return set_title(b, first, last);
	}
	return 0;
}

static int
add_head(struct nb_report *r, size_t i, int k)
{
	size_t *h;
	int *hs;

	if ((h = realloc(r->heads, (r->nheads + 1) * sizeof(*h))) == NULL)
		return -1;
	r->heads = h;
	if ((hs = realloc(r->head_sec, (r->nheads + 1) * sizeof(*hs))) == NULL)
		return -1;
	r->head_sec = hs;
	r->heads[r->nheads] = i;
	r->head_sec[r->nheads++] = k;
	return 0;
}

#define TOC_MIN	3	/* headings in a row, without bodies, make a TOC */

/*
 * Drops a table of contents: TOC_MIN or more headings on consecutive
 * non-empty lines, with no body between them.  Only the headings of the
 * text itself say where sections are.
 */
static void
drop_toc(struct build *b)
{
	struct nb_report *r = b->r;
	size_t h, e, w = 0;

	for (h = 0; h < r->nheads; h = e + 1) {
		for (e = h; e + 1 < r->nheads &&
		    r->heads[e + 1] == next_nonempty(b, r->heads[e]); e++)
			;
		if (e - h + 1 >= TOC_MIN)
			continue;
		for (; h <= e; h++) {
			r->heads[w] = r->heads[h];
			r->head_sec[w++] = r->head_sec[h];
		}
	}
	r->nheads = w;
}

/*
 * A heading wrapped after its ordinal's line ("三、收到和处理政府信息公开申"
 * / "请情况"): the section its two lines make together, or 0.  Lines with
 * digits are table rows ("四、结转下年度继续办理 0 0 …"), and a next line
 * with an ordinal of its own is another heading or row, never the rest.
 */
#define HEADING_PARTS	3	/* lines of a wrapped heading */

static int
wrapped_heading(const struct build *b, size_t i, int *nomem)
{
	size_t n = i, parts;
	int k = 0;

	/* "六" alone, its "、…" on the next line, counts as an ordinal. */
	if ((skip_ordinal(b->cl[i]) == NULL &&
	    *skip_numerals(b->cl[i]) != '\0') || b->cl[i][0] == '\0' ||
	    has_digit(b->cl[i]) || nchars(b->cl[i], HEADING_MAX) > HEADING_MAX)
		return 0;
	for (parts = 1; parts < HEADING_PARTS && k == 0; parts++) {
		char *t;

		n = next_nonempty(b, n);
		if (n == NONE || skip_ordinal(b->cl[n]) != NULL ||
		    has_digit(b->cl[n]) || heading_of(b, b->cl[n]) != 0)
			return 0;
		if ((t = join_lines(b, i, n)) == NULL) {
			*nomem = 1;
			return 0;
		}
		k = heading_of(b, t);
		free(t);
	}
	return k;
}

static int
find_sections(struct build *b)
{
	struct nb_report *r = b->r;
	size_t i, h;
	int k, nomem = 0;

	for (i = 0; i < r->doc->nlines; i++) {
		if ((k = heading_of(b, b->cl[i])) == 0 &&
		    (k = wrapped_heading(b, i, &nomem)) == 0 && nomem)
			return -1;
		if (k != 0 && add_head(r, i, k) == -1)
			return -1;
	}
	drop_toc(b);
	for (h = 0; h < r->nheads; h++) {
		k = r->head_sec[h];
		if (r->norder < NB_MAX_ORDER)
			r->order[r->norder++] = k;
		if (r->sec[k].count++ > 0)
			continue;
		r->sec[k].line = r->doc->lines[r->heads[h]].lineno;
		r->sec[k].first = r->heads[h];
	}
	/* A section runs to the next heading of any section. */
	r->sec[0].end = r->nheads > 0 ? r->heads[0] : r->doc->nlines;
	for (k = 1; k <= 6; k++) {
		if (r->sec[k].count == 0)
			continue;
		r->sec[k].end = r->doc->nlines;
		for (h = 0; h < r->nheads; h++)
			if (r->heads[h] > r->sec[k].first) {
				r->sec[k].end = r->heads[h];
				break;
			}
	}
	return 0;
}

/* Compact text of lines [from, to) with the source line of every byte. */
static int
section_text(struct build *b, struct nb_section *s, size_t from, size_t to)
{
	const struct nb_doc *doc = b->r->doc;
	size_t i, len = 0, o = 0, n = 0;

	for (i = from; i < to; i++)
		if (b->cl[i][0] != '\0') {
			len += strlen(b->cl[i]);
			n++;
		}
	if ((s->text = malloc(len + 1)) == NULL)
		return -1;
	if (n > 0 && ((s->run_off = calloc(n, sizeof(*s->run_off))) == NULL ||
	    (s->run_line = calloc(n, sizeof(*s->run_line))) == NULL))
		return -1;
	for (i = from; i < to; i++) {
		size_t l = strlen(b->cl[i]);

		if (l == 0)
			continue;
		memcpy(s->text + o, b->cl[i], l);
		s->run_off[s->nruns] = o;
		s->run_line[s->nruns++] = doc->lines[i].lineno;
		o += l;
	}
	s->text[o] = '\0';
	s->text_len = o;
	return 0;
}

unsigned
nb_section_line_at(const struct nb_section *s, size_t off)
{
	size_t lo = 0, hi = s->nruns;

	if (s->text == NULL || s->nruns == 0 || off >= s->text_len)
		return s->line;
	/* The last run starting at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->run_off[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return s->run_line[lo];
}

size_t
nb_section_offset_of(const struct nb_section *s, unsigned line)
{
	size_t lo = 0, hi = s->nruns;

	if (s->text == NULL)
		return 0;
	if (line == 0)
		return s->text_len;
	/* The first run from line or later. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->run_line[mid] >= line)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < s->nruns ? s->run_off[lo] : s->text_len;
}

static int
section_texts(struct build *b)
{
	struct nb_report *r = b->r;
	int k;

	if (section_text(b, &r->sec[0], 0, r->sec[0].end) == -1)
		return -1;
	for (k = 1; k <= 6; k++) {
		struct nb_section *s = &r->sec[k];
		if (s->count == 0) {
			if (section_text(b, s, 0, 0) == -1)
				return -1;
			continue;
		}
		if (section_text(b, s, s->first + 1, s->end) == -1)
			return -1;
	}
	return 0;
}

/* Reads a decimal number at *p, advancing it; -1 if none. */
static long
read_num(const char **p, const char *end)
{
	long v = 0;
	int n = 0;

	while (*p < end && isdig(**p) && n < 6) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n > 0 ? v : -1;
}

static int
eat(const char **p, const char *end, const char *lit)
{
	size_t l = strlen(lit);

	if ((size_t)(end - *p) < l || strncmp(*p, lit, l) != 0)
		return 0;
	*p += l;
	return 1;
}

/* "M月D日" at p: returns 1 and advances when M/D are as given. */
static int
month_day(const char **p, const char *end, long m, long d)
{
	const char *q = *p;

	if (read_num(&q, end) != m || !eat(&q, end, "月") ||
	    read_num(&q, end) != d || !eat(&q, end, "日"))
		return 0;
	*p = q;
	return 1;
}

/*
 * In the sentence [s, end), after "统计": "YYYY年1月1日" then, later,
 * optionally "YYYY年", "12月31日".  Fills start/end years.
 */
static int
period_in(const char *s, const char *end, int *ys, int *ye)
{
	const char *p, *q;

	for (p = s; p < end; p++) {
		long y;

		q = p;
		if ((y = read_num(&q, end)) < 1000 || q - p != 4 ||
		    (p > s && isdig(p[-1])) || !eat(&q, end, "年") ||
		    !month_day(&q, end, 1, 1))
			continue;
		*ys = (int)y;
		for (p = q; p < end; p++) {
			q = p;
			*ye = 0;
			if ((y = read_num(&q, end)) >= 1000 && q - p == 4 &&
			    eat(&q, end, "年"))
				*ye = (int)y;
			else
				q = p;
			if (month_day(&q, end, 12, 31))
				return 1;
			if (*ye != 0)
				p += 3;
		}
		return 0;
	}
	return 0;
}

#define SENTENCE_MAX	600	/* bytes searched for a period's end */

/* End of the sentence at s: its "。", bounded so that text without one
 * costs no more than SENTENCE_MAX bytes per "统计". */
static const char *
sentence_end(const char *s)
{
	const char *p;

	for (p = s; *p != '\0' && p - s < SENTENCE_MAX; p++)
		if (strncmp(p, "。", strlen("。")) == 0)
			break;
	return p;
}

static int
find_period_in(struct nb_report *r, const struct nb_section *s)
{
	const char *text = s->text, *p, *stat;
	int ys = 0, ye = 0;

	if (text == NULL)
		return 0;
	/* Each "统计" up to the end of its sentence. */
	for (p = text; (stat = strstr(p, "统计")) != NULL;
	    p = stat + strlen("统计")) {
		const char *end = sentence_end(stat);

		if (!period_in(stat, end, &ys, &ye))
			continue;
		r->period_line = nb_section_line_at(s, (size_t)(stat - text));
		r->period_start = ys;
		r->period_end = ye;
		return 1;
	}
	return 0;
}

/* The period sentence belongs before section 二: preamble or 一. */
static void
find_period(struct nb_report *r)
{
	if (find_period_in(r, &r->sec[0]))
		return;
	if (r->sec[1].count > 0 && (r->sec[2].count == 0 ||
	    r->sec[1].first < r->sec[2].first))
		find_period_in(r, &r->sec[1]);
}

static int
alloc_tables(struct nb_report *r)
{
	const struct nb_pack *pack = r->pack;
	size_t i;

	if (pack->ntables > 0 &&
	    (r->tables = calloc(pack->ntables, sizeof(*r->tables))) == NULL)
		return -1;
	if (pack->ncells > 0 &&
	    (r->cells = calloc(pack->ncells, sizeof(*r->cells))) == NULL)
		return -1;
	for (i = 0; i < pack->ncells; i++)
		r->cells[i].v.raw = "";
	return 0;
}

static int
prepare(struct build *b)
{
	const struct nb_doc *doc = b->r->doc;
	const struct nb_pack *pack = b->r->pack;
	const char *body;
	size_t i;
	int k;

	if (doc->nlines > 0 &&
	    (b->cl = calloc(doc->nlines, sizeof(*b->cl))) == NULL)
		return -1;
	for (i = 0; i < doc->nlines; i++)
		if ((b->cl[i] = squeeze(doc->lines[i].text)) == NULL)
			return -1;
	for (k = 0; k < 6; k++) {
		if (pack->sections[k].heading == NULL)
			continue;
		b->canon[k] = nb_compact(pack->sections[k].heading,
		    strlen(pack->sections[k].heading));
		if (b->canon[k] == NULL)
			return -1;
		if ((body = skip_ordinal(b->canon[k])) != NULL)
			memmove(b->canon[k], body, strlen(body) + 1);
	}
	return 0;
}

static void
build_clear(struct build *b)
{
	int k;

	if (b->cl != NULL)
		for (size_t i = 0; i < b->r->doc->nlines; i++)
			if (b->cl[i] != b->r->doc->lines[i].text)
				free(b->cl[i]);
	free(b->cl);
	b->cl = NULL;
	for (k = 0; k < 6; k++) {
		free(b->canon[k]);
		b->canon[k] = NULL;
	}
}

static int
build_all(struct build *b, struct nb_error *err)
{
	struct nb_report *r = b->r;

	if (prepare(b) == -1 || (r->issuer = dupstr("")) == NULL ||
	    find_format(b) == -1 || find_title(b) == -1 ||
	    find_sections(b) == -1 || section_texts(b) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	/* The compact lines are in the section texts now; the tables read
	 * the document's lines: give the memory back before they do. */
	build_clear(b);
	if (alloc_tables(r) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	find_period(r);
	/* Cells of another format would be misread as 2021 cells. */
	if (r->format != NB_FMT_2021)
		return 0;
	return nb_tables_extract(r, err);
}

struct nb_report *
nb_report_build(const struct nb_doc *doc, const struct nb_pack *pack,
    struct nb_error *err)
{
	struct build b;
	struct nb_report *r;
	int rc;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", doc->name);
		return NULL;
	}
	r->doc = doc;
	r->pack = pack;
	memset(&b, 0, sizeof(b));
	b.r = r;
	rc = build_all(&b, err);
	build_clear(&b);
	if (rc == -1) {
		nb_report_free(r);
		return NULL;
	}
	return r;
}

void
nb_report_free(struct nb_report *r)
{
	int k;

	if (r == NULL)
		return;
	for (k = 0; k < 7; k++) {
		free(r->sec[k].text);
		free(r->sec[k].run_off);
		free(r->sec[k].run_line);
	}
	if (r->cells != NULL)
		for (size_t i = 0; i < r->pack->ncells; i++)
			free(r->cells[i].raw_tok);
	free(r->cells);
	free(r->tables);
	free(r->heads);
	free(r->head_sec);
	free(r->issuer);
	free(r);
}
