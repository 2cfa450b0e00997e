/*
 * output_sarif.h -- `nianbao check --format sarif`: one SARIF 2.1.0 log
 * for the whole run (OASIS, sarif-schema-2.1.0), so that code-review and
 * CI tools that read SARIF show nianbao's findings beside a file.
 */
#ifndef NB_CLI_OUTPUT_SARIF_H
#define NB_CLI_OUTPUT_SARIF_H

#include <stdio.h>

#include "nianbao.h"

struct sarif;

/* The log and its one run; the engine's rules become the driver's. */
struct sarif *sarif_new(const struct nb_engine *e);
void	sarif_free(struct sarif *s);
/* Each checked file: an artifact and its results.  0, or -1 (memory). */
int	sarif_add(struct sarif *s, const struct nb_result *res);
/* A file that could not be read: a tool execution notification. */
int	sarif_add_unreadable(struct sarif *s, const char *file,
	    const char *msg, const char *rule);
/* The whole log, indented.  0, or -1. */
int	sarif_write(struct sarif *s, FILE *fp);

#endif
