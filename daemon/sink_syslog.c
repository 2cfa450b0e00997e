/*
 * sink_syslog.c -- key=value lines for rsyslog: one per report and one per
 * finding at or above the threshold.  Under systemd the same lines go to
 * the journal with structured fields (sink_journal.c).
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <nianbao/plugin.h>

#include "conf.h"
#include "log.h"
#include "sink_journal.h"
#include "sink_syslog.h"

#define LINE_MAX_BYTES	2048

/* The sink's settings; replaced as a whole on reload. */
static int	 sl_facility = LOG_DAEMON;
static int	 sl_threshold = NB_SEV_WARNING;
static int	 sl_fd = -1;		/* datagram socket, or -1 for syslog(3) */
/* No /dev/log at the last (re)open: syslog(3) would try socket() and
 * connect() again on every line, to drop it; until the next reload, don't. */
static int	 sl_nolog;
static struct sockaddr_un sl_addr;
static int	 sl_open;
static int	 sl_journal;		/* report lines as journal entries */
/* The configured socket had no reader at the last line: until then, lines
 * are dropped without a system call (as sendto(2) would drop them). */
static time_t	 sl_down_until;
#define SL_RETRY_S	1
static pid_t	 sl_pid;		/* 0: ask getpid() (after a fork) */

static const struct {
	const char	*name;
	int		 value;
} facilities[] = {
	{ "daemon", LOG_DAEMON }, { "user", LOG_USER },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
	{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

int
syslog_facility_value(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (strcmp(facilities[i].name, name) == 0)
			return facilities[i].value;
	return -1;
}

int
syslog_severity_value(const char *name)
{
	if (strcmp(name, "info") == 0)
		return NB_SEV_INFO;
	if (strcmp(name, "warning") == 0)
		return NB_SEV_WARNING;
	if (strcmp(name, "error") == 0)
		return NB_SEV_ERROR;
	return -1;
}

static void
forked(void)
{
	sl_pid = 0;
}

void
sink_syslog_close(void)
{
	if (sl_fd != -1) {
		close(sl_fd);
		sl_fd = -1;
	}
	if (sl_open) {
		closelog();
		sl_open = 0;
	}
}

void
sink_syslog_open(const struct nbd_conf *conf)
{
	static int atfork;

	if (!atfork)
		atfork = pthread_atfork(NULL, NULL, forked) == 0;
	sink_syslog_close();
	sl_down_until = 0;
	sl_facility = conf->facility;
	sl_threshold = conf->threshold;
	sl_journal = 0;
	if (conf->syslog_socket != NULL && conf->syslog_socket[0] != '\0') {
		memset(&sl_addr, 0, sizeof(sl_addr));
		sl_addr.sun_family = AF_UNIX;
		/* Length was checked when the configuration was read. */
		strncpy(sl_addr.sun_path, conf->syslog_socket,
		    sizeof(sl_addr.sun_path) - 1);
		sl_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (sl_fd != -1)
			return;
		/* No socket: fall back to syslog(3) rather than go silent. */
	}
	sl_journal = sink_journal_wanted();
	sl_nolog = access(_PATH_LOG, F_OK) != 0;
	openlog("nianbaod", LOG_PID | LOG_NDELAY, sl_facility);
	sl_open = 1;
}

/* One report or finding line: to the journal with fields, or to syslog. */
static void
emit(int prio, const char *line, const json_t *rec, const json_t *f)
{
	if (sl_journal && sl_fd == -1 &&
	    sink_journal_send(prio, sl_facility, line, rec, f) == 0)
		return;
	sink_syslog_line(prio, line);
}

void
sink_syslog_line(int prio, const char *msg)
{
	char		 line[LINE_MAX_BYTES + 128], stamp[32];
	struct tm	 tm;
	time_t		 now;
	int		 n;

	if (sl_fd == -1) {
		if (sl_nolog)
			return;
		if (!sl_open) {
			openlog("nianbaod", LOG_PID | LOG_NDELAY, sl_facility);
			sl_open = 1;
		}
		syslog(prio, "%s", msg);
		return;
	}
	now = time(NULL);
	if (now < sl_down_until)
		return;
	if (sl_pid == 0)
		sl_pid = getpid();
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm) == 0)
		strcpy(stamp, "Jan  1 00:00:00");
	n = snprintf(line, sizeof(line), "<%d>%s nianbaod[%ld]: %s",
	    sl_facility | LOG_PRI(prio), stamp, (long)sl_pid, msg);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	/* Like syslog(3): a missing reader loses the line, nothing more;
	 * and the next lines for a second, without trying. */
	while (sendto(sl_fd, line, (size_t)n, 0, (struct sockaddr *)&sl_addr,
	    sizeof(sl_addr)) == -1)
		if (errno != EINTR) {
			if (errno == ENOENT || errno == ECONNREFUSED)
				sl_down_until = now + SL_RETRY_S;
			break;
		}
}

