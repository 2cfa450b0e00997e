/*
 * ingest_docx.c -- Word 2007+ documents: word/document.xml of the zip
 * (libzip), parsed by libxml2.
 *
 * Paragraphs become lines (a w:br inside one splits it); each table row
 * becomes one line of '\t'-separated fields on the table's grid: a cell
 * with gridSpan n is followed by n - 1 empty fields, a vMerge
 * continuation cell is an empty field, w:gridBefore adds leading empty
 * fields.  So the labels of a row come first and its numbers stay in
 * their columns.
 *
 * Hostile files: the entry count, the declared sizes and the bytes
 * actually inflated are all bounded (zip bombs lie about sizes), and
 * entities are never expanded.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "docx_numbering.h"
#include "readers.h"
#include "wml.h"

#define NB_MAX_GRIDSPAN	64	/* Word allows 63 columns */

struct walk {
	const char		*name;
	struct nb_doc		*doc;
	const struct nb_limits	*lim;
	struct nb_error		*err;
	struct nb_buf		 line;
	unsigned		 lineno;
	struct nb_numbering	*num;	/* list labels, may be NULL */
};

static int	body(struct walk *w, xmlNode *n, size_t depth);
static int	cell_text(struct walk *w, xmlNode *n, struct nb_buf *b,
		    size_t depth);

static int
nomem(struct walk *w)
{
	return nb_fail(w->err, NB_ERR_NOMEM, "%s: 内存不足", w->name);
}

static int
too_deep(struct walk *w, size_t depth)
{
	if (depth <= w->lim->max_depth)
		return 0;
	return nb_fail(w->err, NB_ERR_TOO_BIG, "%s: DOCX 的 XML 嵌套超过 %zu "
	    "层，文件可能是恶意构造的", w->name, w->lim->max_depth) == -1;
}

/*
 * Elements whose text is not part of the paragraph's line: deletions,
 * field codes, properties, and drawings -- text boxes are read as lines
 * of their own (textboxes()), from their DrawingML form only: "pict" and
 * mc:Fallback hold the same text again in VML.
 */
static int
skipped(const xmlNode *n)
{
	static const char *const skip[] = { "del", "delText", "instrText",
	    "rPr", "pPr", "tblPr", "trPr", "tcPr", "sectPr",
	    "AlternateContent", "drawing", "pict", "object", "Fallback",
	    "footnoteReference", "endnoteReference", "commentReference",
	    NULL };
	const char *const *s;

	for (s = skip; *s != NULL; s++)
		if (wml_is(n, *s))
			return 1;
	return 0;
}

/* The w:val of the child element named local of props, as a number:
 * dflt without that child, 0 for a child without a value (a bare
 * <w:vMerge/> continues a merge), 1 for "restart". */
static long
prop_val(xmlNode *props, const char *local, long dflt)
{
	xmlNode *c = wml_child(props, local);
	char v[32];

	if (c == NULL)
		return dflt;
	if (wml_attr(c, "val", v, sizeof(v)) == NULL)
		return 0;
	return strcmp(v, "restart") == 0 ? 1 : strtol(v, NULL, 10);
}

/* Text of the runs under n: w:t, w:tab as '\t', w:br/w:cr as '\n'. */
static int
runs(struct walk *w, xmlNode *n, struct nb_buf *b, size_t depth)
{
	xmlNode *c, *t;
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (c = n->children; rc == 0 && c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		if (wml_is(c, "t")) {
			for (t = c->children; rc == 0 && t != NULL; t = t->next)
				if (t->type == XML_TEXT_NODE && t->content &&
				    nb_buf_add(b, (const char *)t->content,
				    strlen((const char *)t->content)) == -1)
					rc = nomem(w);
		} else if (wml_is(c, "tab") || wml_is(c, "br") || wml_is(c, "cr") ||
		    wml_is(c, "noBreakHyphen")) {
			if (nb_buf_add(b, wml_is(c, "tab") ? "\t" : wml_is(c,
			    "noBreakHyphen") ? "-" : "\n", 1) == -1)
				rc = nomem(w);
		} else
			rc = runs(w, c, b, depth + 1);
	}
	return rc;
}

/* The text of paragraph p after its list label, if it has one ("一、"
 * of an automatically numbered heading). */
