/*
 * tables-fix.c -- the fixtures of the table tests: the national pack, the
 * source directory, the T3/T4 ids, and reports built from texts.  No
 * checks here: they are counted in each test (tables.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "pack.h"

#define NB_TEST_TABLES_NO_CHECKS
#include "tables.h"

const char *srcdir = ".";
struct nb_pack *pack;

const char *const t3rows[25] = {
	"new", "carry_in", "result.open", "result.partial",
	"result.deny.secret", "result.deny.law", "result.deny.safety",
	"result.deny.third_party", "result.deny.internal",
	"result.deny.process", "result.deny.enforcement", "result.deny.query",
	"result.unable.not_held", "result.unable.need_create",
	"result.unable.unclear", "result.noproc.petition",
	"result.noproc.repeat", "result.noproc.publication",
	"result.noproc.massive", "result.noproc.confirm",
	"result.other.no_correction", "result.other.no_fee",
	"result.other.other", "result.total", "carry_out"
};
const char *const t3cols[7] = {
	"natural", "commercial", "research", "public_interest",
	"legal_service", "other", "total"
};
const char *const t4cols[15] = {
	"review.upheld", "review.corrected", "review.other", "review.pending",
	"review.total", "lit_direct.upheld", "lit_direct.corrected",
	"lit_direct.other", "lit_direct.pending", "lit_direct.total",
	"lit_after.upheld", "lit_after.corrected", "lit_after.other",
	"lit_after.pending", "lit_after.total"
};

struct nb_doc *
doc_from(const char *name, const char *text)
{
	struct nb_error err;
	struct nb_doc *d;

	nb_error_clear(&err);
	if ((d = nb_doc_new(name)) == NULL)
		return NULL;
	if (nb_doc_add_text(d, text, strlen(text), 0, &err) == -1) {
		nb_doc_free(d);
		return NULL;
	}
	return d;
}

char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == -1 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1 || (buf = malloc(len + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}


int
fix_text(struct fix *f, const char *name, const char *text)
{
	struct nb_error err;

	nb_error_clear(&err);
	f->r = NULL;
	if ((f->d = doc_from(name, text)) == NULL)
		return -1;
	if ((f->r = nb_report_build(f->d, pack, &err)) == NULL) {
		printf("%s: %s\n", name, err.msg);
		nb_doc_free(f->d);
		return -1;
	}
	return 0;
}

void
fix_free(struct fix *f)
{
	nb_report_free(f->r);
	nb_doc_free(f->d);
}


int
tables_setup(int argc, char **argv)
{
	struct nb_error err;
	char path[4096];

	if (argc > 1)
		srcdir = argv[1];
	else if (getenv("NB_SRCDIR") != NULL)
		srcdir = getenv("NB_SRCDIR");
	snprintf(path, sizeof(path), "%s/rules/national-2021.json", srcdir);
	nb_error_clear(&err);
	if ((pack = nb_pack_load(path, &err)) == NULL) {
		printf("FAIL cannot load %s: %s\n", path, err.msg);
		printf("0 passed, 1 failed\n");
		return -1;
	}
	return 0;
}
