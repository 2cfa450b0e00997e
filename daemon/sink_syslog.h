/*
 * sink_syslog.h -- findings and daemon messages to syslog.
 *
 * Normally through openlog(3)/syslog(3).  When the configuration names a
 * socket, RFC 3164 lines are sent to that datagram unix socket instead, so
 * tests (and setups without /dev/log) can capture them.
 */
#ifndef NBD_SINK_SYSLOG_H
#define NBD_SINK_SYSLOG_H

#include <jansson.h>

struct nbd_conf;

/* (Re)configures the sink; never fails (a bad socket only loses lines). */
void	sink_syslog_open(const struct nbd_conf *conf);
void	sink_syslog_close(void);
/* One line at priority prio (a LOG_* level, facility added here). */
void	sink_syslog_line(int prio, const char *msg);
/* One summary line for the report, one line per finding at or above the
 * configured threshold; record is the JSON written to out/. */
void	sink_syslog_report(const json_t *record);

/* Name to LOG_* facility / nb_severity; -1 if unknown. */
int	syslog_facility_value(const char *name);
int	syslog_severity_value(const char *name);

#endif
