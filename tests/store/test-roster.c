/*
 * test-roster.c -- roster.csv and issuer identity: normalised names
 * (full-width forms, spaces, 人民政府/政府, 办公室/办), matching by name,
 * alias and drop subfolder, deadlines by level and the roster's own,
 * quoted fields, and the errors that name the file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/roster.h"
#include "../check.h"

static char dir[] = "/tmp/nbroster.XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
test_keys(void)
{
	static const char *const same[][2] = {
		{ "红寺堡区人民政府", "红寺堡区政府" },
		{ "原州区人民政府办公室", "原州区政府办" },
		{ "红旗区人民政府　办公室", "红旗区政府办公室" },
		{ "ＡＢＣ县 财政局", "ABC县财政局" },
	};

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		char *a = nb_issuer_key(same[i][0]), *b = nb_issuer_key(same[i][1]);

		CHECK(a && b && strcmp(a, b) == 0, "key(%s) = key(%s): %s %s",
		    same[i][0], same[i][1], a ? a : "-", b ? b : "-");
		free(a);
		free(b);
	}
	{
		char *a = nb_issuer_key("红寺堡区教育局"), *b = nb_issuer_key(
		    "红寺堡区卫生健康局");
		CHECK(a && b && strcmp(a, b) != 0, "different agencies differ");
		free(a);
		free(b);
	}
}

static void
test_match(void)
{
	struct nb_error err;
	struct nb_roster *r;
	const struct nb_roster_entry *e;

	nb_error_clear(&err);
	r = nb_roster_load(write_file("roster.csv",
	    "name,aliases,level,parent,region,deadline\n"
	    "红寺堡区人民政府,红寺堡区;红寺堡,本级政府,,640303,\n"
	    "红寺堡区教育局,,部门,红寺堡区人民政府,640303,\n"
	    "\"某县财政局, 国资委\",县财政,部门,,1,01-20\n"
	    "红寺堡镇人民政府,红寺堡镇,乡镇,,640303,\n"), &err);
	CHECK(r != NULL && r->n == 4, "load: %s", err.msg);
	if (r == NULL)
		return;
	e = nb_roster_match(r, "红寺堡区政府", NULL);
	CHECK(e == &r->v[0], "by normalised name");
	e = nb_roster_match(r, "红寺堡", NULL);
	CHECK(e == &r->v[0], "by alias");
	e = nb_roster_match(r, "吴忠市红寺堡区红寺堡镇人民政府", "红寺堡镇");
	CHECK(e == &r->v[3], "by drop subfolder");
	e = nb_roster_match(r, "某某县人民政府办公室", "其他");
	CHECK(e == NULL, "no entry");
	CHECK(strcmp(r->v[2].name, "某县财政局, 国资委") == 0,
	    "quoted field with a comma: %s", r->v[2].name);
	CHECK(strcmp(r->v[1].parent, r->v[0].key) == 0, "parent by key");
	CHECK(strcmp(nb_roster_deadline(&r->v[0], 2022), "03-31") == 0 &&
	    strcmp(nb_roster_deadline(&r->v[1], 2022), "01-31") == 0 &&
	    strcmp(nb_roster_deadline(&r->v[2], 2022), "01-20") == 0 &&
	    strcmp(nb_roster_deadline(&r->v[3], 2022), "03-31") == 0 &&
	    strcmp(nb_roster_deadline(&r->v[1], 2018), "03-31") == 0,
	    "deadlines: law by level and year, the roster's own first");
	nb_roster_free(r);
}

static void
test_errors(void)
{
	static const char *const bad[][2] = {
		{ "name,aliases,level\n甲局,,省长\n", "第2行 level" },
		{ "name,aliases,level\n,,部门\n", "empty name" },
		{ "name,aliases,level,parent,region,deadline\n甲局,,部门,,,1月31日\n",
		    "deadline" },
		{ "name,aliases,level\n甲局\n", "too few columns" },
	};
	struct nb_error err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *path = write_file("bad.csv", bad[i][0]);
		struct nb_roster *r;
		char want[300];

		nb_error_clear(&err);
		r = nb_roster_load(path, &err);
		snprintf(want, sizeof(want), "%s:2:", path);
		CHECK(r == NULL && strstr(err.msg, want) != NULL,
		    "%s refused, file and line named: %s", bad[i][1], err.msg);
		nb_roster_free(r);
	}
	nb_error_clear(&err);
	CHECK(nb_roster_load("/nonexistent/roster.csv", &err) == NULL &&
	    strstr(err.msg, "/nonexistent/roster.csv") != NULL,
	    "missing file named: %s", err.msg);
}

int
main(void)
{
	char path[300];

	if (mkdtemp(dir) == NULL)
		return 99;
	test_keys();
	test_match();
	test_errors();
	snprintf(path, sizeof(path), "%s/roster.csv", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bad.csv", dir);
	unlink(path);
	rmdir(dir);
	return check_done();
}
