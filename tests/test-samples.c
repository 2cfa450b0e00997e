/*
 * test-samples.c -- the five sample reports against their hand-written
 * expectations (tests/data/expected/sample-00N.txt): the findings must be
 * exactly those (rule, severity, cell), no more, no fewer, for the text
 * and for its GB18030, DOCX, HTML and PDF renderings.  A few details of
 * sample findings that DOMAIN.md states are checked as well.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-common.h"

#define MAXEXP 32

struct expect {
	char	rule[64], sev[16], cell[96];
	int	used;
};

static size_t
load_expected(const char *name, struct expect *ex)
{
	char rel[256], path[4096], line[512];
	size_t n = 0;
	FILE *fp;

	snprintf(rel, sizeof(rel), "tests/data/expected/%s", name);
	t_srcpath(path, sizeof(path), rel);
	if ((fp = fopen(path, "r")) == NULL) {
		printf("cannot open %s\n", path);
		return (size_t)-1;
	}
	while (fgets(line, sizeof(line), fp) != NULL && n < MAXEXP) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		memset(&ex[n], 0, sizeof(ex[n]));
		if (sscanf(line, "%63s %15s %95s", ex[n].rule, ex[n].sev,
		    ex[n].cell) == 3)
			n++;
	}
	fclose(fp);
	return n;
}

static int
same(const struct expect *x, const struct nb_found *f)
{
	const char *cell = f->cell != NULL ? f->cell : "-";

	return !x->used && strcmp(x->rule, f->rule) == 0 &&
	    strcmp(x->sev, nb_severity_name(f->severity)) == 0 &&
	    strcmp(x->cell, cell) == 0;
}

static void
compare(struct tally *t, const char *name, const struct nb_result *res)
{
	struct expect ex[MAXEXP];
	size_t n = load_expected(name, ex), i, j;
	int bad = 0;

	if (!t_ok(t, n != (size_t)-1, "%s: expectation file", name))
		return;
	for (i = 0; i < res->nfindings; i++) {
		for (j = 0; j < n && !same(&ex[j], &res->findings[i]); j++)
			;
		if (j < n)
			ex[j].used = 1;
		else
			bad += !t_ok(t, 0, "%s: unexpected finding %s %s %s",
			    name, res->findings[i].rule,
			    nb_severity_name(res->findings[i].severity),
			    res->findings[i].cell ? res->findings[i].cell : "-");
	}
	for (j = 0; j < n; j++)
		bad += !t_ok(t, ex[j].used, "%s: expected finding %s %s %s "
		    "not reported", name, ex[j].rule, ex[j].sev, ex[j].cell);
	t_ok(t, bad == 0, "%s: findings match the expectation", name);
	if (bad)
		t_dump(res);
}

/* Details DOMAIN.md §8 gives beyond rule and cell. */
static void
details(struct tally *t, int k, const struct nb_result *res)
{
	const struct nb_found *f;

	if (k == 3) {
		f = t_find(res, "sections.missing", NULL);
		t_ok(t, f != NULL && f->section == 4,
		    "003: the missing section is 四");
		f = t_find(res, "sums.table_incomplete", NULL);
		t_ok(t, f != NULL && strstr(f->message, "25") != NULL,
		    "003: T3 incomplete names its 25 missing rows");
		f = t_find(res, "narrative.sum", NULL);
		t_ok(t, f != NULL && f->has_values && f->expected == 372 &&
		    f->actual == 369 && f->line == 11 && f->section == 1 &&
		    strstr(f->message, "共369条") != NULL,
		    "003: 369 vs 372 on line 11, quoted");
	}
	if (k == 1) {
		f = t_find(res, "narrative.t2", "t2.normative.effective");
		t_ok(t, f != NULL && f->has_values && f->expected == 21 &&
		    f->actual == 27 && strstr(f->message, "保留27件") != NULL,
		    "001: 保留27件 vs 现行有效 21, quoted");
	}
	if (k == 4) {
		f = t_find(res, "narrative.applications", "t3.new.total");
		t_ok(t, f != NULL && f->has_values && f->expected == 16 &&
		    f->actual == 17 && f->line == 21,
		    "004: 17 vs 16 on line 21");
	}
	if (k == 2)
		t_ok(t, res->format == NB_FMT_OLD && res->year == 2018,
		    "002: old format, 2018");
	if (k != 2)
		t_ok(t, res->format == NB_FMT_2021, "%03d: format 2021", k);
}

/* The same report rendered as GB18030 text, DOCX, HTML and PDF (by the
 * ingest tests, tests/data/formats/) must give the same findings. */
static void
renderings(struct tally *t, struct nb_engine *e, int k)
{
	static const char *const ext[] = { "gbk.txt", "docx", "html", "pdf" };
	char rel[256], path[4096], name[64];
	struct nb_result *res;
	struct nb_error err;
	size_t i;

	snprintf(name, sizeof(name), "sample-%03d.txt", k);
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(rel, sizeof(rel), "tests/data/formats/sample-%03d.%s",
		    k, ext[i]);
		t_srcpath(path, sizeof(path), rel);
		if (!t_ok(t, nb_check_file(e, path, &res, &err) == 0,
		    "%s: %s", rel, err.msg))
			continue;
		printf("%s:\n", rel);
		compare(t, name, res);
		nb_result_free(res);
	}
}

int
main(void)
{
	struct tally t = { 0, 0 };
	struct nb_engine *e;
	int k;

	if ((e = t_engine_national()) == NULL)
		return t_done(&t) + 1;
	for (k = 0; k <= 4; k++) {
		char name[64];
		struct nb_result *res;
		char *buf;
		size_t len;

		snprintf(name, sizeof(name), "sample-%03d.txt", k);
		if (!t_ok(&t, (buf = t_sample(name, &len)) != NULL,
		    "read %s", name))
			continue;
		res = t_check_len(e, name, buf, len);
		if (t_ok(&t, res != NULL, "%s: checked", name)) {
			compare(&t, name, res);
			details(&t, k, res);
		}
		nb_result_free(res);
		free(buf);
		renderings(&t, e, k);
	}
	nb_engine_close(e);
	return t_done(&t);
}
