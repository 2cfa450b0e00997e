/*
 * proto.c -- length-prefixed JSON over the worker socketpair.
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

/* The header and the body with one writev(2) when the socket takes them
 * whole (it nearly always does): a system call a message.  What it did
 * not take goes through write_all(). */
static int
write_msg(int fd, const char *hdr, const char *p, size_t len)
{
	struct iovec	 iov[2] = { { (void *)hdr, 4 }, { (void *)p, len } };
	ssize_t		 n;
	size_t		 done;

	do
		n = writev(fd, iov, 2);
	while (n == -1 && errno == EINTR);
	if (n == -1 && errno != EAGAIN)
		return -1;
	done = n < 0 ? 0 : (size_t)n;
	if (done < 4 && write_all(fd, hdr + done, 4 - done) == -1)
		return -1;
	done = done < 4 ? 0 : done - 4;
	return write_all(fd, p + done, len - done);
}

int
proto_send(int fd, const json_t *msg)
{
	char		*s;
	size_t		 len;
	unsigned char	 hdr[4];
	int		 rc;

	if ((s = json_dumps(msg, JSON_COMPACT)) == NULL)
		return -1;
	len = strlen(s);
	if (len > PROTO_MAX) {
		free(s);
		errno = EMSGSIZE;
		return -1;
	}
	hdr[0] = (unsigned char)(len >> 24);
	hdr[1] = (unsigned char)(len >> 16);
	hdr[2] = (unsigned char)(len >> 8);
	hdr[3] = (unsigned char)len;
	rc = write_msg(fd, (const char *)hdr, s, len);
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
	len = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
	    (uint32_t)hdr[2] << 8 | hdr[3];
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
	unsigned char	 hdr[4], *p;
	json_error_t	 jerr;
	uint32_t	 len;

	if (evbuffer_get_length(in) < 4)
		return 0;
	if (evbuffer_copyout(in, hdr, 4) != 4)
		return -1;
	len = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
	    (uint32_t)hdr[2] << 8 | hdr[3];
	if (len > PROTO_MAX)
		return -1;
	if (evbuffer_get_length(in) < 4 + (size_t)len)
		return 0;
	if ((p = evbuffer_pullup(in, 4 + (ssize_t)len)) == NULL)
		return -1;
	*msg = json_loadb((const char *)p + 4, len, 0, &jerr);
	evbuffer_drain(in, 4 + (size_t)len);
	if (*msg == NULL || !json_is_object(*msg)) {
		json_decref(*msg);
		*msg = NULL;
		return -1;
	}
	return 1;
}
