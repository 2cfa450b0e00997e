/*
 * conf.c -- nianbaod.conf(5).  Unknown settings are errors: a typo must not
 * silently fall back to a default.
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include <libconfig.h>
#include <nianbao/plugin.h>

#include "conf.h"
#include "sink_syslog.h"

#define DEFAULT_TIME_LIMIT	60
#define DEFAULT_MAX_SIZE	(64LL * 1024 * 1024)
#define MAX_WORKERS		64

static const char *const known[] = {
	"spool", "workers", "time_limit", "max_file_size", "rules",
	"plugin_dir", "plugins", "syslog", "memory_limit", "seccomp", "user",
	"min_free", "store", "roster", "origins", NULL
};
static const char *const known_syslog[] = {
	"facility", "threshold", "socket", NULL
};

static int
fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int
check_names(const config_setting_t *group, const char *const *names,
    const char *file, char *err, size_t errlen)
{
	config_setting_t *s;
	int		 i, j;

	for (i = 0; (s = config_setting_get_elem(group, (unsigned)i)) != NULL;
	    i++) {
		const char *n = config_setting_name(s);
		int ok = 0;

		for (j = 0; names[j] != NULL; j++)
			if (n != NULL && strcmp(n, names[j]) == 0)
				ok = 1;
		if (!ok)
			return fail(err, errlen, "%s 第 %d 行：未知的设置“%s”",
			    file, config_setting_source_line(s),
			    n ? n : "?");
	}
	return 0;
}

/* A path from the file, relative ones taken from the file's folder. */
static char *
path_of(const char *confdir, const char *p)
{
	char	*out;

	if (p[0] == '/' || confdir == NULL)
		return strdup(p);
	if (asprintf(&out, "%s/%s", confdir, p) == -1)
		return NULL;
	return out;
}

static int
get_string(const config_t *cf, const char *key, const char *confdir,
    const char *def, char **out, const char *file, char *err, size_t errlen)
{
	config_setting_t *s = config_lookup(cf, key);
	const char	*v;

	if (s == NULL) {
		*out = def ? strdup(def) : NULL;
		if (def != NULL && *out == NULL)
			return fail(err, errlen, "内存不足");
		return 0;
	}
	if ((v = config_setting_get_string(s)) == NULL || v[0] == '\0')
		return fail(err, errlen, "%s 第 %d 行：“%s”应为非空字符串",
		    file, config_setting_source_line(s), key);
	if ((*out = path_of(confdir, v)) == NULL)
		return fail(err, errlen, "内存不足");
	return 0;
}

/* "64M", "512K", "1G" or a plain number of bytes. */
static long long
parse_size(const config_setting_t *s)
{
	const char	*v;
	char		*end;
	long long	 n;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
		return config_setting_get_int(s);
	case CONFIG_TYPE_INT64:
		return config_setting_get_int64(s);
	case CONFIG_TYPE_STRING:
		v = config_setting_get_string(s);
		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno != 0 || end == v || n < 0)
			return -1;
		switch (*end) {
		case 'K': case 'k': n *= 1024; end++; break;
		case 'M': case 'm': n *= 1024 * 1024; end++; break;
		case 'G': case 'g': n *= 1024LL * 1024 * 1024; end++; break;
		default: break;
		}
		return *end == '\0' ? n : -1;
	default:
		return -1;
	}
}

