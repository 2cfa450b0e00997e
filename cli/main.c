/*
 * main.c -- `nianbao`, the one-shot checker.
 *
 *   nianbao check [-r] [--format text|json|sarif|html] [-o FILE] [--rules FILE]
 *                 [--province NAME] [--set RULE=off|SEVERITY]...
 *                 [--plugin-dir DIR] FILE|DIR|-...
 *   nianbao check --list-rules
 *   nianbao check --store DB [--roster FILE] FILE...   (cli/store.c)
 *   nianbao history --store DB ...                     (cli/history.c)
 *   nianbao serve --store DB ...                       (board/serve.c)
 *
 * Exit status: 0 no error finding, 1 at least one error finding, 2 usage
 * or configuration error, 3 some input could not be read (the others are
 * still checked and reported).
 */
#include <sys/stat.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "nianbao.h"
#include "module.h"
#include "input.h"
#include "output.h"
#include "store.h"

#define EXIT_FINDINGS	1
#define EXIT_USAGE	2
#define EXIT_UNREADABLE	3
/* Standard input is bounded like a file (the library's default limit). */
#define STDIN_MAX	(64u * 1024 * 1024)

struct options {
	enum output_format format;
	const char	*output;	/* -o FILE, NULL = standard output */
	int		 list_rules;
	int		 recursive;
	int		 color;		/* -1 auto */
	const char	*rules;
	const char	*plugin_dir;
	const char	*plugins;	/* comma-separated, NULL = all */
	const char	*store;		/* history store, NULL = none */
	const char	*roster;
	int		 dry_run;
	const char	*province;	/* province pack, NULL = none */
	json_t		*settings;	/* --set: {rule: value}, NULL = none */
	int		 ocr;		/* NB_OCR_AUTO, _OFF, _FORCE */
	unsigned	 ocr_page_ms;
};

