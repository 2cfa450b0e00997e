/*
 * main.c -- `nianbao`, the one-shot checker.
 *
 *   nianbao check [-r] [--json] [--rules FILE] [--plugin-dir DIR] FILE|DIR|-...
 *   nianbao check --list-rules
 *   nianbao check --store DB [--roster FILE] FILE...   (cli/store.c)
 *   nianbao history --store DB ...                     (cli/history.c)
 *
 * Exit status: 0 no error finding, 1 at least one error finding, 2 usage
 * or configuration error, 3 some input could not be read (the others are
 * still checked and reported).
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "nianbao.h"
#include "input.h"
#include "output.h"
#include "store.h"

#define EXIT_FINDINGS	1
#define EXIT_USAGE	2
#define EXIT_UNREADABLE	3
/* Standard input is bounded like a file (the library's default limit). */
#define STDIN_MAX	(64u * 1024 * 1024)

struct options {
	int		 json;
	int		 list_rules;
	int		 recursive;
	int		 color;		/* -1 auto */
	const char	*rules;
	const char	*plugin_dir;
	const char	*plugins;	/* comma-separated, NULL = all */
	const char	*store;		/* history store, NULL = none */
	const char	*roster;
	int		 dry_run;
};

static void
usage(FILE *fp)
{
	fputs("用法：nianbao check [选项] 文件...\n"
	    "检查政府信息公开工作年度报告（2021 年格式）。\n"
	    "文件为 - 时读取标准输入。\n\n"
	    "  -r, --recursive     检查目录（及其子目录）中的全部文件\n"
	    "  --json              每个文件输出一行 JSON（JSON Lines）\n"
	    "  --rules FILE        规则包（默认 " NB_RULES_DIR "/national-2021.json）\n"
	    "  --plugin-dir DIR    插件目录（默认 " NB_PLUGIN_DIR "）\n"
	    "  --plugins A,B,...   只加载这些插件（默认加载目录中全部插件）\n"
	    "  --list-rules        列出全部规则编号及说明\n"
	    "  --store DB          与历史库比对（跨报告检查）并写入历史库：\n"
	    "                      SQLite 文件或 postgresql://… 地址\n"
	    "  --roster FILE       应报送机关名册（roster.csv），与 --store 一起用\n"
	    "  --dry-run           与 --store 一起：只与历史库比对，不写入\n"
	    "  --color=WHEN        着色：auto（默认，仅终端）、always、never\n"
	    "  -h, --help          显示本帮助\n"
	    "  -V, --version       显示版本\n\n"
	    "退出状态：0 无错误；1 发现错误；2 用法或配置错误；3 有文件无法读取"
	    "或无法写入历史库。\n"
	    "查询历史库：nianbao history --help\n",
	    fp);
}

static int
parse_color(const char *s)
{
	if (s == NULL || strcmp(s, "auto") == 0)
		return -1;
	if (strcmp(s, "always") == 0)
		return 1;
	if (strcmp(s, "never") == 0)
		return 0;
	return -2;
}

static int
parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "recursive", no_argument, NULL, 'r' },
		{ "rules", required_argument, NULL, 'K' },
		{ "plugin-dir", required_argument, NULL, 'p' },
		{ "plugins", required_argument, NULL, 'P' },
		{ "list-rules", no_argument, NULL, 'l' },
		{ "store", required_argument, NULL, 's' },
		{ "roster", required_argument, NULL, 'R' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "color", optional_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "hrV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': o->json = 1; break;
		case 'r': o->recursive = 1; break;
		case 'K': o->rules = optarg; break;
		case 'p': o->plugin_dir = optarg; break;
		case 'P': o->plugins = optarg; break;
		case 'l': o->list_rules = 1; break;
		case 's': o->store = optarg; break;
		case 'R': o->roster = optarg; break;
		case 'n': o->dry_run = 1; break;
		case 'c':
			if ((o->color = parse_color(optarg)) == -2) {
				fprintf(stderr, "nianbao: --color 的值应为 auto、"
				    "always 或 never\n");
				return -1;
			}
			break;
		case 'h': usage(stdout); exit(0);
		case 'V': puts(PACKAGE_STRING); exit(0);
		default: usage(stderr); return -1;
		}
	}
	return 0;
}

/* Splits "a,b,c" in place into a vector of names. */
static const char **
split_plugins(char *s, size_t *n)
{
	const char **v;
	size_t cap = 1;
	char *tok, *save = NULL;

	for (const char *p = s; *p; p++)
		cap += *p == ',';
	if ((v = calloc(cap, sizeof(*v))) == NULL)
		return NULL;
	*n = 0;
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		v[(*n)++] = tok;
	return v;
}

