/*
 * A plugin built for ABI 1.1 that reports what the 1.1 services say
 * (cell_info, table_confidence, section_lines, line_page) in one finding,
 * with two related relations: the host test reads them back.  And
 * whether the ABI 1.6 calls by index say what the calls by id say.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "probe.read", NB_SEV_INFO, "测试：ABI 1.1 的读取信息" },
};

static int
same_value(const struct nb_value *a, const struct nb_value *b)
{
	return a->kind == b->kind && a->i == b->i && a->d == b->d &&
	    strcmp(a->raw, b->raw) == 0;
}

/* Cells and relations' cells by index against by id: "idx=CELLS/RELS/BAD
 * past=P copy=C" (BAD the disagreements, P cell_at past the last, C
 * whether a copy of a relation got indices). */
static void
by_index(const struct nb_api *api, const nb_report *r, char *out, size_t len)
{
	size_t i, j, n = api->cell_count(r), nr = api->relation_count(r);
	size_t bad = 0;
	struct nb_value a, b;
	struct nb_cell_info ia, ib;
	struct nb_relation copy;

	if (!NB_API_HAS(api, cell_at) || !NB_API_HAS(api, cell_info_at) ||
	    !NB_API_HAS(api, relation_cells)) {
		snprintf(out, len, "idx=none");
		return;
	}
	for (i = 0; i < n; i++) {
		const char *id = api->cell_id(r, i);

		if (api->cell_at(r, i, &a) != 0 || api->cell(r, id, &b) != 0 ||
		    !same_value(&a, &b) || api->cell_info_at(r, i, &ia) != 0 ||
		    api->cell_info(r, id, &ib) != 0 ||
		    ia.confidence != ib.confidence || ia.source != ib.source)
			bad++;
	}
	for (i = 0; i < nr; i++) {
		const struct nb_relation *rel = api->relation(r, i);
		const long *ix = api->relation_cells(r, rel);

		for (j = 0; ix != NULL && j < rel->n_lhs + rel->n_rhs; j++) {
			const char *id = j < rel->n_lhs ? rel->lhs[j] :
			    rel->rhs[j - rel->n_lhs];
			const char *at = ix[j] < 0 ? NULL :
			    api->cell_id(r, (size_t)ix[j]);

			if (at == NULL ? api->cell(r, id, &b) == 0 :
			    strcmp(at, id) != 0)
				bad++;
		}
		bad += ix == NULL;
	}
	memset(&copy, 0, sizeof(copy));
	if (nr > 0)
		copy = *api->relation(r, 0);
	snprintf(out, len, "idx=%zu/%zu/%zu past=%d copy=%s", n, nr, bad,
	    api->cell_at(r, n, &a), nr > 0 &&
	    api->relation_cells(r, &copy) == NULL ? "null" : "?");
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	static const char *const related[] = { "R-1", "R-2" };
	struct nb_finding f = { .rule = "probe.read", .severity = NB_SEV_INFO,
	    .related = related, .n_related = 2 };
	struct nb_cell_info info = { -1, NB_SRC_NONE }, none;
	const char *why = NULL;
	unsigned lines[4] = { 0, 0, 0, 0 }, pl = 0, pg;
	size_t nl;
	double conf;
	int has, bad;
	char msg[512], idx[128];

	(void)state;
	has = NB_API_HAS(api, cell_info) && NB_API_HAS(api, table_confidence) &&
	    NB_API_HAS(api, section_lines) && NB_API_HAS(api, line_page);
	if (!has)
		return -1;
	api->cell_info(r, "t3.new.total", &info);
	bad = api->cell_info(r, "t9.nothing", &none);
	conf = api->table_confidence(r, "t3", &why);
	nl = api->section_lines(r, 1, lines, 4);
	pg = api->line_page(r, lines[0], &pl);
	by_index(api, r, idx, sizeof(idx));
	snprintf(msg, sizeof(msg), "cell=%.2f/%d bad=%d t3=%.2f why=[%s] "
	    "sec1=%zu@%u page=%u/%u %s", info.confidence, (int)info.source, bad,
	    conf, why != NULL ? why : "(null)", nl, lines[0], pg, pl, idx);
	f.message = msg;
	f.line = lines[0];
	return api->emit(ctx, &f) == 0 ? 0 : -1;
}

static const struct nb_plugin desc = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "probe",
	.version = "0",
	.rules = rules,
	.n_rules = 1,
	.check = check,
};

const struct nb_plugin *
nb_plugin_entry(void)
{
	return &desc;
}