static void
usage(FILE *fp)
{
	fputs("用法：nianbao check [选项] 文件...\n"
	    "检查政府信息公开工作年度报告（2021 年格式）。\n"
	    "文件为 - 时读取标准输入。\n\n"
	    "  -r, --recursive     检查目录（及其子目录）中的全部文件\n"
	    "  --format=FMT        输出格式：text（默认）、json（每个文件一行\n"
	    "                      JSON，JSON Lines）、sarif（SARIF 2.1.0）、\n"
	    "                      html（一个文件的报告页，自包含的 HTML）\n"
	    "  --json              即 --format=json\n"
	    "  -o, --output FILE   写入 FILE（完整写完才替换，失败时不留半个文件）\n"
	    "  --rules FILE        规则包（默认 " NB_RULES_DIR "/national-2021.json）\n"
	    "  --province NAME     按省级规则包调整（规则包目录下 provinces/NAME.json，\n"
	    "                      或给出 .json 文件路径），如 ningxia、hubei\n"
	    "  --set RULE=VALUE    关闭规则（off）或改变其级别（info、warning、error），\n"
	    "                      可多次使用，如 --set sums.blank_cell=off\n"
	    "  --plugin-dir DIR    插件目录（默认 " NB_PLUGIN_DIR "）\n"
	    "  --plugins A,B,...   只加载这些插件（默认加载目录中全部插件）\n"
	    "  --list-rules        列出全部规则编号及说明\n"
	    "  --store DB          与历史库比对（跨报告检查）并写入历史库：\n"
	    "                      SQLite 文件或 postgresql://… 地址\n"
	    "  --roster FILE       应报送机关名册（roster.csv），与 --store 一起用\n"
	    "  --dry-run           与 --store 一起：只与历史库比对，不写入\n"
	    "  --color=WHEN        着色：auto（默认，仅终端）、always、never\n"
	    "  --ocr=WHEN          扫描件文字识别（试验性）：off（默认，不识别）、\n"
	    "                      auto（PDF 没有文字层或为图像文件时识别）、\n"
	    "                      force（PDF 一律识别）\n"
	    "  --ocr-page-time=S   每页识别时间上限（秒，默认 60）\n"
	    "  -h, --help          显示本帮助\n"
	    "  -V, --version       显示版本\n\n"
	    "退出状态：0 无错误；1 发现错误；2 用法或配置错误；3 有文件无法读取"
	    "或无法写入历史库。\n"
	    "查询历史库：nianbao history --help\n"
	    "审核看板：nianbao serve --help\n",
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

/* --set RULE=VALUE; the value is checked with the packs' own settings. */
static int
add_setting(struct options *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char rule[256];

	if (eq == NULL || eq == arg || eq[1] == '\0' ||
	    (size_t)(eq - arg) >= sizeof(rule)) {
		fprintf(stderr, "nianbao: --set 的写法为 规则=off|info|warning|"
		    "error（如 --set sums.blank_cell=off），不是 \"%s\"\n", arg);
		return -1;
	}
	snprintf(rule, sizeof(rule), "%.*s", (int)(eq - arg), arg);
	if ((o->settings == NULL && (o->settings = json_object()) == NULL) ||
	    json_object_set_new(o->settings, rule, json_string(eq + 1)) == -1) {
		fprintf(stderr, "nianbao: 内存不足\n");
		return -1;
	}
	return 0;
}

static int
parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "recursive", no_argument, NULL, 'r' },
		{ "rules", required_argument, NULL, 'K' },
		{ "province", required_argument, NULL, 'N' },
		{ "set", required_argument, NULL, 'S' },
		{ "plugin-dir", required_argument, NULL, 'p' },
		{ "plugins", required_argument, NULL, 'P' },
		{ "list-rules", no_argument, NULL, 'l' },
		{ "store", required_argument, NULL, 's' },
		{ "roster", required_argument, NULL, 'R' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "color", optional_argument, NULL, 'c' },
		{ "ocr", required_argument, NULL, 'O' },
		{ "ocr-page-time", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "ho:rV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': o->format = OUTPUT_JSON; break;
		case 'F':
			if (output_format_parse(optarg, &o->format) == -1) {
				fprintf(stderr, "nianbao: --format 的值应为 text、"
				    "json、sarif 或 html\n");
				return -1;
			}
			break;
		case 'o': o->output = optarg; break;
		case 'r': o->recursive = 1; break;
		case 'K': o->rules = optarg; break;
		case 'N': o->province = optarg; break;
		case 'S':
			if (add_setting(o, optarg) == -1)
				return -1;
			break;
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
		case 'O':
			if (strcmp(optarg, "auto") == 0)
				o->ocr = NB_OCR_AUTO;
			else if (strcmp(optarg, "off") == 0)
				o->ocr = NB_OCR_OFF;
			else if (strcmp(optarg, "force") == 0)
				o->ocr = NB_OCR_FORCE;
			else {
				fprintf(stderr, "nianbao: --ocr 的值应为 auto、"
				    "off 或 force\n");
				return -1;
			}
			break;
		case 'T': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v == 0 ||
			    v > 3600) {
				fprintf(stderr, "nianbao: --ocr-page-time 的值应为"
				    " 1 到 3600 秒\n");
				return -1;
			}
			o->ocr_page_ms = (unsigned)v * 1000;
			break;
		}
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
	struct output out;
	char msg[512];
	int rc = 0, bad = 0, oom = 0, config = 0;
	int color = o->color == -1 ? isatty(STDOUT_FILENO) && o->output ==
	    NULL : o->color;

	for (int i = 0; i < nargs && bad != -1; i++) {
		int r = input_add(&l, args[i], o->recursive);

		bad = r == -1 ? -1 : bad + r;
	}
	if (bad == -1) {
		fprintf(stderr, "nianbao: 内存不足\n");
		input_free(&l);
		return EXIT_UNREADABLE;
	}
	/* A report page is one document: one file a page. */
	if (o->format == OUTPUT_HTML && l.n + (size_t)bad != 1) {
		fprintf(stderr, "nianbao: --format html 一次只输出一个文件的"
		    "报告页\n");
		input_free(&l);
		return EXIT_USAGE;
	}
	if (output_begin(&out, o->format, o->output, color, e, msg,
	    sizeof(msg)) == -1) {
		fprintf(stderr, "nianbao: %s\n", msg);
		input_free(&l);
		return EXIT_USAGE;
	}
	if (bad > 0)
		rc = EXIT_UNREADABLE;
	for (size_t i = 0; i < l.n && !oom; i++) {
		const char *file = l.paths[i];
		struct nb_result *res;
		struct nb_error err;

		nb_error_clear(&err);
		if (check_one(e, file, &res, &err, o) == -1) {
			output_unreadable(&out, file, err.msg,
			    nb_error_rule(err.code));
			/* A format's rule pack, loaded at its first report,
			 * is broken: the configuration's fault, not the
			 * file's. */
			config |= err.code == NB_ERR_CONFIG;
			rc = EXIT_UNREADABLE;
			continue;
		}
		if (cs != NULL && cli_store_result(cs, e, file, res) == -1)
			rc = EXIT_UNREADABLE;
		if (output_report(&out, res) == -1) {
			fprintf(stderr, "nianbao: %s: 内存不足\n", file);
			oom = 1;
		}
		if (res->errors > 0 && rc == 0)
			rc = EXIT_FINDINGS;
		nb_result_free(res);
	}
	input_free(&l);
	if (output_end(&out, !oom, msg, sizeof(msg)) == -1) {
		if (!oom)
			fprintf(stderr, "nianbao: %s\n", msg);
		rc = EXIT_UNREADABLE;
	}
	return config ? EXIT_USAGE : rc;
}