static int
para_text(struct walk *w, xmlNode *p, struct nb_buf *b, size_t depth)
{
	char label[128];

	nb_numbering_label(w->num, p, label, sizeof(label));
	if (label[0] != '\0' && nb_buf_add(b, label, strlen(label)) == -1)
		return nomem(w);
	return runs(w, p, b, depth);
}

/*
 * Text boxes anchored in paragraph p (a title on a cover page often is
 * one): their paragraphs and tables, after p's own line.
 */
static int
textboxes(struct walk *w, xmlNode *n, size_t depth)
{
	xmlNode *c;
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (c = n->children; rc == 0 && c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || wml_is(c, "Fallback") ||
		    wml_is(c, "pict"))
			continue;
		if (wml_is(c, "txbxContent"))
			rc = body(w, c, depth + 1);
		else
			rc = textboxes(w, c, depth + 1);
	}
	return rc;
}

/* A body paragraph: one line per w:br-separated piece. */
static int
paragraph(struct walk *w, xmlNode *p, size_t depth)
{
	size_t i, start;
	struct nb_buf *b = &w->line;
	struct nb_buf piece = { 0 };
	int rc;

	b->len = 0;
	if ((rc = para_text(w, p, b, depth + 1)) == -1)
		return -1;
	/* an empty paragraph has no buffer yet (b->p NULL) */
	for (i = start = 0; rc == 0 && b->len > 0 && i <= b->len; i++) {
		if (i < b->len && b->p[i] != '\n')
			continue;
		piece.len = 0;
		if (nb_buf_add(&piece, b->p + start, i - start) == -1 ||
		    nb_flush_line(w->doc, &piece, &w->lineno, 0) == -1)
			rc = nomem(w);
		start = i + 1;
	}
	nb_buf_free(&piece);
	b->len = 0;
	return rc == 0 ? textboxes(w, p, depth + 1) : rc;
}

static int
cell_text(struct walk *w, xmlNode *n, struct nb_buf *b, size_t depth)
{
	struct nb_buf part = { 0 };
	xmlNode *c;
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (c = n->children; rc == 0 && c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		if (!wml_is(c, "p")) {
			rc = cell_text(w, c, b, depth + 1);
			continue;
		}
		part.len = 0;
		if ((rc = para_text(w, c, &part, depth + 1)) == 0 && part.len > 0 &&
		    nb_buf_join(b, part.p, part.len) == -1)
			rc = nomem(w);
	}
	nb_buf_free(&part);
	return rc;
}

static int
empty_fields(struct nb_buf *row, size_t *nf, long n)
{
	for (; n > 0; n--)
		if (nb_row_field(row, nf, "", 0) == -1)
			return -1;
	return 0;
}

static int
cell(struct walk *w, xmlNode *tc, struct nb_buf *row, size_t *nf,
    size_t depth)
{
	struct nb_buf text = { 0 };
	xmlNode *pr = wml_child(tc, "tcPr");
	long span = prop_val(pr, "gridSpan", 1);
	int cont = prop_val(pr, "vMerge", 1) == 0;
	int rc = 0;

	if (span < 1)
		span = 1;
	if (span > NB_MAX_GRIDSPAN)
		span = NB_MAX_GRIDSPAN;
	/* A continuation of a vertically merged cell shows nothing: its
	 * text, if a broken writer left some, is not displayed by Word. */
	if (!cont)
		rc = cell_text(w, tc, &text, depth + 1);
	if (rc == 0 && (nb_row_field(row, nf, text.p ? text.p : "",
	    text.len) == -1 || empty_fields(row, nf, span - 1) == -1))
		rc = nomem(w);
	nb_buf_free(&text);
	return rc;
}

static int
row_cells(struct walk *w, xmlNode *n, struct nb_buf *row, size_t *nf,
    size_t depth)
{
	xmlNode *c;
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (c = n->children; rc == 0 && c != NULL; c = c->next) {
		if (wml_is(c, "tc"))
			rc = cell(w, c, row, nf, depth + 1);
		else if (c->type == XML_ELEMENT_NODE && !skipped(c))
			rc = row_cells(w, c, row, nf, depth + 1);
	}
	return rc;
}

