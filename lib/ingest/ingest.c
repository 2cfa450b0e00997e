/*
 * ingest.c -- bytes to document: reading a file within limits, and
 * choosing the reader by what the bytes are (detect.c), never by the
 * file name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "detect.h"
#include "ingest.h"
#include "readers.h"

#define NB_DEFAULT_MAX_BYTES	(64u * 1024 * 1024)
#define NB_DEFAULT_MAX_PAGES	500
#define NB_DEFAULT_MAX_UNPACKED	(256u * 1024 * 1024)
#define NB_DEFAULT_MAX_ENTRIES	10000
#define NB_DEFAULT_MAX_DEPTH	256
#define NB_DEFAULT_MAX_MARKUP	1000000

/* What a path is when it is not a regular file, for the message. */
static const char *
kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "是目录";
	if (S_ISFIFO(m))
		return "是管道（FIFO）";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "是设备文件";
	if (S_ISSOCK(m))
		return "是套接字";
	return "不是普通文件";
}

int
nb_read_fd(int fd, const char *name, const struct nb_limits *limits,
    char **buf, size_t *len, struct nb_error *err)
{
	size_t max = limits && limits->max_bytes ? limits->max_bytes :
	    NB_DEFAULT_MAX_BYTES;
	struct stat st;
	char *p;
	size_t got = 0;

	if (fstat(fd, &st) == -1)
		return nb_fail(err, NB_ERR_IO, "%s: 无法读取文件状态：%s", name,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return nb_fail(err, NB_ERR_IO, "%s: %s，不是普通文件，不检查",
		    name, kind_of(st.st_mode));
	if ((size_t)st.st_size > max)
		return nb_fail(err, NB_ERR_TOO_BIG,
		    "%s: 文件过大（%lld 字节，上限 %zu 字节）", name,
		    (long long)st.st_size, max);
	if ((p = malloc((size_t)st.st_size + 1)) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, p + got, (size_t)st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n == 0 ? EIO : errno;
			free(p);
			return nb_fail(err, NB_ERR_IO, "%s: 读取失败：%s", name,
			    strerror(e));
		}
		got += (size_t)n;
	}
	p[got] = '\0';
	*buf = p;
	*len = got;
	return 0;
}

int
nb_read_file(const char *path, const struct nb_limits *limits, char **buf,
    size_t *len, struct nb_error *err)
{
	int fd, rc;

	/*
	 * O_NONBLOCK: opening a FIFO must not wait for a writer, nor a device
	 * for its carrier; nb_read_fd() then refuses anything not regular,
	 * and on a regular file the flag changes nothing.
	 */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1)
		return nb_fail(err, NB_ERR_IO, "%s: 无法打开文件：%s", path,
		    strerror(errno));
	rc = nb_read_fd(fd, path, limits, buf, len, err);
	close(fd);
	return rc;
}

void
nb_limits_resolve(const struct nb_limits *in, struct nb_limits *out)
{
	if (in != NULL)
		*out = *in;
	else
		memset(out, 0, sizeof(*out));
	if (out->max_bytes == 0)
		out->max_bytes = NB_DEFAULT_MAX_BYTES;
	if (out->max_pages == 0)
		out->max_pages = NB_DEFAULT_MAX_PAGES;
	if (out->max_unpacked == 0)
		out->max_unpacked = NB_DEFAULT_MAX_UNPACKED;
	if (out->max_entries == 0)
		out->max_entries = NB_DEFAULT_MAX_ENTRIES;
	if (out->max_depth == 0)
		out->max_depth = NB_DEFAULT_MAX_DEPTH;
	if (out->max_markup == 0)
		out->max_markup = NB_DEFAULT_MAX_MARKUP;
}

static struct nb_doc *
refuse(const char *name, struct nb_error *err, const char *what)
{
	nb_fail(err, NB_ERR_FORMAT, "%s: 不支持%s：请用 WPS 或 Word "
	    "“另存为” DOCX 或 PDF 格式后再检查", name, what);
	return NULL;
}

/* White space as a report may hold it: ASCII, U+00A0, U+3000, and the
 * zero-width U+200B and U+FEFF (a BOM left in the text). */