/* Checks one input: a path, or "-" for standard input. */
static int
check_one(struct nb_engine *e, const char *path, struct nb_result **res,
    struct nb_error *err, const struct options *o)
{
	struct stat	 st;
	char		*buf;
	size_t		 len;

	if (strcmp(path, "-") == 0) {
		int rc;

		if (input_read_stdin(STDIN_MAX, &buf, &len, err->msg,
		    sizeof(err->msg)) == -1)
			return -1;
		rc = nb_check_buffer(e, "-", buf, len, res, err);
		free(buf);
		return rc;
	}
	if (!o->recursive && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err->msg, sizeof(err->msg), "%s: 是目录（用 -r 检查"
		    "其中的文件）", path);
		return -1;
	}
	return nb_check_file(e, path, res, err);
}

static int
check_files(struct nb_engine *e, char **args, int nargs,
    const struct options *o, struct cli_store *cs)
{
	struct input_list l = { 0 };
	int rc = 0, bad = 0;
	int color = o->color == -1 ? isatty(STDOUT_FILENO) : o->color;

	for (int i = 0; i < nargs && bad != -1; i++) {
		int r = input_add(&l, args[i], o->recursive);

		bad = r == -1 ? -1 : bad + r;
	}
	if (bad == -1) {
		fprintf(stderr, "nianbao: 内存不足\n");
		input_free(&l);
		return EXIT_UNREADABLE;
	}
	if (bad > 0)
		rc = EXIT_UNREADABLE;
	for (size_t i = 0; i < l.n; i++) {
		const char *file = l.paths[i];
		struct nb_result *res;
		struct nb_error err;

		nb_error_clear(&err);
		if (check_one(e, file, &res, &err, o) == -1) {
			output_input_error(o->json ? stdout : stderr, file,
			    err.msg, nb_error_rule(err.code), o->json,
			    color && !o->json);
			rc = EXIT_UNREADABLE;
			continue;
		}
		if (cs != NULL && cli_store_result(cs, e, file, res) == -1)
			rc = EXIT_UNREADABLE;
		if (o->json) {
			if (output_json(stdout, res) == -1) {
				fprintf(stderr, "nianbao: %s: 内存不足\n", file);
				rc = EXIT_UNREADABLE;
			}
		} else
			output_human(stdout, res, color);
		if (res->errors > 0 && rc == 0)
			rc = EXIT_FINDINGS;
		nb_result_free(res);
	}
	input_free(&l);
	fflush(stdout);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o = { .color = -1, .rules = NB_RULES_DIR
	    "/national-2021.json", .plugin_dir = NB_PLUGIN_DIR };
	struct nb_engine_conf conf = { 0 };
	struct nb_engine *e;
	struct nb_error err;
	char *plugins = NULL;
	const char **names = NULL;
	int rc;

	if (argc >= 2 && strcmp(argv[1], "history") == 0)
		return cli_history(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "check") == 0) {
		argv++;
		argc--;
	} else if (argc >= 2 && argv[1][0] != '-') {
		fprintf(stderr, "nianbao: 未知命令 \"%s\"\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (parse_args(argc, argv, &o) == -1)
		return EXIT_USAGE;
	if (!o.list_rules && optind >= argc) {
		fprintf(stderr, "nianbao: 请给出要检查的文件\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	conf.rules_path = o.rules;
	conf.plugin_dir = o.plugin_dir;
	conf.history = o.store != NULL;	/* what the store keeps */
	if (o.plugins != NULL && ((plugins = strdup(o.plugins)) == NULL ||
	    (names = split_plugins(plugins, &conf.nplugins)) == NULL)) {
		fprintf(stderr, "nianbao: 内存不足\n");
		free(plugins);
		return EXIT_USAGE;
	}
	conf.plugins = names;
	nb_error_clear(&err);
	if (nb_engine_open(&conf, &e, &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		free(names);
		free(plugins);
		return EXIT_USAGE;
	}
	if (o.list_rules) {
		output_rules(stdout, e, o.json);
		rc = 0;
	} else if (o.store != NULL) {
		struct cli_store cs;

		if (cli_store_open(&cs, o.store, o.roster) == -1)
			rc = EXIT_USAGE;
		else {
			cs.dry_run = o.dry_run;
			rc = check_files(e, argv + optind, argc - optind, &o,
			    &cs);
			cli_store_close(&cs);
		}
	} else if (o.roster != NULL) {
		fprintf(stderr, "nianbao: --roster 需要与 --store 一起使用\n");
		rc = EXIT_USAGE;
	} else
		rc = check_files(e, argv + optind, argc - optind, &o, NULL);
	nb_engine_close(e);
	free(names);
	free(plugins);
	return rc;
}
