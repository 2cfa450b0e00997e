/*
 * proto.h -- messages between the daemon and its workers: a 4-byte
 * big-endian length, then that many bytes of one JSON object.
 *
 *   daemon -> worker  {"op":"init", "rules", "plugin_dir", "plugins",
 *                      "plugin_options", "max_bytes"}
 *                     {"op":"check", "job", "name"}, then one byte
 *                     carrying the report's descriptor (SCM_RIGHTS); in a
 *                     burst the next is sent while one is checked
 *   worker -> daemon  {"op":"ready"} | {"op":"error", "message"}
 *                     {"op":"done", "job", "result", ["model"], "sha256"}
 *                     (with a store)
 *                     {"op":"done", "job", "head", "text", "sha256"} +
 *                     bytes (without)
 *                     {"op":"failed", "job", "message", ["sha256"]}
 *                     {"op":"stage", "job", "stage", ["sha256"], ["memory"]}
 *                     only from the fatal-signal handler, as it dies
 *
 * A message with bytes is a length, then PROTO_BYTES, a 4-byte big-endian
 * length, that many bytes of the JSON object, and the bytes (the rest of
 * the frame): a result as the worker finished it (out/ID.json's text,
 * "text" bytes long, then its findings.jsonl line), written by the daemon
 * without being parsed (record.h).
 * job is the report's id: a message about another report is refused.
 * name is the name as dropped, made valid UTF-8 for messages; the worker
 * never sees a spool path.
 * The daemon closes its end to stop an idle worker.
 */
#ifndef NBD_PROTO_H
#define NBD_PROTO_H

#include <jansson.h>

#define PROTO_MAX	(16 * 1024 * 1024)
#define PROTO_BYTES	'B'	/* a JSON body begins with '{' */

struct evbuffer;

/* Writes one message; waits (bounded) if the socket is full. */
int	proto_send(int fd, const json_t *msg);
/* The same with a then b after it (PROTO_BYTES) when there are any. */
int	proto_send_bytes(int fd, const json_t *msg, const char *a,
	    size_t alen, const char *b, size_t blen);
/* Passes fd over sock (one byte 'F' with SCM_RIGHTS). */
int	proto_send_fd(int sock, int fd);
/* Receives it: the descriptor, or -1. */
int	proto_recv_fd(int sock);
/* Blocking read of one message: 0 ok, 1 end of file, -1 error. */
int	proto_recv(int fd, json_t **msg);
/* Takes one whole message off buf: 1 taken, 0 incomplete, -1 garbage. */
int	proto_take(struct evbuffer *buf, json_t **msg);
/* The same, taking messages with bytes too: *bytes (NUL-terminated,
 * the caller's) is NULL when the message had none.  proto_take() refuses
 * them as garbage. */
int	proto_take_bytes(struct evbuffer *buf, json_t **msg, char **bytes,
	    size_t *nbytes);

#endif
