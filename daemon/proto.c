/*
 * proto.c -- length-prefixed JSON over the worker socketpair, and a
 * result's finished bytes after its JSON (proto.h).
 */
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "proto.h"

/* Writes p whole, waiting a while for a socket that is full. */
static int
write_all(int fd, const char *p, size_t len)
{
	struct pollfd	 pfd;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN) {
			/* A worker that stops reading is stuck: give up. */
			pfd.fd = fd;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, 5000) <= 0)
				return -1;
			continue;
		}
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The iovecs whole, with one writev(2) when the socket takes them (it
 * nearly always does): a system call a message.  What it did not take
 * goes through write_all(). */
static int
write_iov(int fd, struct iovec *iov, int n)
{
	ssize_t		 w;
	size_t		 done;
	int		 i;

	do
		w = writev(fd, iov, n);
	while (w == -1 && errno == EINTR);
	if (w == -1 && errno != EAGAIN)
		return -1;
	done = w < 0 ? 0 : (size_t)w;
	for (i = 0; i < n; i++) {
		size_t skip = done < iov[i].iov_len ? done : iov[i].iov_len;

		done -= skip;
		if (write_all(fd, (const char *)iov[i].iov_base + skip,
		    iov[i].iov_len - skip) == -1)
			return -1;
	}
	return 0;
}

static void
put_len(unsigned char *hdr, size_t len)
{
	hdr[0] = (unsigned char)(len >> 24);
	hdr[1] = (unsigned char)(len >> 16);
	hdr[2] = (unsigned char)(len >> 8);
	hdr[3] = (unsigned char)len;
}

static uint32_t
get_len(const unsigned char *hdr)
{
	return (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
	    (uint32_t)hdr[2] << 8 | hdr[3];
}

int
proto_send(int fd, const json_t *msg)
{
	return proto_send_bytes(fd, msg, NULL, 0, NULL, 0);
}

int
proto_send_bytes(int fd, const json_t *msg, const char *a, size_t alen,
    const char *b, size_t blen)
{
	struct iovec	 iov[5];
	unsigned char	 hdr[9];
	char		*s;
	size_t		 len, total;
	int		 rc, n = 0;

	if ((s = json_dumps(msg, JSON_COMPACT)) == NULL)
		return -1;
	len = strlen(s);
	total = alen + blen > 0 ? 5 + len + alen + blen : len;
	if (len > PROTO_MAX || alen > PROTO_MAX || blen > PROTO_MAX ||
	    total > PROTO_MAX) {
		free(s);
		errno = EMSGSIZE;
		return -1;
	}
	put_len(hdr, total);
	iov[n].iov_base = hdr;
	iov[n++].iov_len = 4;
	if (alen + blen > 0) {
		hdr[4] = PROTO_BYTES;
		put_len(hdr + 5, len);
		iov[0].iov_len = 9;
	}
	iov[n].iov_base = s;
	iov[n++].iov_len = len;
	if (alen > 0) {
		iov[n].iov_base = (void *)a;
		iov[n++].iov_len = alen;
	}
	if (blen > 0) {
		iov[n].iov_base = (void *)b;
		iov[n++].iov_len = blen;
	}
	rc = write_iov(fd, iov, n);
	free(s);
	return rc;
}

int
proto_send_fd(int sock, int fd)
{
	char		 byte = 'F';
	struct iovec	 iov = { &byte, 1 };
	union {
		struct cmsghdr	 hdr;
		char		 buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr	 mh;
	struct cmsghdr	*c;
	struct pollfd	 pfd;

	memset(&mh, 0, sizeof(mh));
	memset(&cm, 0, sizeof(cm));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	for (;;) {
		ssize_t n = sendmsg(sock, &mh, MSG_NOSIGNAL);

		if (n == 1)
			return 0;
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN) {
			pfd.fd = sock;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, 5000) <= 0)
				return -1;
			continue;
		}
		return -1;
	}
}

int
proto_recv_fd(int sock)
{
	char		 byte;
	struct iovec	 iov = { &byte, 1 };
	union {
		struct cmsghdr	 hdr;
		char		 buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr	 mh;
	struct cmsghdr	*c;
	ssize_t		 n;
	int		 fd = -1;

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	if (n != 1 || byte != 'F')
		return -1;
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static int
read_all(int fd, void *buf, size_t len)
{
	char	*p = buf;
	size_t	 got = 0;

	while (got < len) {
		ssize_t n = read(fd, p + got, len - got);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			return got == 0 ? 1 : -1;
		got += (size_t)n;
	}
	return 0;
}

int
proto_recv(int fd, json_t **msg)
{
	unsigned char	 hdr[4];
	json_error_t	 jerr;
	uint32_t	 len;
	char		*buf;
	int		 rc;

	if ((rc = read_all(fd, hdr, 4)) != 0)
		return rc;
	len = get_len(hdr);
	if (len > PROTO_MAX || (buf = malloc(len ? len : 1)) == NULL)
		return -1;
	if (read_all(fd, buf, len) != 0) {
		free(buf);
		return -1;
	}
	*msg = json_loadb(buf, len, 0, &jerr);
	free(buf);
	return *msg != NULL && json_is_object(*msg) ? 0 : -1;
}

int
proto_take(struct evbuffer *in, json_t **msg)
{
	return proto_take_bytes(in, msg, NULL, NULL);
}

/* Splits a PROTO_BYTES body into its JSON and a copy of its bytes. */
static json_t *
split(const unsigned char *p, size_t len, char **bytes, size_t *nbytes)
{
	json_error_t	 jerr;
	json_t		*msg;
	uint32_t	 jlen;

	if (bytes == NULL || len < 5 || (jlen = get_len(p + 1)) > len - 5)
		return NULL;
	if ((msg = json_loadb((const char *)p + 5, jlen, 0, &jerr)) == NULL)
		return NULL;
	*nbytes = len - 5 - jlen;
	if ((*bytes = malloc(*nbytes + 1)) == NULL) {
		json_decref(msg);
		return NULL;
	}
	memcpy(*bytes, p + 5 + jlen, *nbytes);
	(*bytes)[*nbytes] = '\0';
	return msg;
}

int
proto_take_bytes(struct evbuffer *in, json_t **msg, char **bytes,
    size_t *nbytes)
{
	unsigned char	 hdr[4], *p;
	json_error_t	 jerr;
	uint32_t	 len;

	if (bytes != NULL) {
		*bytes = NULL;
		*nbytes = 0;
	}
	if (evbuffer_get_length(in) < 4)
		return 0;
	if (evbuffer_copyout(in, hdr, 4) != 4)
		return -1;
	len = get_len(hdr);
	if (len > PROTO_MAX)
		return -1;
	if (evbuffer_get_length(in) < 4 + (size_t)len)
		return 0;
	if ((p = evbuffer_pullup(in, 4 + (ssize_t)len)) == NULL)
		return -1;
	if (len > 0 && p[4] == PROTO_BYTES)
		*msg = split(p + 4, len, bytes, nbytes);
	else
		*msg = json_loadb((const char *)p + 4, len, 0, &jerr);
	evbuffer_drain(in, 4 + (size_t)len);
	if (*msg == NULL || !json_is_object(*msg)) {
		json_decref(*msg);
		*msg = NULL;
		if (bytes != NULL) {
			free(*bytes);
			*bytes = NULL;
		}
		return -1;
	}
	return 1;
}
