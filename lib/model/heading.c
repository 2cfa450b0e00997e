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
	const unsigned char *p = (const unsigned char *)s;
	size_t n, d;

	/* Every numeral is three bytes, led by 0xe4 or 0xe5: compare the
	 * bytes, not strncmp() and strlen() per numeral per character. */
	for (n = 0; n < 3; n++) {
		if (p[0] != 0xe4 && p[0] != 0xe5)
			break;
		for (d = 0; d < sizeof(digits) / sizeof(digits[0]); d++) {
			const unsigned char *q =
			    (const unsigned char *)digits[d];

			if (p[0] == q[0] && p[1] == q[1] && p[2] == q[2])
				break;
		}
		if (d == sizeof(digits) / sizeof(digits[0]))
			break;
		p += 3;
	}
	return (const char *)p;
}

/* strncmp(s, w, strlen(w)) == 0, in one loop. */
static int
starts(const char *s, const char *w)
{
	for (; *w != '\0'; s++, w++)
		if (*s != *w)
			return 0;
	return 1;
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
		if (keys->v[i][0] != '\0' && starts(s, keys->v[i]))
			return 1;
	return 0;
}

/* Is s exactly a heading key of section k (0-based)? */
static int
is_section_key(const struct nb_pack *pack, int k, const char *s)
{
	const struct nb_strv *keys = &pack->sections[k].keys;
	size_t i;

	/* The first byte first: most lines are no key at all. */
	for (i = 0; i < keys->n; i++)
		if (keys->v[i][0] == s[0] && strcmp(s, keys->v[i]) == 0)
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

static int	misspelt(const struct build *b, const char *c, const char *body);

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
		return body != NULL ? misspelt(b, c, body) : 0;
	}
	for (k = 0; k < 6; k++) {
		if (body != NULL && has_section_key(pack, k, body))
			return k + 1;
		if (body == NULL && ((b->canon[k] != NULL &&
		    b->canon[k][0] == c[0] && strcmp(c, b->canon[k]) == 0) ||
		    is_section_key(pack, k, c)))
			return k + 1;
	}
	return body != NULL ? misspelt(b, c, body) : 0;
}


/* ---- headings inside a line ---- */

#define KEY_LEAD	8	/* characters before a key, inline */
#define CP_MAX	48	/* code points compared with a canonical heading */

/* Code points of s (valid UTF-8) into cp[], at most max; byte offset of
 * each in off[] (off[n] = end). */
static size_t
codepoints(const char *s, uint32_t *cp, size_t *off, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, i = 0;

	while (u[i] != '\0' && n < max) {
		size_t l = u[i] < 0x80 ? 1 : u[i] < 0xe0 ? 2 : u[i] < 0xf0 ? 3 : 4;
		uint32_t c = l == 1 ? u[i] : u[i] & (0x3f >> (l - 1));

		for (size_t j = 1; j < l && u[i + j] != '\0'; j++)
			c = (c << 6) | (u[i + j] & 0x3f);
		off[n] = i;
		cp[n++] = c;
		i += l;
	}
	off[n] = i;
	return n;
}

/*
 * Longest common subsequence of a[0..na) and b[0..nb); *aend gets the
 * number of code points of a up to and including the last one matched.
 */
static size_t
lcs(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t *aend)
{
	unsigned char t[CP_MAX + 1][CP_MAX + 1];
	size_t i, j;

	memset(t, 0, sizeof(t));
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++)
			t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 :
			    t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1];
	/* The shortest prefix of a that reaches the full length. */
	for (*aend = 0, i = 1; i <= na; i++)
		if (t[i][nb] == t[na][nb]) {
			*aend = i;
			break;
		}
	return t[na][nb];
}

/* Value 1..10 of the Chinese ordinal at s, or 0. */
static int
ordinal_value(const char *s)
{
	static const char *const digits[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"
	};

	for (int d = 0; d < 10; d++)
		if (starts(s, digits[d]))
			return d + 1;
	return 0;
}

/*
 * How well does body match the canonical heading of section k?  Returns
 * the compact bytes of body the heading takes when at least 3/4 of the
 * canonical heading's characters are there in order (a misspelt
 * "行政法复议", a word dropped), else 0.
 */
static size_t
fuzzy_heading(const struct build *b, int k, const char *body)
{
	uint32_t a[CP_MAX], c[CP_MAX];
	size_t aoff[CP_MAX + 1], coff[CP_MAX + 1], na, nc, m, aend;

	if (b->canon[k] == NULL)
		return 0;
	nc = codepoints(b->canon[k], c, coff, CP_MAX);
	na = codepoints(body, a, aoff, nc + 3 < CP_MAX ? nc + 3 : CP_MAX);
	if (nc < 4 || na == 0)
		return 0;
	m = lcs(a, na, c, nc, &aend);
	if (4 * m < 3 * nc || aend == 0)
		return 0;
	return aoff[aend];
}

/*
 * The end of a heading whose key ends at byte kend of body: the heading
 * goes on as long as body goes on as the canonical heading does after
 * the same key ("收到和处理政府信息公开申请" + "情况").
 */
