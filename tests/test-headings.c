/*
 * test-headings.c -- headings as people write them, made at test time
 * from the samples: each part's heading of a 2021-format sample misspelt
 * (a character put in, as "行政法复议"), worded otherwise (the 工作 words
 * of 001, 五's "存在的主要问题及整改措施"), without its numeral, or both,
 * or numbered as a sub-heading with its own number ("2.", "2、", "（二）");
 * each such variant gives one sections.heading_text on that part and
 * nothing else the sample does not give (no sections.missing above all).
 * Headings run inline after 。 or full-width spaces, "第三、四部分" in a
 * sentence and the samples as given give no sections.heading_text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-common.h"

static const char *const heads[7] = {
	"",
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
};

/* The heading of part n at the start of a line of text, or NULL. */
static const char *
find_head(const char *text, int n)
{
	const char *p = text;

	while ((p = strstr(p, heads[n])) != NULL) {
		const char *q = p;

		while (q > text && (q[-1] == ' ' || q[-1] == '#'))
			q--;
		if (q == text || q[-1] == '\n')
			return p;
		p += strlen(heads[n]);
	}
	return NULL;
}

/* text with the heading at h (of n bytes) replaced by with. */
static char *
splice(const char *text, const char *h, size_t n, const char *with)
{
	size_t a = (size_t)(h - text), w = strlen(with), l = strlen(text);
	char *s = malloc(l - n + w + 1);

	if (s == NULL)
		return NULL;
	memcpy(s, text, a);
	memcpy(s + a, with, w);
	memcpy(s + a + w, h + n, l - a - n + 1);
	return s;
}

/* Does res have a finding of rule on part n (any part: n < 0)? */
static size_t
count(const struct nb_result *res, const char *rule, int n)
{
	size_t i, k = 0;

	for (i = 0; i < res->nfindings; i++)
		if (strcmp(res->findings[i].rule, rule) == 0 &&
		    (n < 0 || res->findings[i].section == n))
			k++;
	return k;
}

/* Findings of got beyond base's (by rule; one sections.heading_text on
 * part n more is expected when n > 0): how many, each printed. */
static size_t
extra(const struct nb_result *base, const struct nb_result *got, int n)
{
	size_t i, j, k = 0;

	for (i = 0; i < got->nfindings; i++) {
		const char *rule = got->findings[i].rule;
		size_t allowed = count(base, rule, -1);

		for (j = 0; j < i && strcmp(got->findings[j].rule, rule); j++)
			;
		if (j < i)
			continue;	/* rule seen */
		if (n > 0 && strcmp(rule, "sections.heading_text") == 0)
			allowed++;
		if (count(got, rule, -1) > allowed) {
			printf("    extra: %s %s\n", rule,
			    got->findings[i].message);
			k++;
		}
	}
	return k;
}

/* The words of heading n ("五、存在…" -> "存在…") changed by kind. */
static int
variant(int n, const char *kind, char *out, size_t max)
{
	const char *w = strstr(heads[n], "、") + strlen("、");
	size_t half = strlen(w) / 3 / 2 * 3;

	if (strcmp(kind, "misspelt") == 0)
		return snprintf(out, max, "%.*s%.*s法%s", (int)(w - heads[n]),
		    heads[n], (int)half, w, w + half);
	if (strcmp(kind, "worded") == 0)
		return snprintf(out, max, "%.*s政府信息公开工作%s",
		    (int)(w - heads[n]), heads[n], w);
	if (strcmp(kind, "bare") == 0)
		return snprintf(out, max, "%s", w);
	if (strcmp(kind, "bare-misspelt") == 0)
		return snprintf(out, max, "%.*s法%s", (int)half, w, w + half);
	/* Numbered as a sub-heading is, with the part's own number. */
	if (strcmp(kind, "arabic") == 0)
		return snprintf(out, max, "%d.%s", n, w);
	if (strcmp(kind, "arabic-comma") == 0)
		return snprintf(out, max, "%d、%s", n, w);
	if (strcmp(kind, "paren") == 0)
		return snprintf(out, max, "（%.*s）%s", (int)(w - heads[n] -
		    strlen("、")), heads[n], w);
	if (strcmp(kind, "rectify") == 0 && n == 5)
		return snprintf(out, max, "五、存在的主要问题及整改措施");
	if (strcmp(kind, "bare-rectify") == 0 && n == 5)
		return snprintf(out, max, "存在的主要问题及整改措施");
	return -1;
}

