/*
 * fuzz-proto.c -- libFuzzer target: what a worker sends the daemon.  A
 * worker runs plugin code and may be taken over, so its bytes are
 * hostile: framed messages are taken off the buffer one by one, each must
 * be a JSON object or the stream is refused, and nothing is read past
 * the buffer or kept.  The bytes also go through text_unhex(), the way
 * path names used to travel.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <jansson.h>

#include "proto.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
		json_decref(msg);
		n++;
	}
	if (rc == 0) {
		evbuffer_add(in, data + size / 2, size - size / 2);
		while ((rc = proto_take(in, &msg)) == 1) {
			if (!json_is_object(msg))
				abort();
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
