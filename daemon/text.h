/*
 * text.h -- file names are bytes, JSON strings are UTF-8: what crosses
 * from one to the other.
 */
#ifndef NBD_TEXT_H
#define NBD_TEXT_H

#include <stddef.h>

/* s with every byte that is not part of valid UTF-8 written as \xNN;
 * NULL when out of memory. */
char	*text_utf8(const char *s);
/*
 * s for a log line, in out (len bytes, len >= 16): control characters
 * and bytes that are not UTF-8 as \xNN, so that a name or a
 * plugin's output cannot forge a line of its own; cut with "…".
 */
void	text_log(char *out, size_t len, const char *s);
/* Lowercase hex of the bytes of s, and back (NULL if not hex). */
char	*text_hex(const char *s);
char	*text_unhex(const char *hex);

#endif
