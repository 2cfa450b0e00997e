/*
 * output.h -- how `nianbao check` shows results: compiler-style lines for
 * people, JSON Lines for programs.
 */
#ifndef NB_CLI_OUTPUT_H
#define NB_CLI_OUTPUT_H

#include <stdio.h>

#include "nianbao.h"

/* FILE:LINE: error: [rule] message, the source line under it. */
void	output_human(FILE *fp, const struct nb_result *res, int color);
/* One JSON object on one line.  Returns 0 or -1 (out of memory). */
int	output_json(FILE *fp, const struct nb_result *res);
/* An input that could not be read at all. */
void	output_input_error(FILE *fp, const char *file, const char *msg,
	    const char *rule, int json, int color);
/* Every rule: id, severity, plugin, summary. */
void	output_rules(FILE *fp, const struct nb_engine *e, int json);

#endif
