/*
 * notify.c -- sd_notify(3) messages.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <systemd/sd-daemon.h>

#include "nianbaod.h"
#include "notify.h"

static void
status_text(struct nbd *d, char *buf, size_t len)
{
	snprintf(buf, len, "STATUS=排队 %zu，检查中 %lu，已检查 %lu，失败 %lu",
	    d->queued, d->busy, d->checked, d->failed);
}

void
notify_ready(struct nbd *d)
{
	char	 buf[256];

	status_text(d, buf, sizeof(buf));
	sd_notifyf(0, "READY=1\n%s", buf);
}

void
notify_reloading(void)
{
	struct timespec	 ts;

	/* systemd >= 253 wants the time in the same datagram. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000);
}

void
notify_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}

void
notify_status(struct nbd *d)
{
	/* Last status sent; the daemon has one notification socket. */
	static char	 last[256];
	char		 buf[256];

	status_text(d, buf, sizeof(buf));
	if (strcmp(buf, last) == 0)
		return;
	memcpy(last, buf, sizeof(last));
	sd_notify(0, buf);
}

unsigned long long
notify_watchdog_usec(void)
{
	uint64_t	 usec = 0;

	if (sd_watchdog_enabled(0, &usec) <= 0)
		return 0;
	return usec;
}

void
notify_watchdog(void)
{
	sd_notify(0, "WATCHDOG=1");
}