static void
one(struct tally *t, struct nb_engine *e, const char *name, const char *text,
    const struct nb_result *base, int n, const char *kind)
{
	const char *h = find_head(text, n);
	char with[256], what[128], *s;
	struct nb_result *res;

	if (h == NULL || variant(n, kind, with, sizeof(with)) < 0)
		return;
	snprintf(what, sizeof(what), "%s/%d/%s", name, n, kind);
	if ((s = splice(text, h, strlen(heads[n]), with)) == NULL) {
		t_ok(t, 0, "%s: build", what);
		return;
	}
	res = t_check(e, what, s);
	free(s);
	if (!t_ok(t, res != NULL, "%s: checked", what))
		return;
	t_ok(t, count(res, "sections.heading_text", n) == 1,
	    "%s (\"%s\"): one sections.heading_text on part %d", what, with, n);
	t_ok(t, count(res, "sections.missing", -1) ==
	    count(base, "sections.missing", -1) &&
	    count(res, "sections.missing", n) == 0,
	    "%s: no sections.missing", what);
	t_ok(t, extra(base, res, n) == 0, "%s: no other new finding", what);
	nb_result_free(res);
}

/* A variant that must give nothing new at all. */
static void
same(struct tally *t, struct nb_engine *e, const char *what, char *s,
    const struct nb_result *base)
{
	struct nb_result *res;

	if (!t_ok(t, s != NULL, "%s: build", what))
		return;
	res = t_check(e, what, s);
	free(s);
	if (!t_ok(t, res != NULL, "%s: checked", what))
		return;
	t_ok(t, count(res, "sections.heading_text", -1) ==
	    count(base, "sections.heading_text", -1) &&
	    count(res, "sections.missing", -1) ==
	    count(base, "sections.missing", -1) && extra(base, res, 0) == 0,
	    "%s: the sample's findings, no heading_text, no missing", what);
	nb_result_free(res);
}

/* Part n's heading run into the line before it (after its 。) and the
 * line after it, or set between full-width spaces. */
static char *
inline_head(const char *text, int n, const char *sep)
{
	const char *h = find_head(text, n), *a, *b;
	char *s, *o;

	if (h == NULL)
		return NULL;
	for (a = h; a > text && (a[-1] == '\n' || a[-1] == ' ' ||
	    a[-1] == '#'); a--)
		;
	/* Run in after a sentence's 。 only; spaces go anywhere. */
	if (sep[0] == '\0' && (a - text < 3 || strncmp(a - 3, "。", 3) != 0))
		return NULL;
	b = h + strlen(heads[n]);
	while (*b == '\n' || *b == ' ')
		b++;
	if ((s = malloc(strlen(text) + 2 * strlen(sep) + 1)) == NULL)
		return NULL;
	o = s;
	memcpy(o, text, (size_t)(a - text));
	o += a - text;
	o += sprintf(o, "%s%s%s", sep, heads[n], sep);
	strcpy(o, b);
	return s;
}

int
main(void)
{
	static const char *const samples[] = { "sample-000.txt",
	    "sample-001.txt", "sample-003.txt", "sample-004.txt" };
	static const char *const kinds[] = { "misspelt", "worded", "bare",
	    "bare-misspelt", "rectify", "bare-rectify", "arabic",
	    "arabic-comma", "paren" };
	struct tally t = { 0, 0 };
	struct nb_engine *e = t_engine_national();
	size_t i, k;
	int n;

	if (!t_ok(&t, e != NULL, "engine"))
		return t_done(&t);
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *text = t_sample(samples[i], NULL), what[128];
		struct nb_result *base;

		if (!t_ok(&t, text != NULL, "%s: read", samples[i]))
			continue;
		base = t_check(e, samples[i], text);
		if (!t_ok(&t, base != NULL, "%s: checked", samples[i])) {
			free(text);
			continue;
		}
		/* Headings as the format words them give no warning. */
		for (n = 1; n <= 6; n++)
			if (find_head(text, n) != NULL)
				t_ok(&t, count(base, "sections.heading_text",
				    n) == 0, "%s: part %d as the format: no "
				    "sections.heading_text", samples[i], n);
		for (n = 1; n <= 6; n++)
			for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
				one(&t, e, samples[i], text, base, n, kinds[k]);
		for (n = 2; n <= 6; n++) {
			char *s = inline_head(text, n, "");

			snprintf(what, sizeof(what), "%s/%d/inline after 。",
			    samples[i], n);
			if (s != NULL)
				same(&t, e, what, s, base);
			snprintf(what, sizeof(what), "%s/%d/inline between "
			    "full-width spaces", samples[i], n);
			if (find_head(text, n) != NULL)
				same(&t, e, what, inline_head(text, n, "　　"),
				    base);
		}
		snprintf(what, sizeof(what), "%s/第三、四部分", samples[i]);
		same(&t, e, what, t_replace(text, "一、总体情况\n",
		    "一、总体情况\n本报告第三、四部分的数据来自系统。\n"), base);
		nb_result_free(base);
		free(text);
	}
	nb_engine_close(e);
	return t_done(&t);
}
