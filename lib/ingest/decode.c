/*
 * decode.c -- bytes of unknown encoding to UTF-8 (see decode.h for the
 * order of trust).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uchardet.h>

#include "decode.h"
#include "normalize.h"

/* uchardet is slow on megabytes and needs far less to decide. */
#define NB_SNIFF_MAX	(256u * 1024)

/* Charset names we accept, mapped to the iconv name we decode with.
 * GBK and GB2312 are subsets of GB18030, so GB18030 decodes all three. */
static const struct {
	const char	*alias;
	const char	*iconv;
} charsets[] = {
	{ "UTF-8", "UTF-8" }, { "UTF8", "UTF-8" },
	{ "GB18030", "GB18030" }, { "GBK", "GB18030" },
	{ "GB2312", "GB18030" }, { "EUC-CN", "GB18030" },
	{ "CP936", "GB18030" }, { "X-GBK", "GB18030" },
	{ "BIG5", "BIG5" }, { "BIG5-HKSCS", "BIG5-HKSCS" },
	{ "UTF-16LE", "UTF-16LE" }, { "UTF-16BE", "UTF-16BE" },
};

static const char *
charset_lookup(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++)
		if (strcasecmp(name, charsets[i].alias) == 0)
			return charsets[i].iconv;
	return NULL;
}

int
nb_has_utf16_bom(const char *buf, size_t len)
{
	return len >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 ||
	    memcmp(buf, "\xfe\xff", 2) == 0);
}

/*
 * Binary data (images, executables, compressed files) has NUL bytes or
 * C0 controls that no text editor writes.  Returns the offset of the
 * first such byte, or len.
 */
static size_t
binary_offset(const unsigned char *p, size_t len)
{
	size_t i = 0, end;

	/* Eight bytes at once where none is under 0x20 (most of a text),
	 * byte by byte in the eight that hold one (a newline, a tab). */
	while (i < len) {
		if (i + 8 <= len) {
			uint64_t x;

			memcpy(&x, p + i, 8);
			if (((x - 0x2020202020202020ULL) & ~x &
			    0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		for (end = i + 8 < len ? i + 8 : len; i < end; i++)
			if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
			    p[i] != '\r' && p[i] != '\f' && p[i] != '\v' &&
			    p[i] != 0x1b)
				return i;
	}
	return len;
}

/* Valid UTF-8 is used as it is. */
static void
borrow_utf8(const char *buf, size_t len, const char *enc, struct nb_text *out)
{
	out->buf = buf;
	out->own = NULL;
	out->len = len;
	out->encoding = enc;
}

/*
 * Strict conversion: any invalid sequence fails, and *bad gets its
 * offset.  Returns 0, -1 on a decoding error (errno EILSEQ/EINVAL) or on
 * allocation failure (errno ENOMEM).
 */
static int
convert(const char *from, const char *buf, size_t len, struct nb_text *out,
    size_t *bad)
{
	iconv_t cd;
	char *in = (char *)buf, *o, *res;
	size_t inleft = len, outleft, cap, done;

	*bad = 0;
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -1;
	cap = len * 2 + 16;
	if ((res = malloc(cap)) == NULL) {
		iconv_close(cd);
		errno = ENOMEM;
		return -1;
	}
	o = res;
	outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno != E2BIG) {
			*bad = (size_t)(in - buf);
			goto fail;
		}
		done = (size_t)(o - res);
		if (cap > SIZE_MAX / 2) {
			errno = ENOMEM;
			goto fail;
		}
		cap *= 2;
		if ((o = realloc(res, cap)) == NULL) {
			errno = ENOMEM;
			goto fail;
		}
		res = o;
		o = res + done;
		outleft = cap - done - 1;
	}
	iconv_close(cd);
	*o = '\0';
	out->buf = out->own = res;
	out->len = (size_t)(o - res);
	return 0;
fail:
	free(res);
	iconv_close(cd);
	return -1;
}

/* The static name we report for an iconv name. */
static const char *
static_name(const char *iconv_name)
{
	size_t i;

	for (i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++)
		if (strcmp(iconv_name, charsets[i].iconv) == 0)
			return charsets[i].iconv;
	return "UTF-8";
}

static int
decode_with(const char *name, const char *from, const char *buf, size_t len,
    struct nb_text *out, struct nb_error *err)
{
	size_t bad;

	if (convert(from, buf, len, out, &bad) == 0) {
		out->encoding = static_name(from);
		return 0;
	}
	if (errno == ENOMEM)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	return nb_fail(err, NB_ERR_ENCODING,
	    "%s: 第 %zu 字节处无法按 %s 编码解码（文件可能已损坏；"
	    "请另存为 UTF-8 编码后重试）", name, bad, from);
}

/*
 * uchardet, opened by its soname the first time a text is not UTF-8 and
 * declares no charset: it is C++, and linked in it would bring libstdc++
 * and libgcc_s into every check (a third of a one-file check's start-up
 * relocations), where almost every report is UTF-8.  dlopen() keeps the
 * one copy and hands it back on later calls; it is never closed.
 */
struct uchardet_fns {
	uchardet_t	 (*new_)(void);
	int		 (*handle)(uchardet_t, const char *, size_t);
	void		 (*end)(uchardet_t);
	const char	*(*charset)(uchardet_t);
	void		 (*delete_)(uchardet_t);
};

