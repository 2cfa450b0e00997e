/*
 * test-lazy.c -- an engine opened with lazy_formats (the command's) loads
 * the 2019 and old packs at their first report and gives, byte for byte,
 * the JSON an engine that loaded them at open gives: on the samples, the
 * real files of ../shared/real (skipped, and said, where absent), with a
 * province pack and with --set settings.  A broken 2019 pack opens, reads
 * a 2021 report, and refuses the first 2019 one with NB_ERR_CONFIG naming
 * the pack; an eager engine refuses it at open.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "error.h"
#include "test-plugins-common.h"

static struct nb_engine *
open_engine(const char *rules, json_t *settings, int lazy, const char *prov,
    struct nb_error *err)
{
	struct nb_engine_conf conf;
	struct nb_engine *e;
	char dir[4096];

	memset(&conf, 0, sizeof(conf));
	snprintf(dir, sizeof(dir), "%s/plugins/.libs",
	    getenv("NB_BUILDDIR") ? getenv("NB_BUILDDIR") : ".");
	conf.rules_path = rules;
	conf.plugin_dir = dir;
	conf.rule_settings = settings;
	conf.lazy_formats = lazy;
	conf.provinces = prov ? &prov : NULL;
	conf.nprovinces = prov ? 1 : 0;
	if (nb_engine_open(&conf, &e, err) == -1)
		return NULL;
	if (prov != NULL && nb_engine_use(e, prov, err) == -1) {
		nb_engine_close(e);
		return NULL;
	}
	return e;
}

/* The JSON line of path checked by e; NULL on failure. */
static char *
json_of(struct nb_engine *e, const char *path)
{
	struct nb_result *res;
	struct nb_error err;
	size_t len;
	char *s;

	if (nb_check_file(e, path, &res, &err) == -1) {
		printf("%s: %s\n", path, err.msg);
		return NULL;
	}
	/* Its bytes, not NUL-ended: made a string. */
	if ((s = nb_result_json_line(res, &len)) != NULL) {
		char *z = realloc(s, len + 1);

		if (z == NULL)
			free(s);
		else
			z[len] = '\0';
		s = z;
	}
	nb_result_free(res);
	return s;
}

/* Every file of files[] alike through an eager and a lazy engine. */
static void
same(struct tally *t, const char *rules, json_t *settings, const char *prov,
    char **files, size_t n)
{
	struct nb_error err;
	struct nb_engine *eager = open_engine(rules, settings, 0, prov, &err),
	    *lazy = open_engine(rules, settings, 1, prov, &err);

	if (t_ok(t, eager != NULL && lazy != NULL, "engines (%s)", err.msg))
		for (size_t i = 0; i < n; i++) {
			char *a = json_of(eager, files[i]),
			    *b = json_of(lazy, files[i]);

			size_t k = 0;

			while (a != NULL && b != NULL && a[k] != '\0' &&
			    a[k] == b[k])
				k++;
			t_ok(t, a != NULL && b != NULL && a[k] == b[k],
			    "%s%s%s: lazy gives the eager JSON (at byte %zu: "
			    "%.60s / %.60s)", files[i], prov ? " / " : "",
			    prov ? prov : "", k, a ? a + k : "", b ? b + k : "");
			free(a);
			free(b);
		}
	nb_engine_close(eager);
	nb_engine_close(lazy);
}

/* The samples, and the real files' texts where ../shared is. */
static size_t
inputs(char **files, size_t max)
{
	char dir[4096];
	struct dirent *d;
	size_t n = 0;
	DIR *dp;

	for (int i = 0; i < 5 && n < max; i++) {
		char rel[64];

		snprintf(rel, sizeof(rel), "tests/data/sample-00%d.txt", i);
		t_srcpath(dir, sizeof(dir), rel);
		files[n++] = strdup(dir);
	}
	t_srcpath(dir, sizeof(dir), "../shared/real");
	if ((dp = opendir(dir)) == NULL) {
		printf("# %s absent: the real files skipped\n", dir);
		return n;
	}
	while ((d = readdir(dp)) != NULL && n < max) {
		size_t l = strlen(d->d_name);
		char path[8192];

		if (l < 4 || strcmp(d->d_name + l - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		files[n++] = strdup(path);
	}
	closedir(dp);
	return n;
}

/* Writes text (NULL: the source tree's file rel) to dir/name. */
static void
put(const char *dir, const char *name, const char *rel, const char *text)
{
	char dst[4200], *own = NULL;
	FILE *fp;

	if (text == NULL) {
		char src[4096];

		t_srcpath(src, sizeof(src), rel);
		if ((text = own = t_slurp(src, NULL)) == NULL)
			return;
	}
	snprintf(dst, sizeof(dst), "%s/%s", dir, name);
	if ((fp = fopen(dst, "w")) != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
	free(own);
}

/* A copy of the national pack whose 2019 pack is a file with a typo. */
static void
broken(struct tally *t, char *const *files)
{
	char dir[] = "/tmp/nb-lazy-XXXXXX", rules[4096], p[4200];
	struct nb_error err;
	struct nb_engine *e;
	struct nb_result *res;

	if (!t_ok(t, mkdtemp(dir) != NULL, "mkdtemp"))
		return;
	put(dir, "national-2021.json", "rules/national-2021.json", NULL);
	put(dir, "national-old.json", "rules/national-old.json", NULL);
	put(dir, "national-2019.json", NULL,
	    "{\"nianbao_rules\": 1, \"format\": \"2019\", ");
	snprintf(rules, sizeof(rules), "%s/national-2021.json", dir);
	t_ok(t, open_engine(rules, NULL, 0, NULL, &err) == NULL &&
	    strstr(err.msg, "national-2019.json") != NULL,
	    "eager: the broken 2019 pack refused at open (%s)", err.msg);
	e = open_engine(rules, NULL, 1, NULL, &err);
	if (t_ok(t, e != NULL, "lazy: opens (%s)", e ? "" : err.msg)) {
		t_ok(t, nb_check_file(e, files[0], &res, &err) == 0,
		    "lazy: a 2021 report read");
		if (res != NULL)
			nb_result_free(res);
		res = NULL;
		/* 006 is 2019; sample 002 old: read by its intact pack. */
		t_ok(t, nb_check_file(e, files[2], &res, &err) == 0,
		    "lazy: an old-format report read");
		if (res != NULL)
			nb_result_free(res);
		res = NULL;
		t_srcpath(p, sizeof(p), "../shared/real/06_pingtan_2020.txt");
		if (access(p, R_OK) == 0)
			t_ok(t, nb_check_file(e, p, &res, &err) == -1 &&
			    err.code == NB_ERR_CONFIG &&
			    strstr(err.msg, "national-2019.json") != NULL,
			    "lazy: the 2019 report refused, the pack named (%s)",
			    err.msg);
		nb_engine_close(e);
	}
	snprintf(p, sizeof(p), "rm -rf %s", dir);
	if (system(p) != 0)
		printf("cannot remove %s\n", dir);
}

int
main(void)
{
	struct tally t = { 0, 0 };
	char rules[4096], *files[64];
	size_t n = inputs(files, 64);
	json_t *settings = json_pack("{s:s, s:s}", "sums.blank_cell", "off",
	    "narrative.sum", "error");

	t_srcpath(rules, sizeof(rules), "rules/national-2021.json");
	same(&t, rules, NULL, NULL, files, n);
	same(&t, rules, settings, NULL, files, n);
	same(&t, rules, NULL, "ningxia", files, n);
	broken(&t, files);
	json_decref(settings);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	return t_done(&t);
}
