/*
 * floor-text.c -- the floor of a text check (bench/instr.sh): open each
 * file named on the command line, read every byte, decode it to code
 * points (UTF-8, or GB18030 through iconv when the bytes are not UTF-8)
 * and split it into lines.  Nothing a checker can do costs less; prints
 * the counts so that the compiler cannot drop the work.
 */
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	char *p;
	size_t got = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || (p = malloc((size_t)st.st_size + 1)) == NULL)
		return NULL;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, p + got, (size_t)st.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return p;
}

/* GB18030 to UTF-8; the caller frees. */
static char *
from_gb18030(char *in, size_t len, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = len * 2 + 4, left = cap;
	char *out = malloc(cap), *o = out;

	if (cd == (iconv_t)-1 || out == NULL)
		exit(2);
	if (iconv(cd, &in, &len, &o, &left) == (size_t)-1)
		left = cap;	/* undecodable: count nothing */
	iconv_close(cd);
	*outlen = cap - left;
	return out;
}

int
main(int argc, char **argv)
{
	unsigned long long cps = 0, lines = 0, sum = 0;

	for (int i = 1; i < argc; i++) {
		size_t len, n;
		char *buf = slurp(argv[i], &len), *conv = NULL;
		const uint8_t *s, *end;
		ucs4_t c;
		int k;

		if (buf == NULL) {
			perror(argv[i]);
			return 2;
		}
		s = (const uint8_t *)buf;
		if (u8_check(s, len) != NULL) {
			conv = from_gb18030(buf, len, &n);
			s = (const uint8_t *)conv;
			len = n;
		}
		for (end = s + len; s < end; s += k) {
			k = u8_mbtouc(&c, s, (size_t)(end - s));
			cps++;
			sum += c;
			lines += c == '\n';
		}
		free(conv);
		free(buf);
	}
	printf("%llu code points, %llu lines, %llu\n", cps, lines, sum);
	return 0;
}
