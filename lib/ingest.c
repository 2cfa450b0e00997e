/*
 * ingest.c -- bytes to document.  For now: UTF-8 text (with or without
 * BOM).  Detection of other types and encodings is added by the readers
 * of issue 4.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include "ingest.h"

#define NB_DEFAULT_MAX_BYTES	(64u * 1024 * 1024)

int
nb_read_file(const char *path, const struct nb_limits *limits, char **buf,
    size_t *len, struct nb_error *err)
{
	size_t max = limits && limits->max_bytes ? limits->max_bytes :
	    NB_DEFAULT_MAX_BYTES;
	struct stat st;
	char *p;
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd == -1)
		return nb_fail(err, NB_ERR_IO, "%s: 无法打开文件：%s", path,
		    strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return nb_fail(err, NB_ERR_IO, "%s: 不是普通文件", path);
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return nb_fail(err, NB_ERR_TOO_BIG,
		    "%s: 文件过大（%lld 字节，上限 %zu 字节）", path,
		    (long long)st.st_size, max);
	}
	if ((p = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", path);
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, p + got, (size_t)st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n == 0 ? EIO : errno;
			free(p);
			close(fd);
			return nb_fail(err, NB_ERR_IO, "%s: 读取失败：%s", path,
			    strerror(e));
		}
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	*buf = p;
	*len = got;
	return 0;
}

struct nb_doc *
nb_ingest(const char *name, const char *buf, size_t len,
    const struct nb_limits *limits, struct nb_error *err)
{
	struct nb_doc *doc;
	const uint8_t *bad;

	(void)limits;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if ((bad = u8_check((const uint8_t *)buf, len)) != NULL) {
		nb_fail(err, NB_ERR_ENCODING,
		    "%s: 第 %zu 字节处不是有效的 UTF-8 编码", name,
		    (size_t)(bad - (const uint8_t *)buf));
		return NULL;
	}
	if ((doc = nb_doc_new(name)) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		return NULL;
	}
	doc->kind = "text";
	doc->encoding = "UTF-8";
	if (nb_doc_add_text(doc, buf, len, 0, err) == -1) {
		nb_doc_free(doc);
		return NULL;
	}
	return doc;
}