static int
get_plugins(const config_t *cf, struct nbd_conf *c, const char *file,
    char *err, size_t errlen)
{
	config_setting_t *g = config_lookup(cf, "plugins"), *o;
	const char	*key;
	char		 num[64];
	int		 i, j, n;

	if ((c->plugin_options = json_object()) == NULL)
		return fail(err, errlen, "内存不足");
	if (g == NULL)
		return 0;
	if (!config_setting_is_group(g))
		return fail(err, errlen, "%s 第 %d 行：plugins 应为 { 名称 = { "
		    "选项 }; ... } 形式的组", file,
		    config_setting_source_line(g));
	n = config_setting_length(g);
	if ((c->plugins = calloc((size_t)n + 1, sizeof(char *))) == NULL)
		return fail(err, errlen, "内存不足");
	for (i = 0; i < n; i++) {
		config_setting_t *p = config_setting_get_elem(g, (unsigned)i);
		const char	*name = config_setting_name(p);
		json_t		*opts;

		if (!config_setting_is_group(p))
			return fail(err, errlen, "%s 第 %d 行：插件“%s”的设置应为"
			    "组 { ... }", file, config_setting_source_line(p),
			    name);
		if ((c->plugins[c->nplugins++] = strdup(name)) == NULL ||
		    (opts = json_object()) == NULL)
			return fail(err, errlen, "内存不足");
		if (json_object_set_new(c->plugin_options, name, opts) == -1)
			return fail(err, errlen, "内存不足");
		for (j = 0; (o = config_setting_get_elem(p, (unsigned)j)) !=
		    NULL; j++) {
			key = config_setting_name(o);
			switch (config_setting_type(o)) {
			case CONFIG_TYPE_STRING:
				if (json_object_set_new(opts, key, json_string(
				    config_setting_get_string(o))) == -1)
					return fail(err, errlen, "内存不足");
				continue;
			case CONFIG_TYPE_INT:
			case CONFIG_TYPE_INT64:
				snprintf(num, sizeof(num), "%lld",
				    config_setting_get_int64(o));
				break;
			case CONFIG_TYPE_FLOAT:
				snprintf(num, sizeof(num), "%g",
				    config_setting_get_float(o));
				break;
			case CONFIG_TYPE_BOOL:
				snprintf(num, sizeof(num), "%s",
				    config_setting_get_bool(o) ? "true" :
				    "false");
				break;
			default:
				return fail(err, errlen, "%s 第 %d 行：插件“%s”的"
				    "选项“%s”应为字符串、数字或布尔值", file,
				    config_setting_source_line(o), name, key);
			}
			if (json_object_set_new(opts, key, json_string(num)) ==
			    -1)
				return fail(err, errlen, "内存不足");
		}
	}
	return 0;
}

static int
get_syslog(const config_t *cf, struct nbd_conf *c, const char *file,
    char *err, size_t errlen)
{
	config_setting_t *g = config_lookup(cf, "syslog"), *s;
	const char	*v;

	c->facility = LOG_DAEMON;
	c->threshold = NB_SEV_WARNING;
	if (g == NULL)
		return 0;
	if (!config_setting_is_group(g))
		return fail(err, errlen, "%s 第 %d 行：syslog 应为组 { ... }",
		    file, config_setting_source_line(g));
	if (check_names(g, known_syslog, file, err, errlen) == -1)
		return -1;
	if ((s = config_setting_get_member(g, "facility")) != NULL) {
		v = config_setting_get_string(s);
		if (v == NULL || (c->facility = syslog_facility_value(v)) == -1)
			return fail(err, errlen, "%s 第 %d 行：未知的 syslog 设施"
			    "“%s”（可用 daemon、user、local0 至 local7）", file,
			    config_setting_source_line(s), v ? v : "?");
	}
	if ((s = config_setting_get_member(g, "threshold")) != NULL) {
		v = config_setting_get_string(s);
		if (v == NULL ||
		    (c->threshold = syslog_severity_value(v)) == -1)
			return fail(err, errlen, "%s 第 %d 行：未知的严重程度“%s”"
			    "（可用 info、warning、error）", file,
			    config_setting_source_line(s), v ? v : "?");
	}
	if ((s = config_setting_get_member(g, "socket")) != NULL) {
		v = config_setting_get_string(s);
		if (v == NULL || v[0] != '/' ||
		    strlen(v) >= sizeof(((struct sockaddr_un *)0)->sun_path))
			return fail(err, errlen, "%s 第 %d 行：syslog 套接字应为"
			    "绝对路径且不超过 %zu 字节", file,
			    config_setting_source_line(s),
			    sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
		if ((c->syslog_socket = strdup(v)) == NULL)
			return fail(err, errlen, "内存不足");
	}
	return 0;
}
/* The CPUs this process may run on (its affinity: systemd's
 * CPUAffinity=, a cpuset, taskset), not all the machine has. */
static long
cpus_available(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	return sysconf(_SC_NPROCESSORS_ONLN);
}

/* What bounds and confines the workers, and when claiming pauses. */
static int
get_workers_limits(const config_t *cf, struct nbd_conf *c, const char *file,
    char *err, size_t errlen)
{
	config_setting_t *s;
	const char	*v;

	c->memory_limit = -1;
	if ((s = config_lookup(cf, "memory_limit")) != NULL) {
		v = config_setting_get_string(s);
		if (v != NULL && strcmp(v, "auto") == 0)
			c->memory_limit = -1;
		else if (v != NULL && strcmp(v, "off") == 0)
			c->memory_limit = 0;
		else if ((c->memory_limit = parse_size(s)) < 16 * 1024 * 1024)
			return fail(err, errlen, "%s 第 %d 行：memory_limit 应为 "
			    "\"auto\"、\"off\" 或不小于 16M 的字节数，可带 K、M、G"
			    " 后缀", file, config_setting_source_line(s));
	}
	c->seccomp = 1;
	if ((s = config_lookup(cf, "seccomp")) != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return fail(err, errlen, "%s 第 %d 行：seccomp 应为 true 或"
			    " false", file, config_setting_source_line(s));
		c->seccomp = config_setting_get_bool(s);
	}
	if ((s = config_lookup(cf, "user")) == NULL)
		v = "nianbaod";
	else if ((v = config_setting_get_string(s)) == NULL || v[0] == '\0')
		return fail(err, errlen, "%s 第 %d 行：user 应为用户名", file,
		    config_setting_source_line(s));
	if ((c->user = strdup(v)) == NULL)
		return fail(err, errlen, "内存不足");
	c->min_free = 5;
	if ((s = config_lookup(cf, "min_free")) != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 0 ||
		    config_setting_get_int(s) > 50)
			return fail(err, errlen, "%s 第 %d 行：min_free 应为 0 至 50"
			    "（百分比）", file, config_setting_source_line(s));
		c->min_free = config_setting_get_int(s);
	}
	return 0;
}

