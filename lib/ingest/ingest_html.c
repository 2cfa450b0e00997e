/*
 * ingest_html.c -- HTML pages (libxml2's forgiving HTML parser).
 *
 * Block elements end lines; page chrome (script, style, nav, header,
 * footer, forms) is dropped; each <tr> becomes one line of '\t'-separated
 * fields laid out on the table's grid: a cell spanning n columns is
 * followed by n - 1 empty fields and a cell spanning rows leaves an empty
 * field in the rows below, so the numbers of a row stay in their columns
 * and the labels come first.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "decode.h"
#include "readers.h"

#define NB_CHARSET_SNIFF	4096
/* Spans are laid out as empty fields: caps keep a small hostile file
 * from growing into a huge document (no report table is that wide). */
#define NB_MAX_COLSPAN		64
#define NB_MAX_ROWSPAN		65534	/* the HTML limit */
#define NB_MAX_COLUMNS		512

struct walk {
	const char		*name;
	struct nb_doc		*doc;
	const struct nb_limits	*lim;
	struct nb_error		*err;
	struct nb_buf		 line;
	unsigned		 lineno;
	int			 pre;	/* inside <pre>: keep line breaks */
	int			 ol;	/* in an <ol> numbered in Chinese */
	long			 item;	/* number of the next <li> */
	char			 marker[32]; /* of an <li>, put before its
					 * first text */
	size_t			 rowbytes; /* table rows made so far */
};

static int	walk_children(struct walk *w, xmlNode *n, size_t depth);
static int	cell_text(struct walk *w, xmlNode *n, struct nb_buf *b,
		    size_t depth);

static int
name_in(const xmlNode *n, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcasecmp((const char *)n->name, *names) == 0)
			return 1;
	return 0;
}

static int
is_chrome(const xmlNode *n)
{
	static const char *const chrome[] = { "script", "style", "nav",
	    "noscript", "template", "head", "header", "footer", "aside",
	    "form", "select", "button", "iframe", "svg", "object", "map",
	    NULL };

	return name_in(n, chrome);
}

static int
is_block(const xmlNode *n)
{
	static const char *const blocks[] = { "p", "div", "h1", "h2", "h3",
	    "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
	    "article", "main", "blockquote", "pre", "center", "address",
	    "hr", "br", "caption", "figure", "figcaption", "body", "html",
	    "tr", "td", "th", NULL };

	return name_in(n, blocks);
}

static int
too_deep(struct walk *w, size_t depth)
{
	if (depth <= w->lim->max_depth)
		return 0;
	return nb_fail(w->err, NB_ERR_TOO_BIG, "%s: HTML 元素嵌套超过 %zu 层，"
	    "文件可能是恶意构造的", w->name, w->lim->max_depth) == -1;
}

static int
nomem(struct walk *w)
{
	return nb_fail(w->err, NB_ERR_NOMEM, "%s: 内存不足", w->name);
}

/* Appends text with HTML white space folded to single spaces. */
static int
add_folded(struct nb_buf *b, const char *s)
{
	size_t i, start;

	for (i = start = 0; s[i] != '\0'; i++) {
		if (!strchr(" \t\n\r\f", s[i]))
			continue;
		if (nb_buf_add(b, s + start, i - start) == -1)
			return -1;
		if ((b->len == 0 || b->p[b->len - 1] != ' ') &&
		    nb_buf_add(b, " ", 1) == -1)
			return -1;
		start = i + 1;
	}
	return nb_buf_add(b, s + start, i - start);
}

/* Inside <pre>: every newline ends a line. */
static int
add_pre(struct walk *w, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		if (nb_buf_add(&w->line, s, (size_t)(nl - s)) == -1 ||
		    nb_flush_line(w->doc, &w->line, &w->lineno, 0) == -1)
			return -1;
		s = nl + 1;
	}
	return nb_buf_add(&w->line, s, strlen(s));
}

static long
span_attr(xmlNode *n, const char *attr, long max)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	long x = 1;

	if (v != NULL) {
		x = strtol((const char *)v, NULL, 10);
		xmlFree(v);
	}
	if (x < 1)
		x = 1;
	return x > max ? max : x;
}

