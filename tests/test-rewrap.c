/*
 * test-rewrap.c -- the same report laid out differently must give the
 * same findings.
 *
 * Each sample is re-wrapped at 24, 30 and 40 characters, as PDF and
 * DOCX converters do: a long line is broken only between two CJK
 * characters or at a space or tab (which the break replaces), never inside
 * an ASCII number or word.  Spaces between two numbers become tabs.  The
 * (rule, cell) pairs of the findings must equal those of the original.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-common.h"

/* Decodes the UTF-8 character at s; its byte length in *n. */
static unsigned
u8dec(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] >= 0xf0 && u[1] && u[2] && u[3]) {
		*n = 4;
		return (unsigned)(u[0] & 7) << 18 | (unsigned)(u[1] & 63) << 12 |
		    (unsigned)(u[2] & 63) << 6 | (u[3] & 63);
	}
	if (u[0] >= 0xe0 && u[1] && u[2]) {
		*n = 3;
		return (unsigned)(u[0] & 15) << 12 | (unsigned)(u[1] & 63) << 6 |
		    (u[2] & 63);
	}
	if (u[0] >= 0xc0 && u[1]) {
		*n = 2;
		return (unsigned)(u[0] & 31) << 6 | (u[1] & 63);
	}
	*n = 1;
	return u[0];
}

static int
is_cjk(unsigned cp)
{
	return cp >= 0x2e80;
}

static int
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Spaces between two numbers become one tab. */
static void
tabify(char *s)
{
	char *w = s, *r = s;

	while (*r != '\0') {
		if (*r == ' ' && w > s && is_digit(w[-1])) {
			char *q = r;

			while (*q == ' ')
				q++;
			if (is_digit(*q)) {
				*w++ = '\t';
				r = q;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

/* Appends line [p, e) wrapped at width characters to out. */
static char *
wrap_line(char *out, const char *p, const char *e, size_t width)
{
	const char *brk = NULL, *q;
	unsigned prev = 0;
	size_t chars = 0, n;
	int drop = 0;

	for (q = p; q < e; q += n) {
		unsigned cp = u8dec(q, &n);

		if (*q == ' ' || *q == '\t') {
			brk = q;
			drop = 1;
		} else if (q > p && is_cjk(prev) && is_cjk(cp)) {
			brk = q;
			drop = 0;
		}
		if (++chars > width && brk != NULL && brk > p) {
			memcpy(out, p, (size_t)(brk - p));
			out += brk - p;
			*out++ = '\n';
			p = q = brk + drop;
			brk = NULL;
			chars = 0;
			prev = 0;
			n = 0;
			continue;
		}
		prev = cp;
	}
	memcpy(out, p, (size_t)(e - p));
	out += e - p;
	return out;
}

static char *
rewrap(const char *text, size_t width)
{
	const char *p = text, *e;
	char *out, *w;

	/* Every break replaces a space or adds one newline per character
	 * at most, so twice the length is enough. */
	if ((out = malloc(2 * strlen(text) + 2)) == NULL)
		return NULL;
	for (w = out; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		w = wrap_line(w, p, e, width);
		if (*e == '\n')
			*w++ = '\n';
	}
	*w = '\0';
	tabify(out);
	return out;
}

/* Is every (rule, cell) of a also in b? */
static int
covered(const struct nb_result *a, const struct nb_result *b,
    const char *what, const char *side)
{
	size_t i, j;
	int ok = 1;

	for (i = 0; i < a->nfindings; i++) {
		const struct nb_found *f = &a->findings[i];
		const char *cell = f->cell ? f->cell : "";

		for (j = 0; j < b->nfindings; j++)
			if (strcmp(b->findings[j].rule, f->rule) == 0 &&
			    strcmp(b->findings[j].cell ? b->findings[j].cell :
			    "", cell) == 0)
				break;
		if (j == b->nfindings) {
			printf("%s: %s only %s %s\n", what, side, f->rule,
			    f->cell ? f->cell : "-");
			ok = 0;
		}
	}
	return ok;
}

int
main(void)
{
	const size_t widths[] = { 24, 30, 40 };
	struct tally t = { 0, 0 };
	struct nb_engine *e;
	int k;
	size_t w;

	if ((e = t_engine_national()) == NULL)
		return t_done(&t) + 1;
	for (k = 0; k <= 4; k++) {
		char name[64], what[96], *buf;
		struct nb_result *orig;

		snprintf(name, sizeof(name), "sample-%03d.txt", k);
		if ((buf = t_sample(name, NULL)) == NULL ||
		    (orig = t_check(e, name, buf)) == NULL) {
			t_ok(&t, 0, "%s: read and check", name);
			free(buf);
			continue;
		}
		for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
			char *text = rewrap(buf, widths[w]);
			struct nb_result *res;

			snprintf(what, sizeof(what), "%s wrapped at %zu", name,
			    widths[w]);
			res = text != NULL ? t_check(e, what, text) : NULL;
			if (res != NULL) {
				int lost = !covered(orig, res, what, "original");
				int added = !covered(res, orig, what, "wrapped");

				t_ok(&t, !lost && !added, "%s: same findings "
				    "as the original", what);
			} else
				t_ok(&t, 0, "%s: checked", what);
			nb_result_free(res);
			free(text);
		}
		nb_result_free(orig);
		free(buf);
	}
	nb_engine_close(e);
	return t_done(&t);
}