static size_t
heading_end(const struct build *b, int k, const char *body, size_t kstart,
    size_t kend)
{
	const char *canon = b->canon[k], *at;
	size_t klen = kend - kstart, e = kend, i;

	if (canon == NULL)
		return kend;
	if ((at = strstr(canon, body + kstart)) == NULL) {
		/* Find the key itself in the canonical heading. */
		for (at = canon; *at != '\0'; at++)
			if (strncmp(at, body + kstart, klen) == 0)
				break;
		if (*at == '\0')
			return kend;
	}
	for (i = (size_t)(at - canon) + klen; canon[i] != '\0' &&
	    body[e] == canon[i]; i++, e++)
		;
	/* Never end inside a UTF-8 sequence. */
	while (e > kend && ((unsigned char)body[e] & 0xc0) == 0x80)
		e--;
	return e;
}

/*
 * Is the compact text c, which starts with a top-level ordinal inside a
 * line, the heading of a section?  Returns the section (1..6) and sets
 * *end to the bytes of c the heading takes; 0 if it is not one.  A key of
 * any section anywhere in the first characters makes a heading (a report
 * may number its sections wrongly: sections.order says so); failing that,
 * the canonical heading of the section its ordinal names, misspelt.
 */
int
nb_heading_inline(const struct build *b, const char *c, size_t *end)
{
	const struct nb_pack *pack = b->r->pack;
	const char *body = nb_skip_ordinal(c);
	size_t win, best = (size_t)-1, bk = 0, blen = 0, fz;
	int k, n;

	if (body == NULL)
		return 0;
	win = strlen(body);
	if (win > HEADING_MAX * 3)
		win = HEADING_MAX * 3;	/* bytes: about 40 characters */
	for (k = 0; k < 6; k++) {
		const struct nb_strv *keys = &pack->sections[k].keys;

		for (size_t i = 0; i < keys->n; i++) {
			const char *m;
			size_t kl = strlen(keys->v[i]);

			/* The key starts the heading, or follows a few words
			 * ("政府信息公开" + "行政复议、行政诉讼"). */
			if (kl == 0 || (m = strstr(body, keys->v[i])) == NULL ||
			    (size_t)(m - body) + kl > win ||
			    nb_nchars_n(body, (size_t)(m - body)) > KEY_LEAD)
				continue;
			if ((size_t)(m - body) < best) {
				best = (size_t)(m - body);
				bk = (size_t)k;
				blen = kl;
			}
		}
	}
	if (best != (size_t)-1) {
		*end = (size_t)(body - c) +
		    heading_end(b, (int)bk, body, best, best + blen);
		return (int)bk + 1;
	}
	n = ordinal_value(c);
	if (n < 1 || n > 6 || (fz = fuzzy_heading(b, n - 1, body)) == 0)
		return 0;
	*end = (size_t)(body - c) + fz;
	return n;
}

/*
 * A line that is the canonical heading of the section its ordinal names,
 * misspelt ("四、政府信息公开行政法复议、行政诉讼情况"): the heading takes
 * the whole line but for a few characters.
 */
static int
misspelt(const struct build *b, const char *c, const char *body)
{
	int n = ordinal_value(c);

	/* What follows the heading on its line is a table header or a
	 * first paragraph ("…诉讼情况行政复议 行政诉讼"), as after a key. */
	if (n < 1 || n > 6 || fuzzy_heading(b, n - 1, body) == 0)
		return 0;
	return n;
}

#define BARE_MAX	20	/* longest heading without a numeral, characters */

/*
 * After the number n written as a sub-heading's is ("1.", "1、", "(一)",
 * "(1)"), or NULL: some reports number their six parts so.  Only n, the
 * part's own place, is taken: "1.主动公开政府信息的情况" under 一 is a
 * sub-heading of 一, not the heading of 二.
 */
static const char *
own_number(const char *s, int n)
{
	const char *p = s;
	int v = 0, paren = *p == '(';

	if (paren)
		p++;
	if (*p >= '0' && *p <= '9') {
		for (; *p >= '0' && *p <= '9' && v < 100; p++)
			v = v * 10 + (*p - '0');
	} else if (paren && (v = ordinal_value(p)) > 0 && v < 10)
		p += strlen("一");
	if (v != n || p == s + paren)
		return NULL;
	if (paren)
		return *p == ')' ? p + 1 : NULL;
	if (*p == '.')
		return p + 1;
	return starts(p, "、") ? p + strlen("、") : NULL;
}

/*
 * Is the compact line c, which has no ordinal, the heading of section k
 * (0-based) written without its numeral ("存在的主要问题及整改措施") or
 * numbered as a sub-heading ("5.存在的主要问题及改进情况")?
 * Short, no digit and no sentence in it, and it starts with a key of the
 * section or is its canonical heading misspelt.  Asked only where that
 * section's heading is otherwise missing (sections.c), between the
 * headings of the sections around it.
 */
int
nb_heading_bare(const struct build *b, int k, const char *c)
{
	static const char *const bad[] = { "。", ",", ";", "(", "（", "?" };
	size_t n, fz, i;
	const char *own = own_number(c, k + 1);

	if (own != NULL)
		c = own;
	n = nb_nchars(c, BARE_MAX + 1);
	if (n == 0 || n > BARE_MAX || nb_has_digit(c) ||
	    nb_skip_ordinal(c) != NULL || nb_skip_numerals(c) != c)
		return 0;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strstr(c, bad[i]) != NULL)
			return 0;
	if (starts_with_key(b->r->pack, k, c))
		return 1;
	/* The whole line is the misspelt heading, but for a colon. */
	fz = fuzzy_heading(b, k, c);
	return fz > 0 && (c[fz] == '\0' || strcmp(c + fz, ":") == 0);
}
