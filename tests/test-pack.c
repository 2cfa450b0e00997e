/*
 * test-pack.c -- loading rule packs: the national pack, a province pack
 * that extends it, the packs of the other formats, foreach expansion, and
 * clear errors for broken packs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "pack.h"

static const struct nb_relation *
find_rel(const struct nb_pack *p, const char *id)
{
	for (size_t i = 0; i < p->nrelations; i++)
		if (strcmp(p->relations[i].id, id) == 0)
			return &p->relations[i];
	return NULL;
}

static void
test_national(const char *src)
{
	char path[4096];
	struct nb_error err;
	struct nb_pack *p;
	const struct nb_relation *r;

	snprintf(path, sizeof(path), "%s/rules/national-2021.json", src);
	p = nb_pack_load(path, &err);
	CHECK(p != NULL, "national pack: %s", p ? "" : err.msg);
	if (p == NULL)
		return;
	/* 10 T2 cells, 25 x 7 T3 cells, 15 T4 cells (DOMAIN.md §2). */
	CHECK(p->ncells == 10 + 175 + 15, "cells: %zu", p->ncells);
	CHECK(nb_pack_cell_index(p, "t3.result.deny.third_party.natural") >= 0,
	    "cell id t3.result.deny.third_party.natural");
	CHECK(nb_pack_cell_index(p, "t4.lit_after.pending") >= 0,
	    "cell id t4.lit_after.pending");
	CHECK(nb_pack_cell_index(p, "t2.fee.amount_wan") >= 0,
	    "cell id t2.fee.amount_wan");
	CHECK(nb_pack_cell_index(p, "t3.nope") == -1, "unknown cell");
	/* 25 row totals + 7 result totals + 7 balances + 3 T4 sums. */
	CHECK(p->nrelations == 25 + 7 + 7 + 3, "relations: %zu",
	    p->nrelations);
	r = find_rel(p, "T3-RES-natural");
	CHECK(r != NULL && r->n_lhs == 1 && r->n_rhs == 21,
	    "T3-RES-natural has 21 leaves");
	r = find_rel(p, "T3-BAL-total");
	CHECK(r != NULL && r->n_lhs == 2 && r->n_rhs == 2 &&
	    strcmp(r->lhs[0], "t3.new.total") == 0 &&
	    strcmp(r->rhs[1], "t3.carry_out.total") == 0, "T3-BAL-total sides");
	CHECK(r != NULL && strcmp(r->rule, "sums.balance") == 0 &&
	    r->severity == NB_SEV_ERROR, "T3-BAL-total rule");
	/* Keys are compacted and normalised: （一） became (一). */
	CHECK(strcmp(p->tables[1].rows[2].keys.v[0], "(一)予以公开") == 0,
	    "normalised key: %s", p->tables[1].rows[2].keys.v[0]);
	CHECK(strcmp(nb_pack_option(p, "fees", "keyword"), "信息处理费") == 0,
	    "plugin option");
	CHECK(nb_pack_option(p, "fees", "nope") == NULL, "missing option");
	nb_pack_free(p);
}

/* A pack that "extends" the national one (a whole pack of its own, as
 * --rules takes it): keys, relations and options are added. */
static void
test_extends(const char *src)
{
	char path[] = "/tmp/nb-test-extends-XXXXXX";
	struct nb_error err;
	struct nb_pack *p;
	const struct nb_strv *keys;
	int found = 0, fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (fp == NULL) {
		CHECK(0, "mkstemp");
		return;
	}
	fprintf(fp, "{\"nianbao_rules\": 1, \"id\": \"mine\", "
	    "\"extends\": \"%s/rules/national-2021.json\", "
	    "\"sections\": [{\"n\": 6, \"keys\": [\"其他应报告事项\"]}], "
	    "\"relations\": [{\"id\": \"MY-{c}\", \"rule\": \"sums.balance\", "
	    "\"foreach\": {\"c\": [\"total\"]}, "
	    "\"lhs\": [\"t3.new.{c}\"], \"rhs\": [\"t3.result.total.{c}\"]}], "
	    "\"plugins\": {\"fees\": {\"keyword\": \"处理费\"}}}", src);
	fclose(fp);
	p = nb_pack_load(path, &err);
	CHECK(p != NULL, "extending pack: %s", p ? "" : err.msg);
	if (p == NULL) {
		unlink(path);
		return;
	}
	CHECK(strcmp(p->id, "mine") == 0, "id %s", p->id);
	CHECK(p->nrelations == 43, "relations %zu", p->nrelations);
	CHECK(find_rel(p, "MY-total") != NULL, "added relation");
	keys = &p->sections[5].keys;
	for (size_t i = 0; i < keys->n; i++)
		found += strcmp(keys->v[i], "其他应报告事项") == 0;
	CHECK(found == 1 && keys->n >= 3, "section 6 keys appended");
	CHECK(strcmp(nb_pack_option(p, "fees", "keyword"), "处理费") == 0,
	    "option merged");
	CHECK(p->rel_origin[42].file != NULL &&
	    strcmp(p->rel_origin[42].file, path) == 0 &&
	    strcmp(p->rel_origin[42].at, "$.relations[0]") == 0,
	    "relation origin %s %s", p->rel_origin[42].file,
	    p->rel_origin[42].at);
	nb_pack_free(p);
	unlink(path);
}

/* The national pack brings the packs of the other formats: the 2019
 * trial format (T3 with （六）其他处理 one row, 40 relations) and the old
 * 统计表. */
