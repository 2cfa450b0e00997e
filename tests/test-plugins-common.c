/*
 * test-plugins-common.c -- see test-plugins-common.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "pack.h"
#include "test-plugins-common.h"

int
t_ok(struct tally *t, int cond, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		t->passed++;
		return 1;
	}
	t->failed++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return 0;
}

int
t_done(const struct tally *t)
{
	printf("%d passed, %d failed\n", t->passed, t->failed);
	return t->failed == 0 && t->passed > 0 ? 0 : 1;
}

static const char *
dir_of(const char *var)
{
	const char *d = getenv(var);

	return d != NULL && *d != '\0' ? d : ".";
}

void
t_srcpath(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", dir_of("NB_SRCDIR"), rel);
}

char *
t_slurp(const char *path, size_t *len)
{
	FILE *fp;
	char *buf;
	long n;

	if ((fp = fopen(path, "rb")) == NULL) {
		printf("cannot open %s\n", path);
		return NULL;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(fp);
		printf("cannot read %s\n", path);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		fclose(fp);
		printf("short read on %s\n", path);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

char *
t_sample(const char *name, size_t *len)
{
	char path[4096], rel[512];

	snprintf(rel, sizeof(rel), "tests/data/%s", name);
	t_srcpath(path, sizeof(path), rel);
	return t_slurp(path, len);
}

struct nb_pack *
t_pack_national(void)
{
	struct nb_pack *pack;
	struct nb_error err;
	char rules[4096];

	t_srcpath(rules, sizeof(rules), "rules/national-2021.json");
	if ((pack = nb_pack_load(rules, &err)) == NULL)
		printf("%s\n", err.msg);
	return pack;
}

struct nb_host *
t_host(const char *const *plugins, size_t n, const struct nb_pack *pack)
{
	struct nb_host *host;
	struct nb_error err;
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/plugins/.libs", dir_of("NB_BUILDDIR"));
	if ((host = nb_host_load(dir, plugins, n, pack, &err)) == NULL)
		printf("setup: %s\n", err.msg);
	return host;
}

struct nb_engine *
t_engine(const char *const *plugins, size_t n)
{
	struct nb_engine_conf conf;
	struct nb_engine *e;
	struct nb_error err;
	char rules[4096], dir[4096];

	memset(&conf, 0, sizeof(conf));
	t_srcpath(rules, sizeof(rules), "rules/national-2021.json");
	snprintf(dir, sizeof(dir), "%s/plugins/.libs", dir_of("NB_BUILDDIR"));
	conf.rules_path = rules;
	conf.plugin_dir = dir;
	conf.plugins = plugins;
	conf.nplugins = n;
	if (nb_engine_open(&conf, &e, &err) == -1) {
		printf("nb_engine_open: %s\n", err.msg);
		return NULL;
	}
	return e;
}

struct nb_engine *
t_engine_national(void)
{
	static const char *const names[] = { "report", "sections", "sums",
	    "litigation", "fees", "narrative", "statistics" };

	return t_engine(names, sizeof(names) / sizeof(names[0]));
}

struct nb_result *
t_check_len(struct nb_engine *e, const char *name, const char *buf,
    size_t len)
{
	struct nb_result *res;
	struct nb_error err;

	if (nb_check_buffer(e, name, buf, len, &res, &err) == -1) {
		printf("%s: nb_check_buffer: %s\n", name, err.msg);
		return NULL;
	}
	return res;
}

struct nb_result *
t_check(struct nb_engine *e, const char *name, const char *text)
{
	return t_check_len(e, name, text, strlen(text));
}

int
t_names(const struct nb_found *f, const char *id)
{
	size_t i;

	if (f->cell != NULL && strcmp(f->cell, id) == 0)
		return 1;
	for (i = 0; i < f->ncells; i++)
		if (f->cells[i] != NULL && strcmp(f->cells[i], id) == 0)
			return 1;
	return 0;
}

const struct nb_found *
t_find(const struct nb_result *res, const char *rule, const char *cell)
{
	size_t i;

	if (res == NULL)
		return NULL;
	for (i = 0; i < res->nfindings; i++) {
		const struct nb_found *f = &res->findings[i];

		if ((rule == NULL || strcmp(f->rule, rule) == 0) &&
		    (cell == NULL || t_names(f, cell)))
			return f;
	}
	return NULL;
}

size_t
t_count(const struct nb_result *res, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; res != NULL && i < res->nfindings; i++)
		if (strcmp(res->findings[i].rule, rule) == 0)
			n++;
	return n;
}

void
t_dump(const struct nb_result *res)
{
	size_t i;

	for (i = 0; res != NULL && i < res->nfindings; i++) {
		const struct nb_found *f = &res->findings[i];

		printf("  %s %s line %u cell %s: %s\n", f->rule,
		    nb_severity_name(f->severity), f->line,
		    f->cell != NULL ? f->cell : "-", f->message);
	}
}

char *
t_replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	size_t head, nf = strlen(from), nt = strlen(to), ns = strlen(s);
	char *out;

	if (p == NULL) {
		printf("t_replace: \"%s\" not in text\n", from);
		return NULL;
	}
	head = (size_t)(p - s);
	if ((out = malloc(ns - nf + nt + 1)) == NULL)
		return NULL;
	memcpy(out, s, head);
	memcpy(out + head, to, nt);
	memcpy(out + head + nt, p + nf, ns - head - nf + 1);
	return out;
}