/*
 * store = "off" | "postgresql://..." | FILE (SQLite, relative to the
 * file's folder).  Unset: history.sqlite in the state directory -- the
 * unit's StateDirectory= ($STATE_DIRECTORY), else NB_LOCALSTATEDIR/lib/
 * nianbaod when it exists -- or no store.
 */
static int
get_store(const config_t *cf, struct nbd_conf *c, const char *confdir,
    const char *file, char *err, size_t errlen)
{
	config_setting_t *s = config_lookup(cf, "store");
	const char	*v, *state = getenv("STATE_DIRECTORY");
	struct stat	 st;

	if (s == NULL) {
		if (state == NULL || state[0] != '/') {
			state = NB_LOCALSTATEDIR "/lib/nianbaod";
			if (stat(state, &st) == -1 || !S_ISDIR(st.st_mode))
				return 0;
		}
		if (asprintf(&c->store, "%.*s/history.sqlite",
		    (int)strcspn(state, ":"), state) == -1)
			return fail(err, errlen, "内存不足");
		return 0;
	}
	if ((v = config_setting_get_string(s)) == NULL || v[0] == '\0')
		return fail(err, errlen, "%s 第 %d 行：store 应为历史库文件、"
		    "postgresql:// 地址或 \"off\"", file,
		    config_setting_source_line(s));
	if (strcmp(v, "off") == 0)
		return 0;
	if (strncmp(v, "postgresql://", 13) == 0 ||
	    strncmp(v, "postgres://", 11) == 0 || strncmp(v, "sqlite:", 7) == 0)
		c->store = strdup(v);
	else
		c->store = path_of(confdir, v);
	if (c->store == NULL)
		return fail(err, errlen, "内存不足");
	return 0;
}

