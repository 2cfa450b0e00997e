/*
 * title.c -- the report's title line, its year and its issuer, from the
 * first lines of the document (titles wrap, issuers stand above them).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

static int
title_like(const struct build *b, size_t i, size_t max)
{
	/* Compact text is NFKC: "，" and "：" are "," and ":" by now. */
	static const char *const bad[] = {
		"。", ",", ":", ";", "《", "》", "<", ">", "〔"
	};
	const char *c = b->cl[i];
	size_t k;

	if (c[0] == '\0' || nb_nchars(c, max) > max || nb_heading_of(b, c) != 0)
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

	return nb_find_year(t, &y) > 0;
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
	return above + 1 == first && !nb_has_digit(b->cl[above]);
}

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

/* Title t (owned) from line first: title line, year, issuer. */
static int
set_title_text(struct build *b, size_t first, char *t)
{
	struct nb_report *r = b->r;
	long at;
	int y = 0;

	r->title_line = r->doc->lines[first].lineno;
	at = nb_find_year(t, &y);
	if (at >= 0 && y >= 1949 && y <= 2100) {
		r->year = y;
		issuer_of(t, at);
	} else
		t[0] = '\0';
	free(r->issuer);
	r->issuer = t;
	return 0;
}

/* Title from the non-empty lines first..last. */
static int
set_title(struct build *b, size_t first, size_t last)
{
	char *t;

	if ((t = nb_join_lines(b, first, last)) == NULL)
		return -1;
	return set_title_text(b, first, t);
}

/*
 * A web page's text with its line breaks lost: the title runs on into
 * the preamble ("红寺堡区2022年政府信息公开工作年度报告根据《条例》…").
 * The first line's text up to 年度报告, when that much is title-like.
 */
static int
inline_title(struct build *b)
{
	static const char *const bad[] = {
		"。", ",", ":", ";", "《", "》", "<", ">", "〔"
	};
	size_t i, k, len;
	const char *c, *end;
	char *t;

	for (i = 0; i < b->r->doc->nlines && b->cl[i][0] == '\0'; i++)
		;
	if (i == b->r->doc->nlines ||
	    (end = strstr(c = b->cl[i], "年度报告")) == NULL)
		return 0;
	len = (size_t)(end - c) + strlen("年度报告");
	if ((t = strndup(c, len)) == NULL)
		return -1;
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		if (strstr(t, bad[k]) != NULL || nb_nchars(t, TITLE_MAX) >
		    TITLE_MAX) {
			free(t);
			return 0;
		}
	return set_title_text(b, i, t);
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
	n = nb_next_nonempty(b, i);
	if (n == NONE || !title_like(b, n, TITLE_MAX) ||
	    strstr(b->cl[n], "年度报告") != NULL)
		return 0;
	if ((t = nb_join_lines(b, i, n)) == NULL) {
		*nomem = 1;
		return 0;
	}
	found = strstr(t, "年度报告") != NULL;
	free(t);
	*last = n;
	return found;
}

int
nb_find_title(struct build *b)
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
			if ((above = nb_prev_nonempty(b, first)) == NONE)
				break;
			if ((t = nb_join_lines(b, first, last)) == NULL)
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
	return inline_title(b);
}
