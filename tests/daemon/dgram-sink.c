/*
 * dgram-sink.c -- test helper: binds a unix datagram socket at PATH and
 * appends every datagram it receives, as one line, to FILE.  Stands in for
 * /dev/log (syslog lines) and for systemd's NOTIFY_SOCKET in the tests.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_un sa;
	char		 buf[65536];
	FILE		*out;
	int		 fd;

	if (argc != 3 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: dgram-sink PATH FILE\n");
		return 2;
	}
	if ((out = fopen(argv[2], "a")) == NULL) {
		perror(argv[2]);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, argv[1]);
	unlink(argv[1]);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		perror(argv[1]);
		fclose(out);
		return 1;
	}
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			perror("recv");
			fclose(out);
			return 1;
		}
		/* Multi-line notify messages become one line per datagram. */
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == '\n')
				buf[i] = ' ';
		buf[n] = '\0';
		fprintf(out, "%s\n", buf);
		fflush(out);
	}
}