/*
 * Rows still covered by a cell above, per grid column.  Grows with the
 * widest row seen, up to NB_MAX_COLUMNS.
 */
struct grid {
	long	*left;
	size_t	 ncols;
};

static int
grid_need(struct grid *g, size_t ncols)
{
	long *p;

	if (ncols <= g->ncols)
		return 0;
	if (ncols > NB_MAX_COLUMNS)
		return -1;
	if ((p = realloc(g->left, ncols * sizeof(*p))) == NULL)
		return -1;
	memset(p + g->ncols, 0, (ncols - g->ncols) * sizeof(*p));
	g->left = p;
	g->ncols = ncols;
	return 0;
}

/* Empty fields for the columns at *col still covered from above. */
static int
skip_covered(struct grid *g, size_t *col, struct nb_buf *row, size_t *nf)
{
	while (*col < g->ncols && g->left[*col] > 0) {
		g->left[*col]--;
		if (nb_row_field(row, nf, "", 0) == -1)
			return -1;
		(*col)++;
	}
	return 0;
}

static int
add_cell(struct walk *w, struct grid *g, xmlNode *td, size_t *col,
    struct nb_buf *row, size_t *nf, size_t depth)
{
	struct nb_buf text = { 0 };
	long cs = span_attr(td, "colspan", NB_MAX_COLSPAN);
	long rs = span_attr(td, "rowspan", NB_MAX_ROWSPAN);
	long i;
	int rc;

	if (grid_need(g, *col + (size_t)cs) == -1)
		return nb_fail(w->err, NB_ERR_TOO_BIG, "%s: 表格超过 %d 列",
		    w->name, NB_MAX_COLUMNS);
	rc = cell_text(w, td->children, &text, depth + 1);
	if (rc == 0 && nb_row_field(row, nf, text.p ? text.p : "",
	    text.len) == -1)
		rc = nomem(w);
	nb_buf_free(&text);
	for (i = 0; rc == 0 && i < cs; i++, (*col)++) {
		g->left[*col] = rs - 1;
		if (i > 0 && nb_row_field(row, nf, "", 0) == -1)
			rc = nomem(w);
	}
	return rc;
}

static int
add_row_line(struct walk *w, struct nb_buf *row)
{
	size_t i;

	for (i = 0; i < row->len; i++)
		if (!strchr(" \t", row->p[i]))
			break;
	if (i == row->len)
		return 0;
	if ((w->rowbytes += row->len) > w->lim->max_unpacked)
		return nb_fail(w->err, NB_ERR_TOO_BIG, "%s: 表格展开后超过 %zu "
		    "字节，文件可能是恶意构造的", w->name, w->lim->max_unpacked);
	if (nb_doc_add_line(w->doc, row->p, row->len, ++w->lineno, 0) == -1)
		return nomem(w);
	return 0;
}

static int
do_row(struct walk *w, struct grid *g, xmlNode *tr, size_t depth)
{
	struct nb_buf row = { 0 };
	size_t col = 0, nf = 0;
	xmlNode *c;
	int rc = 0;

	for (c = tr->children; rc == 0 && c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    (strcasecmp((const char *)c->name, "td") != 0 &&
		    strcasecmp((const char *)c->name, "th") != 0))
			continue;
		if (skip_covered(g, &col, &row, &nf) == -1)
			rc = nomem(w);
		else
			rc = add_cell(w, g, c, &col, &row, &nf, depth);
	}
	if (rc == 0 && skip_covered(g, &col, &row, &nf) == -1)
		rc = nomem(w);
	if (rc == 0)
		rc = add_row_line(w, &row);
	nb_buf_free(&row);
	return rc;
}

/* Rows of a table: its own <tr>s, also inside thead/tbody/tfoot, not
 * those of nested tables. */
static int
do_rows(struct walk *w, struct grid *g, xmlNode *n, size_t depth)
{
	static const char *const groups[] = { "thead", "tbody", "tfoot",
	    NULL };
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (; rc == 0 && n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "tr") == 0)
			rc = do_row(w, g, n, depth + 1);
		else if (strcasecmp((const char *)n->name, "caption") == 0)
			rc = walk_children(w, n, depth + 1);
		else if (name_in(n, groups))
			rc = do_rows(w, g, n->children, depth + 1);
	}
	return rc;
}

