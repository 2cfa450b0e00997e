/*
 * record.c -- the record of a checked report as finished bytes: built in
 * the worker that checked it (out/ID.json's indented text, its
 * findings.jsonl line, and the few facts the syslog sink needs), and
 * checked by the daemon for what it must trust before it writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "record.h"

int
record_now(char *out, size_t len)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 buf[64];

	clock_gettime(CLOCK_REALTIME, &ts);
	if (gmtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return -1;
	snprintf(out, len, "%s.%03ldZ", buf, ts.tv_nsec / 1000000);
	return 0;
}

int
record_set_time(json_t *rec)
{
	char	 out[80];

	if (record_now(out, sizeof(out)) == -1)
		return -1;
	return json_object_set_new(rec, "time", json_string(out));
}

/* Room for n more bytes in *buf (size *cap, *len used). */
static int
room(char **buf, size_t *cap, size_t len, size_t n)
{
	char	*nb;
	size_t	 nc;

	if (len + n <= *cap)
		return 0;
	nc = (len + n) * 2;
	if ((nb = realloc(*buf, nc)) == NULL)
		return -1;
	*buf = nb;
	*cap = nc;
	return 0;
}

/* A newline and two spaces a level, as JSON_INDENT(2) puts them. */
static int
indent(char **buf, size_t *cap, size_t *len, size_t depth)
{
	if (room(buf, cap, *len, 1 + 2 * depth) == -1)
		return -1;
	(*buf)[(*len)++] = '\n';
	memset(*buf + *len, ' ', 2 * depth);
	*len += 2 * depth;
	return 0;
}

/* Just past the closing quote of the string opening at s[at] (or len). */
static size_t
string_end(const char *s, size_t len, size_t at)
{
	const char	*q;
	size_t		 i = at + 1;

	while (i < len && (q = memchr(s + i, '"', len - i)) != NULL) {
		size_t	 e = (size_t)(q - s), b = e;

		/* Escaped if an odd number of backslashes stand before it. */
		while (b > at + 1 && s[b - 1] == '\\')
			b--;
		if ((e - b) % 2 == 0)
			return e + 1;
		i = e + 1;
	}
	return len;
}

/*
 * jansson's JSON_INDENT(2) layout of a compact text (JSON_INDENT(2)
 * output is JSON_COMPACT's with whitespace outside strings added: the
 * separators are the only difference, and a string never holds a raw
 * control character).  An
 * empty object or array stays "{}" or "[]", ':' becomes ": ", and each
 * member or element goes on its own line, two spaces deeper a level.
 */
char *
record_text(const char *line, size_t len, size_t *textlen)
{
	char	*t = NULL;
	size_t	 cap = 0, n = 0, depth = 0, i;
	int	 bad = 0;

	/* Most of a record is its strings: room for them at once. */
	if (room(&t, &cap, 0, len + len / 4 + 64) == -1)
		return NULL;
	for (i = 0; i < len && !bad; i++) {
		char c = line[i];

		if (room(&t, &cap, n, 3) == -1)
			bad = 1;
		else if (c == '"') {
			/* A string, copied whole to its closing quote. */
			size_t k = string_end(line, len, i) - i;

			if (room(&t, &cap, n, k) == -1)
				bad = 1;
			else {
				memcpy(t + n, line + i, k);
				n += k;
				i += k - 1;
			}
		} else if ((c == '{' || c == '[') && i + 1 < len &&
		    line[i + 1] == (c == '{' ? '}' : ']')) {
			t[n++] = c;
			t[n++] = line[++i];
		} else if (c == '{' || c == '[') {
			t[n++] = c;
			bad = indent(&t, &cap, &n, ++depth) == -1;
		} else if (c == '}' || c == ']') {
			bad = indent(&t, &cap, &n, depth > 0 ? --depth : 0) ==
			    -1 || room(&t, &cap, n, 1) == -1;
			if (!bad)
				t[n++] = c;
		} else if (c == ',') {
			t[n++] = c;
			bad = indent(&t, &cap, &n, depth) == -1;
		} else if (c == ':') {
			t[n++] = ':';
			t[n++] = ' ';
		} else
			t[n++] = c;
	}
	if (bad || room(&t, &cap, n, 1) == -1) {
		free(t);
		return NULL;
	}
	t[n] = '\0';
	*textlen = n;
	return t;
}

/* s[0..len) starts with head, then id, then tail. */
static int
starts(const char *s, size_t len, const char *head, const char *id,
    const char *tail)
{
	size_t	 h = strlen(head), n = strlen(id), t = strlen(tail);

	return len >= h + n + t && memcmp(s, head, h) == 0 &&
	    memcmp(s + h, id, n) == 0 && memcmp(s + h + n, tail, t) == 0;
}

int
record_trusted(const char *id, const char *text, size_t textlen,
    const char *line, size_t linelen)
{
	size_t	 i;

	if (!starts(text, textlen, "{\n  \"id\": \"", id, "\",\n") ||
	    text[textlen - 1] != '}' || memchr(text, '\0', textlen) != NULL)
		return 0;
	if (!starts(line, linelen, "{\"id\":\"", id, "\",") ||
	    line[linelen - 2] != '}' || line[linelen - 1] != '\n')
		return 0;
	/* One line: JSON never holds a raw control character. */
	for (i = 0; i < linelen - 1; i++)
		if ((unsigned char)line[i] < 0x20)
			return 0;
	return 1;
}
