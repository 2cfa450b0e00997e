/*
 * store.h -- the nianbao command and the history store: `check --store`
 * (cli/store.c) and `history` (cli/history.c).
 */
#ifndef NB_CLI_STORE_H
#define NB_CLI_STORE_H

#include "nianbao.h"
#include "store/roster.h"
#include "store/store.h"

struct cli_store {
	struct nb_store		*store;
	struct nb_roster	*roster;	/* NULL without --roster */
	int			 dry_run;	/* compare, do not write */
};

/* Opens the store (and roster); prints why not and returns -1. */
int	 cli_store_open(struct cli_store *cs, const char *uri,
	    const char *roster);
void	 cli_store_close(struct cli_store *cs);

/* Checks res against the history (plugins' check_history), then writes
 * it to the store.  Prints why not and returns -1. */
int	 cli_store_result(struct cli_store *cs, struct nb_engine *e,
	    const char *path, struct nb_result *res);

/* `nianbao history ...`; argv[0] is "history".  Returns the exit status. */
int	 cli_history(int argc, char **argv);

#endif