static int
do_table(struct walk *w, xmlNode *table, size_t depth)
{
	struct grid g = { NULL, 0 };
	int rc;

	if (nb_flush_line(w->doc, &w->line, &w->lineno, 0) == -1)
		return nomem(w);
	rc = do_rows(w, &g, table->children, depth + 1);
	free(g.left);
	return rc;
}

/* The text of a cell, nested tables included, line breaks joined. */
static int
cell_text(struct walk *w, xmlNode *n, struct nb_buf *b, size_t depth)
{
	struct nb_buf part = { 0 };
	int rc = 0;

	if (too_deep(w, depth))
		return -1;
	for (; rc == 0 && n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type ==
		    XML_CDATA_SECTION_NODE) {
			if (n->content != NULL &&
			    add_folded(b, (const char *)n->content) == -1)
				rc = nomem(w);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || is_chrome(n))
			continue;
		if (!is_block(n) && strcasecmp((const char *)n->name,
		    "table") != 0) {
			rc = cell_text(w, n->children, b, depth + 1);
			continue;
		}
		rc = cell_text(w, n->children, &part, depth + 1);
		if (rc == 0 && part.len > 0) {
			while (b->len > 0 && b->p[b->len - 1] == ' ')
				b->len--;
			if (nb_buf_join(b, part.p, part.len) == -1)
				rc = nomem(w);
		}
		part.len = 0;
	}
	nb_buf_free(&part);
	return rc;
}

/*
 * Does an <ol> number its items in Chinese (CSS list-style-type
 * cjk-ideographic, simp-chinese-informal...)?  Only those markers are
 * kept: "四、" is what the heading would say typed out, while the "4." a
 * browser shows for a plain <ol> (what converters make of Word's own
 * numbering) would turn a heading into a numbered paragraph.
 */
static int
chinese_list(xmlNode *ol)
{
	xmlChar *st = xmlGetProp(ol, (const xmlChar *)"style");
	int yes = st != NULL && (strstr((const char *)st, "cjk-ideographic") ||
	    strstr((const char *)st, "chinese"));

	xmlFree(st);
	return yes;
}

/* The marker a browser shows before a list item in Chinese numbers. */
static void
set_marker(struct walk *w)
{
	static const char *const cn[] = { "", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九", "十" };
	long v = w->item++;

	if (v >= 1 && v <= 10)
		snprintf(w->marker, sizeof(w->marker), "%s、", cn[v]);
}

/* Lists: items numbered in Chinese get their marker; others none. */
static int
walk_list(struct walk *w, xmlNode *n, size_t depth)
{
	int ol = w->ol, rc;
	long item = w->item;

	w->ol = strcasecmp((const char *)n->name, "ol") == 0 &&
	    chinese_list(n);
	w->item = span_attr(n, "start", 1000000);
	if (nb_flush_line(w->doc, &w->line, &w->lineno, 0) == -1)
		return nomem(w);
	rc = walk_children(w, n, depth + 1);
	w->ol = ol;
	w->item = item;
	if (rc == 0 && nb_flush_line(w->doc, &w->line, &w->lineno, 0) == -1)
		return nomem(w);
	return rc;
}

static int
walk_node(struct walk *w, xmlNode *n, size_t depth)
{
	int block, pre, rc;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content == NULL)
			return 0;
		if (w->marker[0] != '\0' && strspn((const char *)n->content,
		    " \t\r\n\f") < strlen((const char *)n->content)) {
			if (nb_buf_add(&w->line, w->marker,
			    strlen(w->marker)) == -1)
				return nomem(w);
			w->marker[0] = '\0';
		}
		rc = w->pre ? add_pre(w, (const char *)n->content) :
		    add_folded(&w->line, (const char *)n->content);
		return rc == -1 ? nomem(w) : 0;
	}
	if (n->type != XML_ELEMENT_NODE || is_chrome(n))
		return 0;
	if (strcasecmp((const char *)n->name, "table") == 0)
		return do_table(w, n, depth);
	if (strcasecmp((const char *)n->name, "ol") == 0 ||
	    strcasecmp((const char *)n->name, "ul") == 0)
		return walk_list(w, n, depth);
	block = is_block(n);
	if (block && nb_flush_line(w->doc, &w->line, &w->lineno, 0) == -1)
		return nomem(w);
	if (w->ol && strcasecmp((const char *)n->name, "li") == 0)
		set_marker(w);
	pre = w->pre;
	if (strcasecmp((const char *)n->name, "pre") == 0)
		w->pre = 1;
	rc = walk_children(w, n, depth + 1);
	w->pre = pre;
	if (rc == 0 && block &&
	    nb_flush_line(w->doc, &w->line, &w->lineno, 0) == -1)
		return nomem(w);
	return rc;
}

