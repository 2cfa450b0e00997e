/*
 * worker_main.c -- the worker process: loads the engine once, then checks
 * one report per request.  It runs plugin code, so the daemon assumes it
 * can crash or hang at any moment; what it can still do then is say which
 * plugin it was in (from the signal handler, by return addresses).
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <execinfo.h>
#include <link.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "nianbao.h"
#include "conf.h"
#include "confine.h"
#include "engine_init.h"
#include "proto.h"
#include "record.h"
#include "sandbox.h"
#include "text.h"
#include "worker.h"

#define SOCK		3
#define MAX_OBJS	256

/*
 * Shared objects of the process: the libraries linked in, and the plugins
 * (and their libraries) the engine loaded.  The signal handler may only
 * read them, so they live in a fixed array filled before any check.
 */
struct object {
	uintptr_t	 base, lo, hi;
	char		 name[64];
	int		 plugin;	/* loaded by the engine */
	int		 system;	/* libc and the like: never the culprit */
};
static struct object objs[MAX_OBJS];
static size_t nobjs;
static int engine_loaded;	/* the second pass: plugins are loaded */
static char plugin_dir[4096];	/* objects from here are plugins */
static char alt_stack[65536];
static char job_id[32];		/* the report being checked, for messages */
/*
 * Where the check of job_id is and its input's SHA-256, told to the daemon
 * only when it needs them: with the result, with a failure, or by the
 * fatal-signal handler.  Sending each as it changed woke the daemon twice
 * more a report (and so took the core from a worker twice).
 */
static const char *volatile cur_stage;
static char cur_sha[65];
static int send_model;		/* with a store: the model for the stage */
static int syslog_threshold;	/* findings the daemon's syslog sink says */

static int
is_system(const char *name)
{
	static const char *const sys[] = {
		"libc", "libm", "ld-linux", "libgcc_s", "libasan", "libubsan",
		"liblsan", "libstdc++", "linux-vdso", "libpthread", "libdl", NULL
	};
	size_t	 i;

	for (i = 0; sys[i] != NULL; i++)
		if (strncmp(name, sys[i], strlen(sys[i])) == 0)
			return 1;
	return 0;
}

static int
add_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct object	*o;
	const char	*base, *dot, *name;
	char		 real[4096];
	size_t		 i, n;
	ssize_t		 rl;

	(void)size;
	(void)arg;
	if (nobjs == MAX_OBJS || info->dlpi_name == NULL ||
	    info->dlpi_name[0] == '\0')
		return 0;
	for (i = 0; i < nobjs; i++)
		if (objs[i].base == info->dlpi_addr)
			return 0;
	o = &objs[nobjs];
	o->base = info->dlpi_addr;
	o->lo = UINTPTR_MAX;
	o->hi = 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		uintptr_t a;

		if (info->dlpi_phdr[i].p_type != PT_LOAD)
			continue;
		a = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
		if (a < o->lo)
			o->lo = a;
		if (a + info->dlpi_phdr[i].p_memsz > o->hi)
			o->hi = a + info->dlpi_phdr[i].p_memsz;
	}
	/* Plugins are loaded by the descriptor that was checked. */
	name = info->dlpi_name;
	if (strncmp(name, "/proc/self/fd/", 14) == 0 &&
	    (rl = readlink(name, real, sizeof(real) - 1)) > 0) {
		real[rl] = '\0';
		name = real;
	}
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	dot = strstr(base, ".so");
	n = dot ? (size_t)(dot - base) : strlen(base);
	if (n >= sizeof(o->name))
		n = sizeof(o->name) - 1;
	memcpy(o->name, base, n);
	o->name[n] = '\0';
	/* A plugin's own libraries are libraries, not plugins. */
	o->plugin = engine_loaded && plugin_dir[0] != '\0' &&
	    strncmp(name, plugin_dir, strlen(plugin_dir)) == 0;
	o->system = is_system(o->name);
	nobjs++;
	return 0;
}

static void
put(char *msg, size_t *len, size_t max, const char *s)
{
	size_t	 n = strlen(s);

	if (*len + n > max)
		n = max - *len;
	memcpy(msg + *len, s, n);
	*len += n;
}

/*
 * Async-signal-safe but for backtrace(3), which was warmed up: tells the
 * daemon the innermost plugin on the stack or, failing that, the innermost
 * library that is not libc and the like (a PDF reader, say).
 */
