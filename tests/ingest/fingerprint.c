/*
 * fingerprint -- what the checker makes of a file, without positions:
 * format, year, issuer, the state of each table, every cell (kind and
 * value) and every finding (rule, cell, cells, relation, values).  Two
 * renderings of one report must print the same fingerprint, whatever
 * their line numbers and pages.
 *
 * usage: fingerprint RULES PLUGIN_DIR FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "model.h"
#include "nianbao.h"
#include "pack.h"

static void
print_model(const struct nb_pack *pack, const struct nb_doc *doc)
{
	struct nb_error err = { NB_OK, "" };
	struct nb_report *r;
	size_t i;

	if ((r = nb_report_build(doc, pack, &err)) == NULL) {
		printf("model error: %s\n", err.msg);
		return;
	}
	printf("format %d year %d issuer %s\n", (int)r->format, r->year,
	    r->issuer ? r->issuer : "");
	/* The pack of the report's format read it. */
	pack = r->pack;
	for (i = 0; i < pack->ntables; i++)
		printf("table %s state %d rows %d\n", pack->tables[i].id,
		    (int)r->tables[i].state, r->tables[i].rows_found);
	for (i = 0; i < pack->ncells; i++) {
		const struct nb_value *v = &r->cells[i].v;

		printf("cell %s kind %d", pack->cells[i].id, (int)v->kind);
		if (v->kind == NB_VAL_INT || v->kind == NB_VAL_DECIMAL)
			printf(" %g", v->d);
		putchar('\n');
	}
	nb_report_free(r);
}

static void
print_findings(const struct nb_result *res)
{
	size_t i, k;

	for (i = 0; i < res->nfindings; i++) {
		const struct nb_found *f = &res->findings[i];

		printf("finding %s section %d cell %s relation %s", f->rule,
		    f->section, f->cell ? f->cell : "-",
		    f->relation ? f->relation : "-");
		if (f->has_values)
			printf(" expected %g actual %g", f->expected, f->actual);
		for (k = 0; k < f->ncells; k++)
			printf(" %s", f->cells[k]);
		putchar('\n');
	}
}

int
main(int argc, char *argv[])
{
	struct nb_engine_conf conf;
	struct nb_error err = { NB_OK, "" };
	struct nb_engine *e;
	struct nb_result *res;
	struct nb_pack *pack;

	if (argc != 4) {
		fprintf(stderr, "usage: fingerprint RULES PLUGIN_DIR FILE\n");
		return 2;
	}
	memset(&conf, 0, sizeof(conf));
	conf.rules_path = argv[1];
	conf.plugin_dir = argv[2];
	if ((pack = nb_pack_load(argv[1], &err)) == NULL ||
	    nb_engine_open(&conf, &e, &err) == -1) {
		fprintf(stderr, "fingerprint: %s\n", err.msg);
		nb_pack_free(pack);
		return 2;
	}
	if (nb_check_file(e, argv[3], &res, &err) == -1) {
		printf("error %d: %s\n", (int)err.code, err.msg);
	} else {
		if (res->doc != NULL)
			print_model(pack, res->doc);
		print_findings(res);
		nb_result_free(res);
	}
	nb_engine_close(e);
	nb_pack_free(pack);
	return 0;
}
