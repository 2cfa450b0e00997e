/*
 * log.h -- the daemon's own messages (not findings): to syslog, and also to
 * stderr when running in the foreground.  Messages are Chinese sentences.
 */
#ifndef NBD_LOG_H
#define NBD_LOG_H

#include <syslog.h>

void	log_init(int foreground, int to_syslog);
void	log_msg(int prio, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* A checked report's summary line, printed with -f. */
void	log_report(const char *line);

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_notice(...)	log_msg(LOG_NOTICE, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)

#endif
