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

int
nb_buf_add(struct nb_buf *b, const char *s, size_t n)
{
	char *p;

	if (n == 0)		/* s may be NULL then */
		return 0;
	if (n >= SIZE_MAX / 2 - b->len)
		return -1;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

void
nb_buf_free(struct nb_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int
nb_buf_join(struct nb_buf *b, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (b->len > 0) {
		unsigned char last = (unsigned char)b->p[b->len - 1];
		unsigned char first = (unsigned char)s[0];

		if (last < 0x80 && first < 0x80 && last != ' ' && first != ' ' &&
		    nb_buf_add(b, " ", 1) == -1)
			return -1;
	}
	return nb_buf_add(b, s, n);
}

int
nb_row_field(struct nb_buf *row, size_t *nfields, const char *s, size_t n)
{
	size_t i, start;

	if ((*nfields)++ > 0 && nb_buf_add(row, "\t", 1) == -1)
		return -1;
	for (i = start = 0; i < n; i++) {
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			continue;
		if (nb_buf_add(row, s + start, i - start) == -1 ||
		    nb_buf_add(row, " ", 1) == -1)
			return -1;
		start = i + 1;
	}
	return nb_buf_add(row, s + start, n - start);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int
nb_flush_line(struct nb_doc *doc, struct nb_buf *b, unsigned *lineno,
    unsigned page)
{
	size_t start = 0, end = b->len;
	int rc = 0;

	while (start < end && is_blank(b->p[start]))
		start++;
	while (end > start && is_blank(b->p[end - 1]))
		end--;
	if (end > start) {
		rc = nb_doc_add_line(doc, b->p + start, end - start, ++*lineno,
		    page);
	}
	b->len = 0;
	return rc;
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
	    ((doc = nb_read_pdf(name, buf, len, lim, err)) == NULL ||
	    !doc->no_text || lim->ocr == NB_OCR_OFF))
		return doc;
	memset(&oerr, 0, sizeof(oerr));
	if ((scan = nb_read_ocr(name, buf, len, 0, lim, doc ? &oerr : err)) ==
	    NULL)
		return doc;
	nb_doc_free(doc);
	return scan;
}

static struct nb_doc *
ingest_kind(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	switch (nb_detect_kind(buf, len)) {
	case NB_KIND_PDF:
		return read_pdf(name, buf, len, lim, err);
	case NB_KIND_IMAGE:
		return nb_read_ocr(name, buf, len, 1, lim, err);
	case NB_KIND_ZIP:
		return nb_read_docx(name, buf, len, lim, err);
	case NB_KIND_OLE2:
		return refuse(name, err, "旧版 Word（.doc）或 WPS（.wps）文件");
	case NB_KIND_RTF:
		return refuse(name, err, "RTF 文件");
	case NB_KIND_HTML:
		return nb_read_html(name, buf, len, lim, err);
	case NB_KIND_TEXT:
		break;
	}
	return nb_read_text(name, buf, len, lim, err);
}

struct nb_doc *
nb_ingest(const char *name, const char *buf, size_t len,
    const struct nb_limits *limits, struct nb_error *err)
{
	struct nb_limits lim;

	nb_limits_resolve(limits, &lim);
	if (len > lim.max_bytes) {
		nb_fail(err, NB_ERR_TOO_BIG, "%s: 文件过大（%zu 字节，"
		    "上限 %zu 字节）", name, len, lim.max_bytes);
		return NULL;
	}
	return not_empty(ingest_kind(name, buf, len, &lim, err), err);
}

int
nb_markup_fits(const char *name, const char *what, const char *p,
    size_t len, const struct nb_limits *lim, struct nb_error *err)
{
	const char *end = p + len;
	size_t tags = 0;

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (++tags > lim->max_markup)
			return nb_fail(err, NB_ERR_TOO_BIG, "%s: %s的标记超过 %zu "
			    "个（读取器的上限），不像一份年度报告，不检查", name,
			    what, lim->max_markup);
		p++;
	}
	return 0;
}
