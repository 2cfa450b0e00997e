/*
 * ingest_text.c -- plain text in any supported encoding.  Text decoded
 * from UTF-16 may turn out to be HTML (some sites save pages that way);
 * it is then handed to the HTML reader.
 */
#include <stdlib.h>

#include "decode.h"
#include "detect.h"
#include "readers.h"

struct nb_doc *
nb_read_text(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct nb_text t;
	struct nb_doc *doc;

	if (nb_decode(name, buf, len, NULL, &t, err) == -1)
		return NULL;
	if (nb_has_utf16_bom(buf, len) && nb_looks_like_html(t.buf, t.len)) {
		doc = nb_read_with(NB_READER_HTML, name, t.buf, t.len, lim, err);
		if (doc != NULL)
			doc->encoding = t.encoding;
		free(t.own);
		return doc;
	}
	if ((doc = nb_doc_new(name)) == NULL) {
		free(t.own);
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		return NULL;
	}
	doc->kind = "text";
	doc->encoding = t.encoding;
	if (nb_doc_add_text(doc, t.buf, t.len, 0, err) == -1) {
		nb_doc_free(doc);
		doc = NULL;
	} else
		nb_doc_trim(doc);
	free(t.own);
	return doc;
}