static void
tell_stage(void)
{
	void		*frames[64];
	char		 msg[320];
	const char	*plugin = NULL, *lib = NULL;
	size_t		 len, i;
	int		 k, nf, memory;

	/* Between two reports there is nothing to say. */
	if (job_id[0] == '\0')
		return;
	nf = backtrace(frames, 64);
	for (k = 0; k < nf && plugin == NULL; k++)
		for (i = 0; i < nobjs; i++) {
			if ((uintptr_t)frames[k] < objs[i].lo ||
			    (uintptr_t)frames[k] >= objs[i].hi)
				continue;
			if (objs[i].plugin)
				plugin = objs[i].name;
			else if (lib == NULL && !objs[i].system)
				lib = objs[i].name;
			break;
		}
	memory = confine_near_limit();
	len = 4;
	put(msg, &len, sizeof(msg) - 2, "{\"op\":\"stage\",\"job\":\"");
	put(msg, &len, sizeof(msg) - 2, job_id);
	put(msg, &len, sizeof(msg) - 2, "\",\"stage\":\"");
	if (plugin != NULL || lib != NULL) {
		put(msg, &len, sizeof(msg) - 16, plugin ? "plugin:" : "library:");
		put(msg, &len, sizeof(msg) - 16, plugin ? plugin : lib);
	} else
		put(msg, &len, sizeof(msg) - 16, cur_stage ? cur_stage : "check");
	if (cur_sha[0] != '\0') {
		put(msg, &len, sizeof(msg) - 90, "\",\"sha256\":\"");
		put(msg, &len, sizeof(msg) - 20, cur_sha);
	}
	put(msg, &len, sizeof(msg), memory ? "\",\"memory\":true}" : "\"}");
	msg[0] = 0;
	msg[1] = 0;
	msg[2] = (char)((len - 4) >> 8);
	msg[3] = (char)(len - 4);
	if (write(SOCK, msg, len) == -1)
		return;
}

static void
on_fatal(int sig)
{
	tell_stage();
	/* SA_RESETHAND restored the default action: die of the signal. */
	if (sig == SIGUSR1)
		_exit(124);
	raise(sig);
}