static void
test_formats(const char *src)
{
	char path[4096];
	struct nb_error err;
	struct nb_pack *p;
	const struct nb_pack *p19, *old;
	const struct nb_relation *r;

	snprintf(path, sizeof(path), "%s/rules/national-2021.json", src);
	if ((p = nb_pack_load(path, &err)) == NULL) {
		CHECK(0, "national pack: %s", err.msg);
		return;
	}
	p19 = nb_pack_for_format(p, NB_FMT_2019);
	old = nb_pack_for_format(p, NB_FMT_OLD);
	CHECK(p->format == NB_FMT_2021 && nb_pack_for_format(p, NB_FMT_2021) ==
	    p, "national pack reads 2021");
	CHECK(nb_pack_for_format(p, NB_FMT_UNKNOWN) == NULL,
	    "no pack for an unknown format");
	CHECK(p19 != NULL && p19 != p && p19->format == NB_FMT_2019 &&
	    strcmp(p19->id, "national-2019") == 0, "2019 pack loaded");
	if (p19 != NULL) {
		/* T2: 3+3 (一), 3+3 (五), 3+3 (六), 2 (八), 2 (九); 23 x 7; 15. */
		CHECK(p19->ncells == 22 + 161 + 15, "2019 cells: %zu",
		    p19->ncells);
		CHECK(nb_pack_cell_index(p19, "t3.result.other.total") >= 0 &&
		    nb_pack_cell_index(p19, "t3.result.other.no_fee.total") ==
		    -1 && nb_pack_cell_index(p19, "t2.license.change") >= 0 &&
		    nb_pack_cell_index(p19, "t2.procurement.amount") >= 0,
		    "2019 cell ids");
		CHECK(p19->nrelations == 23 + 7 + 7 + 3, "2019 relations: %zu",
		    p19->nrelations);
		r = find_rel(p19, "T3-RES-total");
		CHECK(r != NULL && r->n_rhs == 19 &&
		    strcmp(r->rhs[18], "t3.result.other.total") == 0,
		    "2019 T3-RES has 19 leaves");
		CHECK(nb_pack_option(p19, "sums", "not_counts") != NULL &&
		    strstr(nb_pack_option(p19, "sums", "not_counts"),
		    "t2.fee.change") != NULL, "2019: 本年增/减 is no count");
	}
	CHECK(old != NULL && old->format == NB_FMT_OLD &&
	    nb_pack_table_index(old, "of") >= 0 &&
	    nb_pack_table_index(old, "t3") == -1, "old pack loaded");
	if (old != NULL) {
		r = find_rel(old, "OF-STAFF");
		CHECK(r != NULL && strcmp(r->rule, "statistics.total") == 0 &&
		    r->severity == NB_SEV_WARNING && r->n_rhs == 2,
		    "OF-STAFF a warning of statistics.total");
		CHECK(find_rel(old, "OF2-APP-RECV-year") != NULL,
		    "本年度 / 历年累计 variant");
	}
	nb_pack_free(p);
}

/* Writes text to a temporary file and tries to load it as a pack. */
static void
expect_error(const char *text, const char *want)
{
	char path[] = "/tmp/nb-test-pack-XXXXXX";
	struct nb_error err = { 0 };
	struct nb_pack *p;
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (fp == NULL) {
		CHECK(0, "mkstemp");
		return;
	}
	fputs(text, fp);
	fclose(fp);
	p = nb_pack_load(path, &err);
	CHECK(p == NULL && strstr(err.msg, want) != NULL &&
	    strstr(err.msg, path) != NULL, "error for %s: got \"%s\"", want,
	    err.msg);
	nb_pack_free(p);
	unlink(path);
}

int
main(void)
{
	const char *src = check_dir("NB_SRCDIR");

	test_national(src);
	test_extends(src);
	test_formats(src);
	expect_error("{ not json", "不是有效的 JSON");
	expect_error("{\"id\": \"x\"}", "nianbao_rules");
	expect_error("{\"nianbao_rules\": 1, \"sections\": []}", "六个部分");
	expect_error("{\"nianbao_rules\": 1, \"sections\": [{\"n\": 1}, {\"n\": 1}, "
	    "{\"n\": 2}, {\"n\": 3}, {\"n\": 4}, {\"n\": 5}]}", "定义了两次");
	expect_error("{\"nianbao_rules\": 1, \"extends\": \"/nonexistent.json\"}",
	    "所扩展的规则包有误：/nonexistent.json: 无法打开规则包");
	expect_error("{\"nianbao_rules\": 1, \"extends\": \"national-2021.json\"}",
	    "无法打开规则包");
	expect_error("{\"nianbao_rules\": 1, \"format\": \"2020\"}",
	    "\"format\" 应为");
	expect_error("{\"nianbao_rules\": 1, \"formats\": {\"2019\": "
	    "{\"pack\": \"nb-no-such-pack.json\"}}}",
	    "2019 格式的规则包有误：/tmp/nb-no-such-pack.json: 无法打开规则包");
	{
		char text[8192];

		/* A format's pack names no packs itself. */
		snprintf(text, sizeof(text), "{\"nianbao_rules\": 1, "
		    "\"formats\": {\"old\": {\"pack\": "
		    "\"%s/rules/national-2021.json\"}}}", src);
		expect_error(text, "格式的规则包不能再指定其他格式的规则包");
	}
	{
		char text[8192];
		snprintf(text, sizeof(text), "{\"nianbao_rules\": 1, "
		    "\"extends\": \"%s/rules/national-2021.json\", "
		    "\"relations\": [{\"id\": \"X\", \"rule\": \"sums.balance\", "
		    "\"lhs\": [\"t3.new.nobody\"], \"rhs\": [\"t3.new.total\"]}]}",
		    src);
		expect_error(text, "不存在的单元格 \"t3.new.nobody\"");
	}
	return check_done();
}
