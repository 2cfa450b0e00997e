/*
 * record.h -- a checked report's record as finished bytes (record.c):
 * the worker builds its findings.jsonl line and out/ID.json's text, the
 * daemon checks what it must trust and writes the bytes as they are.
 */
#ifndef NBD_RECORD_H
#define NBD_RECORD_H

#include <stddef.h>

#include <jansson.h>

/* Now as a record's "time" (UTC, milliseconds): 0, or -1. */
int	 record_now(char *out, size_t len);
/* Sets "time" in rec: 0, or -1 out of memory. */
int	 record_set_time(json_t *rec);
/* The JSON_INDENT(2) text (NUL-terminated) of the compact text
 * line[0..len), as json_dumps() would have made it; one pass, no parse. */
char	*record_text(const char *line, size_t len, size_t *textlen);
/* 1 when text and line are the record of id as the daemon may write it:
 * both begin with that id, the line is one line, ends in "}\n". */
int	 record_trusted(const char *id, const char *text, size_t textlen,
	    const char *line, size_t linelen);

#endif
