/*
 * roster.c -- reading roster.csv (libcsv) and matching a report's issuer
 * to its entry by normalised name, alias or drop subfolder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "normalize.h"
#include "roster.h"

#define ROSTER_COLS	6

/* Replaces every from in s (owned) by to, which is not longer. */
static void
replace_all(char *s, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to);
	char *p;

	while ((p = strstr(s, from)) != NULL) {
		memcpy(p, to, tl);
		memmove(p + tl, p + fl, strlen(p + fl) + 1);
	}
}

char *
nb_issuer_key(const char *name)
{
	char *k = nb_compact(name, strlen(name));

	if (k == NULL)
		return NULL;
	replace_all(k, "人民政府", "政府");
	replace_all(k, "办公室", "办");
	return k;
}

struct parse {
	struct nb_roster *r;
	char	*field[ROSTER_COLS];
	size_t	 nfield;
	size_t	 line;
	int	 header_done;
	int	 failed;
	struct nb_error *err;
	const char *path;
};

static void
on_field(void *s, size_t len, void *arg)
{
	struct parse *P = arg;

	if (P->failed || P->nfield >= ROSTER_COLS) {
		P->nfield++;
		return;
	}
	if ((P->field[P->nfield] = strndup(s ? s : "", len)) == NULL) {
		P->failed = nb_fail(P->err, NB_ERR_NOMEM, "内存不足");
		return;
	}
	P->nfield++;
}

static int
valid_level(const char *s)
{
	return strcmp(s, "部门") == 0 || strcmp(s, "本级政府") == 0 ||
	    strcmp(s, "乡镇") == 0 || strcmp(s, "街道") == 0;
}

