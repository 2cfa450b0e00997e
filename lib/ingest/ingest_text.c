/*
 * ingest_text.c -- plain text in any supported encoding.  Text decoded
 * from UTF-16 may turn out to be HTML (some sites save pages that way);
 * it is then handed to the HTML reader.
 */
#include <stdlib.h>

#include "decode.h"
#include "detect.h"
#include "readers.h"

/*
 * Reads text; with own, buf is malloc'd with a NUL at buf[len] and is the
 * reader's to keep or free: the document's lines then point into the text
 * (buf itself, or what it was converted to) instead of copying it.
 */
static struct nb_doc *
read_text(const char *name, char *own, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct nb_text t;
	struct nb_doc *doc;
	int rc;

	if (nb_decode(name, buf, len, NULL, &t, err) == -1) {
		free(own);
		return NULL;
	}
	if (nb_has_utf16_bom(buf, len) && nb_looks_like_html(t.buf, t.len)) {
		doc = nb_read_with(NB_READER_HTML, name, t.buf, t.len, lim, err);
		if (doc != NULL)
			doc->encoding = t.encoding;
		free(t.own);
		free(own);
		return doc;
	}
	if ((doc = nb_doc_new(name)) == NULL) {
		free(t.own);
		free(own);
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		return NULL;
	}
	doc->kind = "text";
	doc->encoding = t.encoding;
	if (t.own != NULL) {		/* converted: the copy is ours */
		free(own);
		rc = nb_doc_adopt_text(doc, t.own, 0, t.len, 0, err);
	} else if (own != NULL)		/* borrowed from buf, which is ours */
		rc = nb_doc_adopt_text(doc, own, (size_t)(t.buf - buf), t.len,
		    0, err);
	else
		rc = nb_doc_add_text(doc, t.buf, t.len, 0, err);
	if (rc == -1) {
		nb_doc_free(doc);
		return NULL;
	}
	nb_doc_trim(doc);
	return doc;
}

struct nb_doc *
nb_read_text(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	return read_text(name, NULL, buf, len, lim, err);
}

struct nb_doc *
nb_read_text_owned(const char *name, char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	return read_text(name, buf, buf, len, lim, err);
}