static size_t
blank_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
	    *s == '\f' || *s == '\v')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if ((s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) ||
	    (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x8b) ||
	    (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf))
		return 3;
	return 0;
}

static int
all_blank(const struct nb_doc *doc)
{
	for (size_t i = 0; i < doc->nlines; i++) {
		const unsigned char *s = (const unsigned char *)doc->lines[i].raw;
		size_t n;

		while (*s != '\0' && (n = blank_len(s)) > 0)
			s += n;
		if (*s != '\0')
			return 0;
	}
	return 1;
}

/* A file with nothing to check is said to be so (ingest.empty), not
 * checked into findings about what it lacks.  A PDF without text is a
 * scan: ingest.no_text says that. */
static struct nb_doc *
not_empty(struct nb_doc *doc, struct nb_error *err)
{
	if (doc == NULL || doc->no_text || !all_blank(doc))
		return doc;
	nb_fail(err, NB_ERR_EMPTY, "%s: 文件为空（0 字节或只有空白），没有可"
	    "检查的内容", doc->name);
	nb_doc_free(doc);
	return NULL;
}

/*
 * A PDF without text is a scan: recognised by the OCR module (loaded only
 * now), unless --ocr=off.  Where the module cannot read it, the PDF stays
 * what it was, a document without text (ingest.no_text says so).
 */
static struct nb_doc *
read_pdf(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct nb_doc *doc = NULL, *scan;
	struct nb_error oerr;

	if (lim->ocr != NB_OCR_FORCE &&
	    ((doc = nb_read_with(NB_READER_PDF, name, buf, len, lim,
	    err)) == NULL ||
	    !doc->no_text || lim->ocr == NB_OCR_OFF))
		return doc;
	memset(&oerr, 0, sizeof(oerr));
	if ((scan = nb_read_ocr(name, buf, len, 0, lim, doc ? &oerr : err)) ==
	    NULL)
		return doc;
	nb_doc_free(doc);
	return scan;
}

/* own: buf is malloc'd (a NUL at buf[len]) and ours to free or keep. */
static struct nb_doc *
ingest_kind(const char *name, char *own, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct nb_doc *doc;

	switch (nb_detect_kind(buf, len)) {
	case NB_KIND_PDF:
		doc = read_pdf(name, buf, len, lim, err);
		break;
	case NB_KIND_IMAGE:
		doc = nb_read_ocr(name, buf, len, 1, lim, err);
		break;
	case NB_KIND_ZIP:
		doc = nb_read_with(NB_READER_DOCX, name, buf, len, lim, err);
		break;
	case NB_KIND_OLE2:
		doc = refuse(name, err, "旧版 Word（.doc）或 WPS（.wps）文件");
		break;
	case NB_KIND_RTF:
		doc = refuse(name, err, "RTF 文件");
		break;
	case NB_KIND_HTML:
		doc = nb_read_with(NB_READER_HTML, name, buf, len, lim, err);
		break;
	default:
		/* Text: its lines may point into the bytes themselves. */
		if (own != NULL)
			return nb_read_text_owned(name, own, len, lim, err);
		return nb_read_text(name, buf, len, lim, err);
	}
	free(own);
	return doc;
}

static struct nb_doc *
ingest(const char *name, char *own, const char *buf, size_t len,
    const struct nb_limits *limits, struct nb_error *err)
{
	struct nb_limits lim;

	nb_limits_resolve(limits, &lim);
	if (len > lim.max_bytes) {
		nb_fail(err, NB_ERR_TOO_BIG, "%s: 文件过大（%zu 字节，"
		    "上限 %zu 字节）", name, len, lim.max_bytes);
		free(own);
		return NULL;
	}
	return not_empty(ingest_kind(name, own, buf, len, &lim, err), err);
}

struct nb_doc *
nb_ingest(const char *name, const char *buf, size_t len,
    const struct nb_limits *limits, struct nb_error *err)
{
	return ingest(name, NULL, buf, len, limits, err);
}

struct nb_doc *
nb_ingest_owned(const char *name, char *buf, size_t len,
    const struct nb_limits *limits, struct nb_error *err)
{
	return ingest(name, buf, buf, len, limits, err);
}