static int
uchardet_open(struct uchardet_fns *f)
{
	void *dl;

	memset(f, 0, sizeof(*f));
	if ((dl = dlopen(NB_UCHARDET_SO, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return -1;
	*(void **)&f->new_ = dlsym(dl, "uchardet_new");
	*(void **)&f->handle = dlsym(dl, "uchardet_handle_data");
	*(void **)&f->end = dlsym(dl, "uchardet_data_end");
	*(void **)&f->charset = dlsym(dl, "uchardet_get_charset");
	*(void **)&f->delete_ = dlsym(dl, "uchardet_delete");
	return f->new_ && f->handle && f->end && f->charset && f->delete_ ?
	    0 : -1;
}

void
nb_decode_preload(void)
{
	struct uchardet_fns f = { 0 };

	(void)uchardet_open(&f);
}

/* uchardet's guess, mapped to an iconv name, or NULL (no guess, or no
 * uchardet: then the text is tried as GB18030, as for an unsure guess). */
static const char *
guess(const char *buf, size_t len)
{
	struct uchardet_fns f = { 0 };
	uchardet_t ud;
	const char *cs = NULL;

	if (uchardet_open(&f) == -1 || (ud = f.new_()) == NULL)
		return NULL;
	if (f.handle(ud, buf, len < NB_SNIFF_MAX ? len : NB_SNIFF_MAX) == 0) {
		f.end(ud);
		cs = charset_lookup(f.charset(ud));
	}
	f.delete_(ud);
	return cs;
}

/*
 * UTF-16 without a byte-order mark (Windows "Unicode" text without BOM):
 * the zero high bytes of ASCII characters fall on one parity (a Chinese
 * character U+xx00 puts a zero on the other, 1 in 256).  Binary data has
 * zeros on both alike.  Returns the iconv name or NULL.
 */
static const char *
utf16_nobom(const char *buf, size_t len)
{
	size_t i, z[2] = { 0, 0 };

	if (len % 2 != 0 || len < 4)
		return NULL;
	for (i = 0; i < len && i < NB_SNIFF_MAX; i++)
		if (buf[i] == '\0')
			z[i % 2]++;
	if (z[1] >= 8 * z[0] + 2)
		return "UTF-16LE";
	if (z[0] >= 8 * z[1] + 2)
		return "UTF-16BE";
	return NULL;
}

static int
decode_utf16(const char *name, const char *from, const char *buf,
    size_t len, struct nb_text *out, struct nb_error *err)
{
	if (decode_with(name, from, buf, len, out, err) == -1)
		return -1;
	if (binary_offset((const unsigned char *)out->buf, out->len) <
	    out->len) {
		free(out->own);
		out->buf = out->own = NULL;
		return nb_fail(err, NB_ERR_FORMAT,
		    "%s: 不是文本文件（%s 解码后含有控制字符）", name, from);
	}
	return 0;
}

/* Legacy (non-Unicode) bytes: declared charset, then guess, then GB18030. */
static int
decode_legacy(const char *name, const char *buf, size_t len,
    const char *declared, size_t bad_utf8, struct nb_text *out,
    struct nb_error *err)
{
	const char *cs;
	size_t bad;

	/* A wrong declaration is common (templates copied between sites):
	 * it is used only if the bytes really decode with it. */
	cs = charset_lookup(declared);
	errno = 0;
	if (cs != NULL && strcmp(cs, "UTF-8") != 0 &&
	    convert(cs, buf, len, out, &bad) == 0) {
		out->encoding = static_name(cs);
		return 0;
	}
	if (errno == ENOMEM)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	cs = guess(buf, len);
	if (cs == NULL || strcmp(cs, "UTF-8") == 0 ||
	    strncmp(cs, "UTF-16", 6) == 0) {
		/* uchardet unsure: GB18030 is what a Chinese report not in
		 * UTF-8 nearly always is. */
		if (convert("GB18030", buf, len, out, &bad) == 0) {
			out->encoding = "GB18030";
			return 0;
		}
		if (errno == ENOMEM)
			return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		return nb_fail(err, NB_ERR_ENCODING,
		    "%s: 无法识别文本编码：第 %zu 字节处不是有效的 UTF-8，"
		    "也不是 GBK/GB18030 编码（请另存为 UTF-8 编码后重试）",
		    name, bad_utf8);
	}
	return decode_with(name, cs, buf, len, out, err);
}

int
nb_decode(const char *name, const char *buf, size_t len,
    const char *declared, struct nb_text *out, struct nb_error *err)
{
	const char *from;
	size_t off, bad;

	memset(out, 0, sizeof(*out));
	if (nb_has_utf16_bom(buf, len))
		return decode_utf16(name, buf[0] == '\xff' ? "UTF-16LE" :
		    "UTF-16BE", buf + 2, len - 2, out, err);
	if ((from = utf16_nobom(buf, len)) != NULL &&
	    decode_utf16(name, from, buf, len, out, err) == 0)
		return 0;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if ((off = binary_offset((const unsigned char *)buf, len)) < len)
		return nb_fail(err, NB_ERR_FORMAT,
		    "%s: 不是文本文件（第 %zu 字节处是控制字符 0x%02x），"
		    "也不是可识别的 PDF、DOCX 或 HTML 文件", name, off,
		    (unsigned)(unsigned char)buf[off]);
	if ((bad = nb_utf8_bad(buf, len)) == len) {
		borrow_utf8(buf, len, "UTF-8", out);
		return 0;
	}
	return decode_legacy(name, buf, len, declared, bad, out, err);
}