/*
 * Appends key=value to buf.  Values with spaces, quotes, '=' or nothing in
 * them are quoted; control characters become spaces so a line stays a line.
 */
static void
kv(char *buf, size_t size, const char *key, const char *val)
{
	size_t	 len = strlen(buf);
	int	 quote = (val[0] == '\0');
	const unsigned char *p;

	for (p = (const unsigned char *)val; *p != '\0' && !quote; p++)
		if (*p <= ' ' || *p == '"' || *p == '=' || *p == '\\' ||
		    *p == 0x7f)
			quote = 1;
	if (len + strlen(key) + 4 >= size)
		return;
	len += (size_t)snprintf(buf + len, size - len, "%s%s=%s",
	    len ? " " : "", key, quote ? "\"" : "");
	for (p = (const unsigned char *)val; *p != '\0'; p++) {
		if (len + 4 >= size)
			break;
		if (*p == '"' || *p == '\\')
			buf[len++] = '\\';
		buf[len++] = (*p < ' ' || *p == 0x7f) ? ' ' : (char)*p;
	}
	/* A cut may leave half a UTF-8 sequence; drop it. */
	if (*p != '\0')
		while (len > 0 && ((unsigned char)buf[len - 1] & 0xc0) == 0x80)
			len--;
	if (*p != '\0' && len > 0 &&
	    ((unsigned char)buf[len - 1] & 0xc0) == 0xc0)
		len--;
	if (quote)
		buf[len++] = '"';
	buf[len] = '\0';
}

static const char *
str_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static void
kv_int(char *buf, size_t size, const char *key, const json_t *v)
{
	char	 num[32];

	if (!json_is_integer(v))
		return;
	snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
	kv(buf, size, key, num);
}

void
sink_syslog_report(const json_t *rec)
{
	char		 line[LINE_MAX_BYTES];
	const json_t	*sum, *f;
	size_t		 i;
	int		 failed;

	failed = strcmp(str_of(rec, "status"), "failed") == 0;
	line[0] = '\0';
	kv(line, sizeof(line), "report", str_of(rec, "status"));
	kv(line, sizeof(line), "id", str_of(rec, "id"));
	kv(line, sizeof(line), "file", str_of(rec, "file"));
	kv(line, sizeof(line), "origin", str_of(rec, "origin"));
	if (json_is_string(json_object_get(rec, "format")))
		kv(line, sizeof(line), "format", str_of(rec, "format"));
	kv_int(line, sizeof(line), "year", json_object_get(rec, "year"));
	sum = json_object_get(rec, "summary");
	kv_int(line, sizeof(line), "errors", json_object_get(sum, "errors"));
	kv_int(line, sizeof(line), "warnings",
	    json_object_get(sum, "warnings"));
	kv(line, sizeof(line), "sha256", str_of(rec, "sha256"));
	if (failed)
		kv(line, sizeof(line), "reason", str_of(rec, "reason"));
	emit(failed ? LOG_WARNING : LOG_INFO, line, rec, NULL);
	log_report(line);

	json_array_foreach(json_object_get(rec, "findings"), i, f) {
		int sev = syslog_severity_value(str_of(f, "severity"));

		if (sev < sl_threshold)
			continue;
		line[0] = '\0';
		kv(line, sizeof(line), "finding", str_of(f, "rule"));
		kv(line, sizeof(line), "id", str_of(rec, "id"));
		kv(line, sizeof(line), "file", str_of(rec, "file"));
		kv(line, sizeof(line), "origin", str_of(rec, "origin"));
		kv(line, sizeof(line), "severity", str_of(f, "severity"));
		kv_int(line, sizeof(line), "line", json_object_get(f, "line"));
		kv_int(line, sizeof(line), "section",
		    json_object_get(f, "section"));
		if (json_is_string(json_object_get(f, "cell")))
			kv(line, sizeof(line), "cell", str_of(f, "cell"));
		kv(line, sizeof(line), "msg", str_of(f, "message"));
		emit(sev == NB_SEV_ERROR ? LOG_WARNING :
		    sev == NB_SEV_WARNING ? LOG_NOTICE : LOG_INFO, line, rec, f);
	}
}
