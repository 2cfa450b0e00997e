/*
 * scan_doubt.h -- errors of a scan resting on headings read unsure
 * become warnings (scan_doubt.c).
 */
#ifndef NB_SCAN_DOUBT_H
#define NB_SCAN_DOUBT_H

#include <stddef.h>

#include <nianbao/plugin.h>

struct nb_report;

/* f, or *tmp (f's copy, a warning whose message, in msg, says the
 * heading could not be read reliably from the scan). */
const struct nb_finding *nb_scan_doubt(const struct nb_report *r,
		    const struct nb_finding *f, struct nb_finding *tmp,
		    char *msg, size_t len);

#endif
