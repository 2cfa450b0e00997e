/*
 * fuzz-proto.c -- libFuzzer target: what a worker sends the daemon.  A
 * worker runs plugin code and may be taken over, so its bytes are
 * hostile: framed messages are taken off the buffer one by one, each must
 * be a JSON object or the stream is refused, and nothing is read past
 * the buffer or kept.  A message with finished bytes (a result) is
 * split into its JSON and a copy of its bytes, and the daemon writes
 * those only if record_trusted() says they are one report's record: one
 * line ending in "}\n", beginning with its id.  The bytes also go through
 * text_unhex(), the way path names used to travel.  And every message
 * taken, dumped compact and indented by record_text(), is what jansson's
 * JSON_INDENT(2) makes of it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <jansson.h>

#include "proto.h"
#include "record.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The worker indents a record's line itself: as jansson would. */
static void
indented(const json_t *msg)
{
	char	*c = json_dumps(msg, JSON_COMPACT);
	char	*i = json_dumps(msg, JSON_INDENT(2));
	char	*t;
	size_t	 n;

	if (c == NULL || i == NULL)
		abort();
	t = record_text(c, strlen(c), &n);
	if (t == NULL || n != strlen(i) || strcmp(t, i) != 0)
		abort();
	free(t);
	free(c);
	free(i);
}

/* What the daemon would write of a result: only a line it may append. */
static void
result(char *bytes, size_t n)
{
	static const char id[] = "0123456789abcdef";
	static const char line[] = "{\"id\":\"0123456789abcdef\",";
	static const char text[] = "{\n  \"id\": \"0123456789abcdef\",\n";
	size_t	 t = n / 2;

	if (bytes[n] != '\0')
		abort();
	if (n < 2 || !record_trusted(id, bytes, t, bytes + t, n - t))
		return;
	if (memchr(bytes + t, '\n', n - t - 1) != NULL ||
	    bytes[n - 1] != '\n' || bytes[n - 2] != '}' ||
	    strncmp(bytes + t, line, sizeof(line) - 1) != 0 ||
	    strncmp(bytes, text, sizeof(text) - 1) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evbuffer	*in = evbuffer_new();
	json_t		*msg;
	char		*s, *back;
	int		 rc, n = 0;

	if (in == NULL)
		abort();
	/* In two pieces, as reads may split them. */
	evbuffer_add(in, data, size / 2);
	while ((rc = proto_take(in, &msg)) == 1) {
		if (!json_is_object(msg))
			abort();
		indented(msg);
		json_decref(msg);
		n++;
	}
	if (rc == 0) {
		char	*bytes;
		size_t	 nb;

		evbuffer_add(in, data + size / 2, size - size / 2);
		while ((rc = proto_take_bytes(in, &msg, &bytes, &nb)) == 1) {
			if (!json_is_object(msg))
				abort();
			indented(msg);
			if (bytes != NULL)
				result(bytes, nb);
			free(bytes);
			json_decref(msg);
		}
	}
	evbuffer_free(in);
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if ((back = text_unhex(s)) != NULL) {
		char *hex = text_hex(back);

		if (hex == NULL || strncasecmp(hex, s, strlen(hex)) != 0)
			abort();
		free(hex);
		free(back);
	}
	free(s);
	(void)n;
	return 0;
}