static int
valid_deadline(const char *s)
{
	int m, d, n = 0;

	return *s == '\0' || (sscanf(s, "%2d-%2d%n", &m, &d, &n) == 2 &&
	    s[n] == '\0' && n == 5 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

static int
split_aliases(struct nb_roster_entry *e, const char *s)
{
	char *copy = strdup(s), *tok, *save = NULL;

	if (copy == NULL)
		return -1;
	for (tok = strtok_r(copy, ";；", &save); tok;
	    tok = strtok_r(NULL, ";；", &save)) {
		char **v = realloc(e->aliases, (e->naliases + 1) * sizeof(*v));

		if (v == NULL || (v[e->naliases] = nb_issuer_key(tok)) ==
		    NULL) {
			if (v != NULL)
				e->aliases = v;
			free(copy);
			return -1;
		}
		e->aliases = v;
		if (v[e->naliases][0] == '\0')
			free(v[e->naliases]);
		else
			e->naliases++;
	}
	free(copy);
	return 0;
}

static int
add_entry(struct parse *P)
{
	struct nb_roster *r = P->r;
	struct nb_roster_entry *e, *v;
	char **f = P->field;

	if (P->nfield < 3 || P->nfield > ROSTER_COLS || f[0][0] == '\0')
		return nb_fail(P->err, NB_ERR_CONFIG, "%s:%zu: 应有 %d 列"
		    "（name,aliases,level,parent,region,deadline），名称不能为空",
		    P->path, P->line, ROSTER_COLS);
	if (!valid_level(f[2]))
		return nb_fail(P->err, NB_ERR_CONFIG, "%s:%zu: 级别“%s”应为"
		    "部门、本级政府、乡镇或街道", P->path, P->line, f[2]);
	if (P->nfield > 5 && !valid_deadline(f[5]))
		return nb_fail(P->err, NB_ERR_CONFIG, "%s:%zu: 截止日期“%s”"
		    "应写作 MM-DD（如 01-31）", P->path, P->line, f[5]);
	if ((v = realloc(r->v, (r->n + 1) * sizeof(*v))) == NULL)
		return nb_fail(P->err, NB_ERR_NOMEM, "内存不足");
	r->v = v;
	e = &r->v[r->n++];
	memset(e, 0, sizeof(*e));
	e->line = P->line;
	snprintf(e->deadline, sizeof(e->deadline), "%s",
	    P->nfield > 5 ? f[5] : "");
	if ((e->name = strdup(f[0])) == NULL ||
	    (e->key = nb_issuer_key(f[0])) == NULL ||
	    split_aliases(e, f[1]) == -1 ||
	    (e->level = strdup(f[2])) == NULL ||
	    (e->parent = nb_issuer_key(P->nfield > 3 ? f[3] : "")) == NULL ||
	    (e->region = strdup(P->nfield > 4 ? f[4] : "")) == NULL)
		return nb_fail(P->err, NB_ERR_NOMEM, "内存不足");
	return 0;
}

static void
on_record(int c, void *arg)
{
	struct parse *P = arg;

	(void)c;
	P->line++;
	if (!P->failed && P->header_done && add_entry(P) == -1)
		P->failed = -1;
	P->header_done = 1;
	for (size_t i = 0; i < ROSTER_COLS; i++) {
		free(P->field[i]);
		P->field[i] = NULL;
	}
	P->nfield = 0;
}

static int
parse_file(FILE *fp, struct parse *P)
{
	struct csv_parser p;
	char buf[8192];
	size_t n;

	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return nb_fail(P->err, NB_ERR_NOMEM, "内存不足");
	while (!P->failed && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, P) != n) {
			P->failed = nb_fail(P->err, NB_ERR_CONFIG,
			    "%s:%zu: CSV 格式错误：%s", P->path, P->line + 1,
			    csv_strerror(csv_error(&p)));
		}
	if (!P->failed)
		csv_fini(&p, on_field, on_record, P);
	csv_free(&p);
	if (!P->failed && ferror(fp))
		P->failed = nb_fail(P->err, NB_ERR_IO, "%s: 读取失败", P->path);
	return P->failed ? -1 : 0;
}

struct nb_roster *
nb_roster_load(const char *path, struct nb_error *err)
{
	struct parse P = { .err = err, .path = path };
	FILE *fp;

	if ((P.r = calloc(1, sizeof(*P.r))) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		return NULL;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		nb_fail(err, NB_ERR_IO, "%s: 无法打开名册：%m", path);
		free(P.r);
		return NULL;
	}
	if (parse_file(fp, &P) == -1) {
		for (size_t i = 0; i < ROSTER_COLS; i++)
			free(P.field[i]);
		fclose(fp);
		nb_roster_free(P.r);
		return NULL;
	}
	fclose(fp);
	return P.r;
}

void
nb_roster_free(struct nb_roster *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct nb_roster_entry *e = &r->v[i];

		free(e->name);
		free(e->key);
		for (size_t k = 0; k < e->naliases; k++)
			free(e->aliases[k]);
		free(e->aliases);
		free(e->level);
		free(e->parent);
		free(e->region);
	}
	free(r->v);
	free(r);
}

const struct nb_roster_entry *
nb_roster_find(const struct nb_roster *r, const char *key)
{
	for (size_t i = 0; key[0] != '\0' && i < r->n; i++)
		if (strcmp(r->v[i].key, key) == 0)
			return &r->v[i];
	for (size_t i = 0; key[0] != '\0' && i < r->n; i++)
		for (size_t k = 0; k < r->v[i].naliases; k++)
			if (strcmp(r->v[i].aliases[k], key) == 0)
				return &r->v[i];
	return NULL;
}

const struct nb_roster_entry *
nb_roster_match(const struct nb_roster *r, const char *issuer,
    const char *origin)
{
	const struct nb_roster_entry *e = NULL;
	char *k;

	if (r == NULL)
		return NULL;
	if (issuer != NULL && (k = nb_issuer_key(issuer)) != NULL) {
		e = nb_roster_find(r, k);
		free(k);
	}
	if (e == NULL && origin != NULL && (k = nb_issuer_key(origin)) !=
	    NULL) {
		e = nb_roster_find(r, k);
		free(k);
	}
	return e;
}

const char *
nb_roster_deadline(const struct nb_roster_entry *e, int year)
{
	if (e->deadline[0] != '\0')
		return e->deadline;
	/* 条例 (2019) art. 49 gives departments 1月31日 and a government's
	 * own report 3月31日; townships and streets it does not name, so
	 * only the later date is certain (local rules set them by the
	 * roster's deadline column).  The old 条例 art. 31: 3月31日 for all. */
	if (year >= 2019 && strcmp(e->level, "部门") == 0)
		return "01-31";
	return "03-31";
}
