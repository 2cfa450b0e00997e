/*
 * output.h -- how `nianbao check` shows results: compiler-style lines for
 * people, JSON Lines or one SARIF log for programs, to standard output or
 * to `-o FILE` (written whole or not at all).
 */
#ifndef NB_CLI_OUTPUT_H
#define NB_CLI_OUTPUT_H

#include <stdio.h>

#include "nianbao.h"
#include "outfile.h"

enum output_format { OUTPUT_TEXT, OUTPUT_JSON, OUTPUT_SARIF, OUTPUT_HTML };

/* Where one run's results go. */
struct output {
	enum output_format format;
	int		 color;
	struct outfile	 file;
	struct sarif	*sarif;		/* OUTPUT_SARIF: the log being built */
};

/* "text", "json", "sarif", "html".  0, or -1 for an unknown name. */
int	output_format_parse(const char *s, enum output_format *f);
/* 0, or -1 with msg (the file cannot be created, memory). */
int	output_begin(struct output *o, enum output_format f, const char *path,
	    int color, const struct nb_engine *e, char *msg, size_t len);
/* A checked file.  0, or -1 (out of memory). */
int	output_report(struct output *o, const struct nb_result *res);
/* A file that could not be checked: on standard error for people, in
 * the output for programs. */
void	output_unreadable(struct output *o, const char *file, const char *msg,
	    const char *rule);
/* Finishes the output (the SARIF log, the rename of -o FILE).  0, or -1
 * with msg; with ok == 0 the output is dropped (FILE untouched). */
int	output_end(struct output *o, int ok, char *msg, size_t len);

/* FILE:LINE: error: [rule] message, the source line under it. */
void	output_human(FILE *fp, const struct nb_result *res, int color);
/* One JSON object on one line.  Returns 0 or -1 (out of memory). */
int	output_json(FILE *fp, const struct nb_result *res);
/* The board's report page for one result, self-contained (cli/
 * output_html.c).  Returns 0 or -1 (out of memory). */
int	output_html(FILE *fp, const struct nb_result *res);
/* An input that could not be read at all. */
void	output_input_error(FILE *fp, const char *file, const char *msg,
	    const char *rule, int json, int color);
/* Every rule: id, severity, plugin, summary. */
void	output_rules(FILE *fp, const struct nb_engine *e, int json);

#endif
