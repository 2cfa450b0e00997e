/*
 * test-pack.c -- loading rule packs: the national pack, a province pack
 * that extends it, foreach expansion, and clear errors for broken packs.
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
	expect_error("{ not json", "不是有效的 JSON");
	expect_error("{\"id\": \"x\"}", "nianbao_rules");
	expect_error("{\"nianbao_rules\": 1, \"sections\": []}", "六个部分");
	expect_error("{\"nianbao_rules\": 1, \"sections\": [{\"n\": 1}, {\"n\": 1}, "
	    "{\"n\": 2}, {\"n\": 3}, {\"n\": 4}, {\"n\": 5}]}", "定义了两次");
	expect_error("{\"nianbao_rules\": 1, \"extends\": \"/nonexistent.json\"}",
	    "所扩展的规则包有误：/nonexistent.json: 无法打开规则包");
	expect_error("{\"nianbao_rules\": 1, \"extends\": \"national-2021.json\"}",
	    "无法打开规则包");
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
