/*
 * heading.c -- is a compact line the heading of one of the six sections?
 * Ordinals (一、, 第一部分) are skipped, and a heading is recognised by the
 * keys of the rule pack, never by its ordinal alone.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

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
const char *
nb_skip_numerals(const char *s)
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
const char *
nb_skip_ordinal(const char *s)
{
	const char *p = nb_skip_numerals(s);

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
int
nb_heading_of(const struct build *b, const char *c)
{
	const struct nb_pack *pack = b->r->pack;
	const char *body;
	size_t n = nb_nchars(c, HEADING_MAX);
	int k;

	if (n == 0)
		return 0;
	body = nb_skip_ordinal(c);
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