static int
read_all(const config_t *cf, struct nbd_conf *c, const char *confdir,
    const char *spool, char *err, size_t errlen)
{
	config_setting_t *s;
	const char	*file = c->file;
	long		 n;

	if (check_names(config_root_setting(cf), known, file, err,
	    errlen) == -1)
		return -1;
	if (spool != NULL) {
		char cwd[PATH_MAX];

		/* Relative to where the command was given. */
		if (spool[0] != '/' && getcwd(cwd, sizeof(cwd)) == NULL)
			return fail(err, errlen, "无法确定当前目录：%s",
			    strerror(errno));
		if ((c->spool = path_of(spool[0] == '/' ? NULL : cwd,
		    spool)) == NULL)
			return fail(err, errlen, "内存不足");
	} else if (get_string(cf, "spool", confdir,
	    NB_LOCALSTATEDIR "/spool/nianbaod", &c->spool, file, err,
	    errlen) == -1)
		return -1;
	if (get_string(cf, "rules", confdir,
	    NB_RULES_DIR "/national-2021.json", &c->rules, file, err,
	    errlen) == -1 ||
	    get_string(cf, "plugin_dir", confdir, NB_PLUGIN_DIR,
	    &c->plugin_dir, file, err, errlen) == -1)
		return -1;

	n = cpus_available();
	c->workers = n > 0 ? (int)(n < MAX_WORKERS ? n : MAX_WORKERS) : 1;
	if ((s = config_lookup(cf, "workers")) != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 0 ||
		    config_setting_get_int(s) > MAX_WORKERS)
			return fail(err, errlen, "%s 第 %d 行：workers 应为 0（CPU "
			    "数）至 %d 的整数", file,
			    config_setting_source_line(s), MAX_WORKERS);
		if (config_setting_get_int(s) > 0)
			c->workers = config_setting_get_int(s);
	}
	c->time_limit = DEFAULT_TIME_LIMIT;
	if ((s = config_lookup(cf, "time_limit")) != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 1 ||
		    config_setting_get_int(s) > 86400)
			return fail(err, errlen, "%s 第 %d 行：time_limit 应为 1 至 "
			    "86400 秒", file, config_setting_source_line(s));
		c->time_limit = config_setting_get_int(s);
	}
	c->max_size = DEFAULT_MAX_SIZE;
	if ((s = config_lookup(cf, "max_file_size")) != NULL) {
		c->max_size = parse_size(s);
		if (c->max_size < 1)
			return fail(err, errlen, "%s 第 %d 行：max_file_size 应为"
			    "正的字节数，可带 K、M、G 后缀", file,
			    config_setting_source_line(s));
	}
	if (get_plugins(cf, c, file, err, errlen) == -1 ||
	    get_workers_limits(cf, c, file, err, errlen) == -1 ||
	    get_store(cf, c, confdir, file, err, errlen) == -1 ||
	    get_string(cf, "roster", confdir, NULL, &c->roster, file, err,
	    errlen) == -1 ||
	    conf_get_origins(cf, c, confdir, err, errlen) == -1)
		return -1;
	if (c->roster != NULL && c->store == NULL)
		return fail(err, errlen, "%s：roster 需要历史库（store）", file);
	return get_syslog(cf, c, file, err, errlen);
}

struct nbd_conf *
conf_load(const char *file, const char *spool, char *err, size_t errlen)
{
	struct nbd_conf	*c;
	config_t	 cf;
	char		 dir[PATH_MAX], *slash;
	int		 rc;

	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->file = strdup(file)) == NULL) {
		free(c);
		fail(err, errlen, "内存不足");
		return NULL;
	}
	/* Relative paths in the file are relative to the file's folder. */
	if (realpath(file, dir) == NULL) {
		fail(err, errlen, "无法读取配置文件 %s：%s", file,
		    strerror(errno));
		conf_free(c);
		return NULL;
	}
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[slash == dir ? 1 : 0] = '\0';

	config_init(&cf);
	if (config_read_file(&cf, file) != CONFIG_TRUE) {
		if (config_error_type(&cf) == CONFIG_ERR_FILE_IO)
			fail(err, errlen, "无法读取配置文件 %s：%s", file,
			    strerror(errno));
		else
			fail(err, errlen, "%s 第 %d 行：语法错误：%s", file,
			    config_error_line(&cf), config_error_text(&cf));
		config_destroy(&cf);
		conf_free(c);
		return NULL;
	}
	rc = read_all(&cf, c, dir, spool, err, errlen);
	config_destroy(&cf);
	if (rc == -1) {
		conf_free(c);
		return NULL;
	}
	return c;
}

void
conf_free(struct nbd_conf *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	free(c->file);
	free(c->spool);
	free(c->rules);
	free(c->plugin_dir);
	for (i = 0; i < c->nplugins; i++)
		free(c->plugins[i]);
	free(c->plugins);
	json_decref(c->plugin_options);
	json_decref(c->origins);
	free(c->syslog_socket);
	free(c->user);
	free(c->store);
	free(c->roster);
	free(c);
}