static void
install_handlers(void)
{
	static const int sigs[] = {
		SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGUSR1
	};
	struct sigaction sa;
	stack_t		 ss;
	void		*warm[1];
	size_t		 i;

	/* The first backtrace() loads libgcc_s: do it now, not in a
	 * signal handler. */
	backtrace(warm, 1);
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static int
send_op(const char *op, const char *key, const char *val)
{
	/* Messages may quote file names, which need not be UTF-8. */
	char	*clean = val ? text_utf8(val) : NULL;
	json_t	*msg = json_pack("{s:s, s:s*, s:s*, s:s*}", "op", op, key, clean,
	    "job", job_id[0] ? job_id : NULL, "sha256", cur_sha[0] ? cur_sha :
	    NULL);
	int	 rc;

	free(clean);
	if (msg == NULL)
		return -1;
	rc = proto_send(SOCK, msg);
	json_decref(msg);
	return rc;
}

static struct nb_engine *
open_engine(const json_t *init, struct nb_error *err)
{
	struct engine_init ei;
	struct nb_engine_conf *conf = &ei.conf;
	struct nb_engine *e = NULL;

	if (engine_init_conf(&ei, init, err) == -1)
		return NULL;
	/* Compared with the resolved names of the plugins' descriptors. */
	if (conf->plugin_dir != NULL &&
	    realpath(conf->plugin_dir, plugin_dir) == NULL)
		snprintf(plugin_dir, sizeof(plugin_dir), "%s", conf->plugin_dir);
	dl_iterate_phdr(add_object, NULL);
	if (nb_engine_open(conf, &e, err) == -1)
		e = NULL;
	else {
		engine_loaded = 1;
		/* The reader modules too, while files may still be opened
		 * and mapped (before the sandbox), and so that a memory
		 * failure in one is named by its library. */
		nb_readers_preload();
		dl_iterate_phdr(add_object, NULL);
	}
	engine_init_free(&ei);
	return e;
}

/*
 * Reads the claimed file whole, from the descriptor the daemon passed,
 * named as dropped: the user knows the file by that name.
 */
static int
read_input(int fd, const char *name, size_t max, char **out,
    size_t *outlen, struct nb_error *err)
{
	struct nb_limits lim = { .max_bytes = max };

	if (fd == -1)
		return nb_fail(err, NB_ERR_IO, "%s：检查进程没有收到文件", name);
	return nb_read_fd(fd, name, &lim, out, outlen, err);
}

/* A failure; out of memory under a limit says which limit, and where. */
static void
send_failed(const struct nb_error *err, const char *stage)
{
	char	 msg[1400];

	if (err->code != NB_ERR_NOMEM || confine_worker_limit() <= 0) {
		send_op("failed", "message", err->msg);
		return;
	}
	snprintf(msg, sizeof(msg), "超出检查进程的内存限制（memory limit %lld "
	    "MiB），阶段 %s（%s）：%s", confine_worker_limit() >> 20, stage,
	    strcmp(stage, "read") == 0 ? "读取文件" : "读取器解析或插件检查",
	    err->msg);
	send_op("failed", "message", msg);
}

/* What the daemon's syslog sink says of res (record.h): file, format,
 * year, summary, and the findings at or above threshold. */
static json_t *
head_of(const struct nb_result *res, int threshold)
{
	json_t	*h, *a, *f;
	size_t	 i;
	int	 bad = 0;

	if ((h = json_object()) == NULL)
		return NULL;
	bad |= json_object_set_new(h, "file", json_string(res->file));
	if (nb_format_name(res->format) != NULL)
		bad |= json_object_set_new(h, "format", json_string(
		    nb_format_name(res->format)));
	if (res->year)
		bad |= json_object_set_new(h, "year", json_integer(res->year));
	bad |= json_object_set_new(h, "summary", json_pack("{s:I, s:I}",
	    "errors", (json_int_t)res->errors, "warnings",
	    (json_int_t)res->warnings));
	bad |= json_object_set_new(h, "findings", a = json_array());
	for (i = 0; !bad && i < res->nfindings; i++) {
		const struct nb_found *g = &res->findings[i];

		if ((int)g->severity < threshold)
			continue;
		f = json_pack("{s:s, s:s, s:s}", "rule", g->rule, "severity",
		    nb_severity_name(g->severity), "message", g->message);
		bad |= f == NULL || json_array_append_new(a, f) == -1;
		if (!bad && g->line)
			bad |= json_object_set_new(f, "line",
			    json_integer(g->line));
		if (!bad && g->section)
			bad |= json_object_set_new(f, "section",
			    json_integer(g->section));
		if (!bad && g->cell)
			bad |= json_object_set_new(f, "cell",
			    json_string(g->cell));
	}
	if (bad) {
		json_decref(h);
		return NULL;
	}
	return h;
}

/*
 * Without a store the record is final here: it goes to the daemon as the
 * bytes of out/ID.json and of its findings.jsonl line, with the facts
 * the syslog sink says (record.h), so the daemon parses none of it.  The
 * line is the one report_record() made: {"id", the result's members (at
 * jansson's precision, 17, as the daemon always wrote them), "time",
 * "origin", "sha256", "status"}; the text is that line indented.
 */
static int
send_finished(const struct nb_result *res, const char *origin,
    const char *hex)
{
	json_t	*msg = NULL, *js;
	char	*r, *o = NULL, *line = NULL, *text = NULL, now[40];
	size_t	 rl = 0, textlen;
	int	 rc = -1, ll = -1;

	if ((r = nb_result_json_line_prec(res, 17, &rl)) == NULL || rl < 3 ||
	    (js = json_string(origin)) == NULL)
		goto out;
	o = json_dumps(js, JSON_ENCODE_ANY);
	json_decref(js);
	if (o == NULL || record_now(now, sizeof(now)) == -1)
		goto out;
	ll = asprintf(&line, "{\"id\":\"%s\",%.*s,\"time\":\"%s\","
	    "\"origin\":%s,\"sha256\":\"%s\",\"status\":\"checked\"}\n",
	    job_id, (int)(rl - 3), r + 1, now, o, hex);
	if (ll == -1) {
		line = NULL;
		goto out;
	}
	if ((text = record_text(line, (size_t)ll - 1, &textlen)) == NULL ||
	    (msg = json_pack("{s:s, s:s, s:o, s:I, s:s}", "op", "done", "job",
	    job_id, "head", head_of(res, syslog_threshold), "text",
	    (json_int_t)textlen, "sha256", hex)) == NULL)
		goto out;
	rc = proto_send_bytes(SOCK, msg, text, textlen, line, (size_t)ll);
 out:
	free(r);
	free(o);
	free(line);
	free(text);
	json_decref(msg);
	return rc;
}

/* SHA-256 of the input, in hex, for its record: nettle's, as the
 * engine's (lib/check/engine.c), several times cheaper than GLib's. */
static void
sha256_hex(const char *buf, size_t len, char out[65])
{
	static const char hexd[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t	 d[SHA256_DIGEST_SIZE];
	size_t	 i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)buf);
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		out[2 * i] = hexd[d[i] >> 4];
		out[2 * i + 1] = hexd[d[i] & 15];
	}
	out[64] = '\0';
}