/* `nianbao serve`: the board is a module (modules/board.so), so that a
 * check does not map libevent for it. */
static int
serve(int argc, char **argv)
{
	int (*fn)(int, char **);
	char why[PATH_MAX + 1100];

	if ((*(void **)&fn = nb_module_sym("board.so", "board_serve", why,
	    sizeof(why))) == NULL) {
		fprintf(stderr, "nianbao serve: 无法加载看板模块：%s\n", why);
		return 2;
	}
	return fn(argc, argv);
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
	if (argc >= 2 && strcmp(argv[1], "serve") == 0)
		return serve(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "check") == 0) {
		argv++;
		argc--;
	} else if (argc >= 2 && argv[1][0] != '-') {
		fprintf(stderr, "nianbao: 未知命令 \"%s\"\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (parse_args(argc, argv, &o) == -1) {
		json_decref(o.settings);
		return EXIT_USAGE;
	}
	if (!o.list_rules && optind >= argc) {
		fprintf(stderr, "nianbao: 请给出要检查的文件\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	conf.rules_path = o.rules;
	conf.limits.ocr = o.ocr;
	conf.limits.ocr_page_ms = o.ocr_page_ms;
	conf.plugin_dir = o.plugin_dir;
	conf.history = o.store != NULL;	/* what the store keeps */
	/* One run reads few formats: the 2019 and old packs are loaded at
	 * their first report (a broken one is refused there, exit 2). */
	conf.lazy_formats = 1;
	if (o.plugins != NULL && ((plugins = strdup(o.plugins)) == NULL ||
	    (names = split_plugins(plugins, &conf.nplugins)) == NULL)) {
		fprintf(stderr, "nianbao: 内存不足\n");
		free(plugins);
		return EXIT_USAGE;
	}
	conf.plugins = names;
	conf.provinces = o.province ? &o.province : NULL;
	conf.nprovinces = o.province ? 1 : 0;
	conf.rule_settings = o.settings;
	nb_error_clear(&err);
	if (nb_engine_open(&conf, &e, &err) == -1 ||
	    nb_engine_use(e, o.province, &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		nb_engine_close(e);
		json_decref(o.settings);
		free(names);
		free(plugins);
		return EXIT_USAGE;
	}
	if (o.list_rules) {
		output_rules(stdout, e, o.format == OUTPUT_JSON);
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
	json_decref(o.settings);
	free(names);
	free(plugins);
	return rc;
}