static int
table_row(struct walk *w, xmlNode *tr, size_t depth)
{
	struct nb_buf row = { 0 };
	size_t nf = 0, i;
	long before = prop_val(wml_child(tr, "trPr"), "gridBefore", 0);
	int rc = 0;

	if (before > NB_MAX_GRIDSPAN)
		before = NB_MAX_GRIDSPAN;
	if (empty_fields(&row, &nf, before) == -1)
		rc = nomem(w);
	if (rc == 0)
		rc = row_cells(w, tr, &row, &nf, depth + 1);
	for (i = 0; rc == 0 && i < row.len; i++)
		if (row.p[i] != '\t' && row.p[i] != ' ')
			break;
	if (rc == 0 && i < row.len && nb_doc_add_line(w->doc, row.p,
	    row.len, ++w->lineno, 0) == -1)
		rc = nomem(w);
	nb_buf_free(&row);
	return rc;
}

/* Rows of a table, also those wrapped in w:sdt or w:customXml. */
static int
table(struct walk *w, xmlNode *n, size_t depth)
{
	xmlNode *c;
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (c = n->children; rc == 0 && c != NULL; c = c->next) {
		if (wml_is(c, "tr"))
			rc = table_row(w, c, depth + 1);
		else if (c->type == XML_ELEMENT_NODE && !skipped(c))
			rc = table(w, c, depth + 1);
	}
	return rc;
}

static int
body(struct walk *w, xmlNode *n, size_t depth)
{
	xmlNode *c;
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (c = n->children; rc == 0 && c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		if (wml_is(c, "p"))
			rc = paragraph(w, c, depth + 1);
		else if (wml_is(c, "tbl"))
			rc = table(w, c, depth + 1);
		else
			rc = body(w, c, depth + 1);
	}
	return rc;
}

/* Refuses archives whose entries are too many or, as declared, too big. */
static int
check_archive(const char *name, zip_t *za, const struct nb_limits *lim,
    struct nb_error *err)
{
	zip_int64_t n = zip_get_num_entries(za, 0), i;
	zip_uint64_t total = 0;
	zip_stat_t st;

	if (n < 0 || (zip_uint64_t)n > lim->max_entries)
		return nb_fail(err, NB_ERR_TOO_BIG, "%s: 压缩包内文件数（%lld）"
		    "超过上限 %zu，文件可能是恶意构造的", name, (long long)n,
		    lim->max_entries);
	for (i = 0; i < n; i++) {
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0 &&
		    (st.valid & ZIP_STAT_SIZE))
			total += st.size;
		if (total > lim->max_unpacked)
			return nb_fail(err, NB_ERR_TOO_BIG, "%s: 解压后大小超过"
			    "上限 %zu 字节（疑似压缩炸弹）", name,
			    lim->max_unpacked);
	}
	return 0;
}

static int
not_docx(const char *name, zip_t *za, struct nb_error *err)
{
	if (zip_name_locate(za, "content.xml", 0) >= 0)
		return nb_fail(err, NB_ERR_FORMAT, "%s: 不支持 OpenDocument"
		    "（.odt）文件：请另存为 DOCX 或 PDF 格式后再检查", name);
	if (zip_name_locate(za, "xl/workbook.xml", 0) >= 0)
		return nb_fail(err, NB_ERR_FORMAT, "%s: 这是 Excel 表格，不是"
		    "年度报告文档：请提交 DOCX、PDF、HTML 或文本文件", name);
	return nb_fail(err, NB_ERR_FORMAT, "%s: ZIP 压缩包中没有 "
	    "word/document.xml，不是 DOCX 文件", name);
}

/*
 * Inflates one entry into out, never letting the total inflated exceed
 * lim->max_unpacked whatever the archive claims (*used counts it).
 * Returns 1 if the entry is absent, 0, or -1 with err set.
 */
static int
read_entry(const char *name, zip_t *za, const char *entry,
    const struct nb_limits *lim, size_t *used, struct nb_buf *out,
    struct nb_error *err)
{
	zip_int64_t idx = zip_name_locate(za, entry, 0), got;
	zip_file_t *zf;
	char chunk[16384];
	int rc = 0;