static void
check_one(struct nb_engine *e, const json_t *req, int fd, size_t max_bytes,
    const json_t *origins)
{
	struct nb_result *res = NULL;
	struct nb_error	 err;
	const char	*name, *job, *origin;
	char		*buf = NULL, hex[65];
	size_t		 len = 0;
	json_t		*msg;

	name = json_string_value(json_object_get(req, "name"));
	job = json_string_value(json_object_get(req, "job"));
	if ((origin = json_string_value(json_object_get(req, "origin"))) == NULL)
		origin = "";
	snprintf(job_id, sizeof(job_id), "%s", job ? job : "");
	if (name == NULL || job == NULL) {
		send_op("failed", "message", "检查请求缺少报告编号或文件名");
		return;
	}
	nb_error_clear(&err);
	cur_sha[0] = '\0';
	cur_stage = "read";
	if (read_input(fd, name, max_bytes, &buf, &len, &err) == -1) {
		send_failed(&err, "read");
		return;
	}
	sha256_hex(buf, len, hex);
	memcpy(cur_sha, hex, sizeof(cur_sha));
	cur_stage = "check";
	if (nb_engine_use(e, json_string_value(json_object_get(origins,
	    origin)), &err) == -1) {
		free(buf);
		send_failed(&err, "check");
		return;
	}
	/* Given up: the text document keeps it as its lines, as the CLI's. */
	if (nb_check_owned(e, name, buf, len, &res, &err) == -1) {
		send_failed(&err, "check");
		return;
	}
	if (send_model)
		msg = json_pack("{s:s, s:s, s:o, s:o*, s:s}", "op", "done", "job",
		    job_id, "result", nb_result_json(res), "model",
		    nb_result_model_json(res), "sha256", hex);
	else
		msg = NULL;
	if (send_model ? msg == NULL || proto_send(SOCK, msg) == -1 :
	    send_finished(res, origin, hex) == -1)
		send_op("failed", "message", "无法生成检查结果");
	nb_result_free(res);
	json_decref(msg);
}

/*
 * A worker checks report after report with the same few megabytes: by
 * default glibc gives the top of the heap back after each (brk down, then
 * up again and every page faulted in anew), three system calls and a
 * hundred page faults a report that a long-lived process need not pay.
 * Freed memory is kept up to a bound instead (the memory after 100,000
 * reports stays that after the first few, BENCHMARKS.md §3).
 */
static void
keep_heap(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
	/* (Setting one fixes the other: without this every block over
	 * 128 KiB would be mapped and unmapped anew.) */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
}

int
worker_main(void)
{
	struct nb_engine *e;
	struct nb_error	 err;
	json_t		*msg, *origins;
	const char	*op;
	size_t		 max_bytes;
	int		 rc;

	install_handlers();
	keep_heap();
	/* A crashing plugin leaves a reason in failed/, not a core file. */
	{
		struct rlimit no_core = { 0, 0 };

		setrlimit(RLIMIT_CORE, &no_core);
	}
	if (proto_recv(SOCK, &msg) != 0)
		return 1;
	op = json_string_value(json_object_get(msg, "op"));
	if (op == NULL || strcmp(op, "init") != 0) {
		json_decref(msg);
		return 1;
	}
	nb_error_clear(&err);
	max_bytes = (size_t)json_integer_value(json_object_get(msg,
	    "max_bytes"));
	send_model = json_is_true(json_object_get(msg, "model"));
	syslog_threshold = (int)json_integer_value(json_object_get(msg,
	    "syslog_threshold"));
	/* Before any plugin is loaded: no socket, no exec, ever. */
	if (json_is_true(json_object_get(msg, "seccomp"))) {
		char why[256];

		if (sandbox_apply(why, sizeof(why)) == -1) {
			send_op("error", "message", why);
			json_decref(msg);
			return 1;
		}
	}
	/* Before any plugin runs: plugins' own allocations count too. */
	if (confine_apply_memory(json_integer_value(json_object_get(msg,
	    "memory_limit"))) == -1) {
		send_op("error", "message", "无法设置检查进程的内存限制");
		json_decref(msg);
		return 1;
	}
	if ((e = open_engine(msg, &err)) == NULL) {
		send_op("error", "message", err.msg);
		json_decref(msg);
		return 1;
	}
	/* {origin: province pack}: each report's origin picks its pack. */
	origins = json_incref(json_object_get(msg, "origins"));
	json_decref(msg);
	if (send_op("ready", "message", NULL) == -1) {
		nb_engine_close(e);
		json_decref(origins);
		return 1;
	}
	while ((rc = proto_recv(SOCK, &msg)) == 0) {
		op = json_string_value(json_object_get(msg, "op"));
		if (op != NULL && strcmp(op, "check") == 0) {
			int fd = proto_recv_fd(SOCK);

			check_one(e, msg, fd, max_bytes, origins);
			if (fd != -1)
				close(fd);
			job_id[0] = '\0';
			cur_sha[0] = '\0';
			cur_stage = NULL;
		}
		json_decref(msg);
	}
	nb_engine_close(e);
	json_decref(origins);
	return rc == 1 ? 0 : 1;
}
