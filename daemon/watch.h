/*
 * watch.h -- inotify on incoming/ and on each of its subfolders (one level:
 * one folder per city or agency, whose name becomes the report's origin).
 *
 * A file counts as dropped on IN_CLOSE_WRITE (cp) or IN_MOVED_TO (mv).
 * Dot-files and temporary names (*.part, *.tmp, ~$*) wait until renamed.
 * The watches are installed before the folders are scanned, so a file that
 * arrives in between is seen twice (the second claim finds it gone), never
 * zero times.  IN_Q_OVERFLOW means events were lost: everything is scanned.
 */
#ifndef NBD_WATCH_H
#define NBD_WATCH_H

#include <stddef.h>

struct job;
struct nbd;
struct watch;

struct watch	*watch_open(struct nbd *d, char *err, size_t errlen);
void		 watch_close(struct watch *w);
/* Scans incoming/ and its subfolders soon (after delay_ms). */
void		 watch_rescan(struct watch *w, int delay_ms);
/* Scans now; used once at start-up before READY=1. */
void		 watch_scan_now(struct watch *w);
/* Nothing in incoming/ is waiting to settle: every file the daemon has
 * seen is claimed (roster.missing is asked only then). */
int		 watch_idle(const struct watch *w);
/* A job for the oldest renamed file still settling that can be begun
 * now (early.h), or NULL. */
struct job	*watch_begin_early(struct watch *w);
/* Names producers are still writing. */
int		 watch_ignored_name(const char *name);

#endif
