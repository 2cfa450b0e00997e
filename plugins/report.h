/*
 * report.h -- the files of the report plugin: report.c (format, title,
 * statistics period), report_date.c (the signature date).
 */
#ifndef NB_PLUGIN_REPORT_H
#define NB_PLUGIN_REPORT_H

#include <nianbao/plugin.h>

/* report.date: the signature date against the period and the year. */
int	report_date(const struct nb_api *, nb_ctx *, const nb_report *);

#endif
