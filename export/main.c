/*
 * main.c -- `nianbao-export`: the 问题清单 of a campaign from the history
 * store, as an Excel workbook or CSV.
 *
 *   nianbao-export --store DB [--year Y] [--issuer NAME]
 *                  [--format xlsx|csv] -o FILE
 *
 * The format follows FILE's extension unless --format says; CSV may go to
 * standard output (-o - or no -o).  FILE is written under a temporary
 * name and renamed when whole.  Exit status: 0 written, 2 usage, store or
 * write error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "cli/outfile.h"
#include "store/roster.h"
#include "writers.h"

struct xopts {
	const char	*store, *issuer, *output, *format;
	int		 year;
};

static void
usage(FILE *fp)
{
	fputs("用法：nianbao-export --store 库 [选项] -o 文件\n"
	    "从历史库导出问题清单（每个问题一行：机关、报告、规则、问题、位置、\n"
	    "单元格、复核状态），供归档和下发整改。\n\n"
	    "  --store DB          历史库：SQLite 文件或 postgresql://… 地址\n"
	    "  --year 年度         只导出该年度的报告\n"
	    "  --issuer 名称       只导出该机关的报告\n"
	    "  --format FMT        xlsx 或 csv（默认按文件扩展名）\n"
	    "  -o, --output FILE   输出文件；csv 可为 -（标准输出）\n"
	    "  -h, --help          显示本帮助\n"
	    "  -V, --version       显示版本\n", fp);
}

static int
parse(int argc, char **argv, struct xopts *o)
{
	static const struct option longopts[] = {
		{ "store", required_argument, NULL, 's' },
		{ "year", required_argument, NULL, 'y' },
		{ "issuer", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "ho:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': o->store = optarg; break;
		case 'y': o->year = atoi(optarg); break;
		case 'i': o->issuer = optarg; break;
		case 'f': o->format = optarg; break;
		case 'o': o->output = optarg; break;
		case 'h': usage(stdout); exit(0);
		case 'V': puts("nianbao-export " PACKAGE_VERSION); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind != argc || o->store == NULL) {
		fprintf(stderr, "nianbao-export: 需要 --store\n");
		usage(stderr);
		return -1;
	}
	return 0;
}

/* "xlsx" or "csv": from --format, else from the file's extension. */
static const char *
pick_format(const struct xopts *o)
{
	const char *f = o->format, *dot;

	if (f == NULL && o->output != NULL &&
	    (dot = strrchr(o->output, '.')) != NULL)
		f = strcasecmp(dot, ".xlsx") == 0 ? "xlsx" :
		    strcasecmp(dot, ".csv") == 0 ? "csv" : NULL;
	if (f == NULL && (o->output == NULL || strcmp(o->output, "-") == 0))
		f = "csv";
	if (f == NULL || (strcmp(f, "xlsx") != 0 && strcmp(f, "csv") != 0)) {
		fprintf(stderr, "nianbao-export: 格式应为 xlsx 或 csv（用 "
		    "--format，或 .xlsx / .csv 文件名）\n");
		return NULL;
	}
	if (strcmp(f, "xlsx") == 0 && (o->output == NULL ||
	    strcmp(o->output, "-") == 0)) {
		fprintf(stderr, "nianbao-export: xlsx 需要用 -o 指定文件\n");
		return NULL;
	}
	return f;
}

static int
run(struct nb_store *s, const struct nb_store_query *q, const char *fmt,
    const char *output)
{
	struct outfile out;
	struct nb_error err;
	char msg[512];
	int rc;

	nb_error_clear(&err);
	if (outfile_open(&out, output, msg, sizeof(msg)) == -1) {
		fprintf(stderr, "nianbao-export: %s\n", msg);
		return 2;
	}
	if (strcmp(fmt, "xlsx") == 0)
		rc = export_xlsx(s, q, outfile_release(&out), &err);
	else
		rc = export_csv(s, q, out.fp, &err);
	if (rc == -1) {
		outfile_abort(&out);
		fprintf(stderr, "nianbao-export: %s\n", err.msg);
		return 2;
	}
	if (outfile_commit(&out, msg, sizeof(msg)) == -1) {
		fprintf(stderr, "nianbao-export: %s\n", msg);
		return 2;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct xopts o = { 0 };
	struct nb_store_query q = { 0 };
	struct nb_store *s;
	struct nb_error err;
	const char *fmt;
	char *key = NULL;
	int rc;

	if (parse(argc, argv, &o) == -1 || (fmt = pick_format(&o)) == NULL)
		return 2;
	if (o.issuer != NULL && (key = nb_issuer_key(o.issuer)) == NULL) {
		fprintf(stderr, "nianbao-export: 内存不足\n");
		return 2;
	}
	q.year = o.year;
	q.issuer_key = key;
	nb_error_clear(&err);
	if (nb_store_open(o.store, &s, &err) == -1) {
		fprintf(stderr, "nianbao-export: %s\n", err.msg);
		free(key);
		return 2;
	}
	rc = run(s, &q, fmt, o.output);
	nb_store_close(s);
	free(key);
	return rc;
}
