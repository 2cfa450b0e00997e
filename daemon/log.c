/*
 * log.c -- the daemon's own messages.  They go through the syslog sink, so
 * a configured test socket sees them too, and to stderr with -f.  They
 * quote file names and workers' output: escaped here, once for all, so
 * that a name with a newline cannot forge a line.
 */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"
#include "text.h"
#include "sink_syslog.h"

/* Set once at start-up, read by every log call. */
static int log_foreground = 1;
static int log_syslog;

void
log_init(int foreground, int to_syslog)
{
	log_foreground = foreground;
	log_syslog = to_syslog;
}

void
log_msg(int prio, const char *fmt, ...)
{
	char	 raw[2048], buf[4096];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	text_log(buf, sizeof(buf), raw);
	if (log_foreground)
		fprintf(stderr, "nianbaod: %s\n", buf);
	if (log_syslog)
		sink_syslog_line(prio, buf);
}

/* -f: one line per checked report on standard output, as it is recorded. */
void
log_report(const char *line)
{
	if (!log_foreground)
		return;
	printf("nianbaod: %s\n", line);
	fflush(stdout);
}
