/*
 * notify.h -- the systemd notification protocol (Type=notify): READY=1
 * once watching and a worker is up, STATUS= with the counts, RELOADING=1
 * around a reload, STOPPING=1, and WATCHDOG=1 from a timer.  Without
 * NOTIFY_SOCKET every call does nothing.
 */
#ifndef NBD_NOTIFY_H
#define NBD_NOTIFY_H

struct nbd;

void	notify_ready(struct nbd *d);
void	notify_reloading(void);
void	notify_stopping(void);
/* Sends STATUS= if the counts changed since the last one. */
void	notify_status(struct nbd *d);
/* The watchdog interval in microseconds, 0 if not asked for. */
unsigned long long notify_watchdog_usec(void);
void	notify_watchdog(void);

#endif
