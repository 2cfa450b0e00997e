/*
 * recover.h -- resuming after a stop or a crash, before watching starts.
 *
 * For every file in work/: when out/ID.json exists the report was checked,
 * so only the remaining steps are done (jsonl line if missing, the move);
 * otherwise the file is queued to be checked again.  Leftover temporary
 * files in out/ are removed and a torn last jsonl line is cut.
 */
#ifndef NBD_RECOVER_H
#define NBD_RECOVER_H

struct nbd;

int	recover(struct nbd *d);

#endif