static int
walk_children(struct walk *w, xmlNode *n, size_t depth)
{
	xmlNode *c;

	if (too_deep(w, depth))
		return -1;
	for (c = n->children; c != NULL; c = c->next)
		if (walk_node(w, c, depth) == -1)
			return -1;
	return 0;
}

/*
 * The charset a page declares, from <meta charset=...> or
 * <meta http-equiv content="...; charset=...">: the first "charset="
 * in the first kilobytes.  Only a hint: nb_decode() checks it.
 */
static char *
declared_charset(const char *buf, size_t len, char *out, size_t outlen)
{
	const char *p = buf, *end = buf + (len > NB_CHARSET_SNIFF ?
	    NB_CHARSET_SNIFF : len);
	size_t k = 0;

	while (end - p > 8 && strncasecmp(p, "charset=", 8) != 0)
		p++;
	if (end - p <= 8)
		return NULL;
	for (p += 8; p < end && strchr("\"' ", *p) != NULL; p++)
		;
	while (p < end && k + 1 < outlen && (isalnum((unsigned char)*p) ||
	    *p == '-' || *p == '_'))
		out[k++] = *p++;
	out[k] = '\0';
	return k > 0 ? out : NULL;
}

static htmlDocPtr
parse(const char *name, const struct nb_text *t, const struct nb_limits *lim,
    struct nb_error *err)
{
	htmlDocPtr h;

	if (t->len > INT_MAX) {
		nb_fail(err, NB_ERR_TOO_BIG, "%s: HTML 文件过大", name);
		return NULL;
	}
	if (nb_markup_fits(name, "HTML 文件", t->buf, t->len, lim, err) == -1)
		return NULL;
	h = htmlReadMemory(t->buf, (int)t->len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
	if (h == NULL || xmlDocGetRootElement(h) == NULL) {
		if (h != NULL)
			xmlFreeDoc(h);
		nb_fail(err, NB_ERR_FORMAT, "%s: 无法解析 HTML 文件", name);
		return NULL;
	}
	return h;
}

static struct nb_doc *
read_parsed(const char *name, htmlDocPtr h, const struct nb_text *t,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct walk w;
	xmlNode root;

	memset(&w, 0, sizeof(w));
	w.name = name;
	w.lim = lim;
	w.err = err;
	if ((w.doc = nb_doc_new(name)) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		return NULL;
	}
	w.doc->kind = "html";
	w.doc->encoding = t->encoding;
	/* Walk from a stand-in parent so the root element is handled like
	 * any other (it may be a bare fragment's <p>). */
	memset(&root, 0, sizeof(root));
	root.children = xmlDocGetRootElement(h);
	if (walk_children(&w, &root, 0) == -1 ||
	    nb_flush_line(w.doc, &w.line, &w.lineno, 0) == -1) {
		if (err != NULL && err->code == NB_OK)
			nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		nb_doc_free(w.doc);
		w.doc = NULL;
	}
	nb_buf_free(&w.line);
	return w.doc;
}

struct nb_doc *
nb_read_html(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	struct nb_text t;
	struct nb_doc *doc;
	htmlDocPtr h;
	char cs[64];

	nb_error_clear(err);
	if (nb_decode(name, buf, len, declared_charset(buf, len, cs,
	    sizeof(cs)), &t, err) == -1)
		return NULL;
	if ((h = parse(name, &t, lim, err)) == NULL) {
		free(t.own);
		return NULL;
	}
	doc = read_parsed(name, h, &t, lim, err);
	xmlFreeDoc(h);
	free(t.own);
	return doc;
}
