/*
 * sink_journal.h -- findings as structured journal entries, so that
 * `journalctl -u nianbaod NIANBAO_RULE=sums.balance` finds them.
 */
#ifndef NBD_SINK_JOURNAL_H
#define NBD_SINK_JOURNAL_H

#include <jansson.h>

/* True when standard error goes to the journal (started by systemd). */
int	sink_journal_wanted(void);

/*
 * Sends msg as one journal entry with the syslog identity (facility,
 * "nianbaod") and the NIANBAO_* fields of rec and, for a finding line, f.
 * Returns 0, or -1 when the journal did not take it.
 */
int	sink_journal_send(int prio, int facility, const char *msg,
	    const json_t *rec, const json_t *f);

#endif
