/*
 * sink_journal.c -- one journal entry per report and per finding, with
 * the key=value line of the syslog sink as MESSAGE and the same facts as
 * fields.  journald forwards the entry to rsyslog like any syslog line
 * (SYSLOG_FACILITY, SYSLOG_IDENTIFIER), so nothing is lost for rsyslog.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-journal.h>

#include "sink_journal.h"

int
sink_journal_wanted(void)
{
	const char	*js = getenv("JOURNAL_STREAM");
	struct stat	 st;
	unsigned long long dev, ino;

	/* systemd's documented test: JOURNAL_STREAM names our stderr. */
	if (js == NULL || sscanf(js, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(2, &st) == -1)
		return 0;
	return (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

static const char *
str_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static long long
int_of(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

int
sink_journal_send(int prio, int facility, const char *msg, const json_t *rec,
    const json_t *f)
{
	int	 rc;

	if (f == NULL)
		rc = sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", prio,
		    "SYSLOG_FACILITY=%d", facility >> 3,
		    "SYSLOG_IDENTIFIER=nianbaod",
		    "NIANBAO_ID=%s", str_of(rec, "id"),
		    "NIANBAO_FILE=%s", str_of(rec, "file"),
		    "NIANBAO_ORIGIN=%s", str_of(rec, "origin"),
		    "NIANBAO_STATUS=%s", str_of(rec, "status"),
		    "NIANBAO_ERRORS=%lld",
		    int_of(json_object_get(rec, "summary"), "errors"),
		    "NIANBAO_WARNINGS=%lld",
		    int_of(json_object_get(rec, "summary"), "warnings"),
		    NULL);
	else
		rc = sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", prio,
		    "SYSLOG_FACILITY=%d", facility >> 3,
		    "SYSLOG_IDENTIFIER=nianbaod",
		    "NIANBAO_ID=%s", str_of(rec, "id"),
		    "NIANBAO_FILE=%s", str_of(rec, "file"),
		    "NIANBAO_ORIGIN=%s", str_of(rec, "origin"),
		    "NIANBAO_RULE=%s", str_of(f, "rule"),
		    "NIANBAO_SEVERITY=%s", str_of(f, "severity"),
		    "NIANBAO_LINE=%lld", int_of(f, "line"),
		    "NIANBAO_CELL=%s", str_of(f, "cell"),
		    NULL);
	return rc < 0 ? -1 : 0;
}