	if (idx < 0)
		return 1;
	if ((zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL)
		return nb_fail(err, NB_ERR_FORMAT, "%s: 无法读取 DOCX 中的 %s"
		    "（%s），文件可能已损坏或已加密", name, entry,
		    zip_strerror(za));
	while (rc == 0 && (got = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
		if ((size_t)got > lim->max_unpacked - *used)
			rc = nb_fail(err, NB_ERR_TOO_BIG, "%s: 解压后大小超过"
			    "上限 %zu 字节（疑似压缩炸弹）", name,
			    lim->max_unpacked);
		else if (nb_buf_add(out, chunk, (size_t)got) == -1)
			rc = nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		else
			*used += (size_t)got;
	}
	if (rc == 0 && got < 0)
		rc = nb_fail(err, NB_ERR_FORMAT, "%s: DOCX 压缩数据损坏（%s）",
		    name, zip_file_strerror(zf));
	zip_fclose(zf);
	return rc;
}

/* No entity expansion, no network, no error output. */
static xmlDocPtr
parse_xml(const struct nb_buf *xml)
{
	if (xml->len == 0 || xml->len > INT_MAX)
		return NULL;
	return xmlReadMemory(xml->p, (int)xml->len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_COMPACT);
}

static struct nb_doc *
read_body(const char *name, xmlDocPtr x, struct nb_numbering *num,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.name = name;
	w.lim = lim;
	w.err = err;
	w.num = num;
	if ((w.doc = nb_doc_new(name)) == NULL)
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	else {
		w.doc->kind = "docx";
		w.doc->encoding = "UTF-8";
		if (body(&w, (xmlNode *)x, 0) == -1) {
			nb_doc_free(w.doc);
			w.doc = NULL;
		}
	}
	nb_buf_free(&w.line);
	return w.doc;
}

/*
 * List labels need word/numbering.xml and word/styles.xml; a document
 * without them (or with broken ones) is read without labels.
 */
static int
read_numbering(const char *name, zip_t *za, const struct nb_limits *lim,
    size_t *used, struct nb_numbering **num, struct nb_error *err)
{
	struct nb_buf nx = { 0 }, sx = { 0 };
	xmlDocPtr n = NULL, st = NULL;
	int rc;

	*num = NULL;
	if ((rc = read_entry(name, za, "word/numbering.xml", lim, used, &nx,
	    err)) == -1 || (rc = read_entry(name, za, "word/styles.xml", lim,
	    used, &sx, err)) == -1) {
		nb_buf_free(&nx);
		nb_buf_free(&sx);
		return -1;
	}
	if (nb_markup_fits(name, "DOCX 编号定义", nx.p, nx.len, lim, err) ==
	    -1 || nb_markup_fits(name, "DOCX 样式", sx.p, sx.len, lim,
	    err) == -1) {
		nb_buf_free(&nx);
		nb_buf_free(&sx);
		return -1;
	}
	n = parse_xml(&nx);
	st = parse_xml(&sx);
	nb_buf_free(&nx);
	nb_buf_free(&sx);
	rc = 0;
	if (n != NULL && (*num = nb_numbering_new(n, st)) == NULL)
		rc = nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	xmlFreeDoc(n);
	xmlFreeDoc(st);
	return rc;
}

static struct nb_doc *
read_docx(const char *name, zip_t *za, const struct nb_limits *lim,
    struct nb_error *err)
{
	struct nb_buf xml = { 0 };
	struct nb_numbering *num = NULL;
	struct nb_doc *doc = NULL;
	size_t used = 0;
	xmlDocPtr x;
	int rc;

	if ((rc = read_entry(name, za, "word/document.xml", lim, &used, &xml,
	    err)) == 1)
		not_docx(name, za, err);
	if (rc != 0 || read_numbering(name, za, lim, &used, &num, err) == -1) {
		nb_buf_free(&xml);
		return NULL;
	}
	/* A tree costs about 100 bytes a tag: count them first. */
	if (nb_markup_fits(name, "DOCX 正文", xml.p, xml.len, lim, err) == 0) {
		if ((x = parse_xml(&xml)) == NULL)
			nb_fail(err, NB_ERR_FORMAT, "%s: DOCX 的正文不是有效的 "
			    "XML，文件可能已损坏", name);
		else {
			doc = read_body(name, x, num, lim, err);
			xmlFreeDoc(x);
		}
	}
	nb_numbering_free(num);
	nb_buf_free(&xml);
	return doc;
}

struct nb_doc *
nb_read_docx(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct nb_doc *doc = NULL;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(buf, len, 0, &ze)) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		zip_error_fini(&ze);
		return NULL;
	}
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		nb_fail(err, NB_ERR_FORMAT, "%s: 不是有效的 ZIP/DOCX 文件"
		    "（%s），文件可能不完整或已损坏", name,
		    zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	if (check_archive(name, za, lim, err) == 0)
		doc = read_docx(name, za, lim, err);
	zip_discard(za);
	return doc;
}
