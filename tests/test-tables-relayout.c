/*
 * test-tables-relayout.c -- the samples laid out differently (a cell per
 * line, full-width digits, page numbers, glued labels, U+3000, CRLF,
 * indents, bold marks, lines wrapped at 6) must give the same cells,
 * table states and report as the original text.
 *
 * Usage: test-tables-relayout [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include "tables.h"

/* ---- the same samples laid out differently must give the same cells ---- */

/* A growable output buffer for the layout transforms. */
struct buf {
	char	*s;
	size_t	 n, cap;
	int	 bad;
};

static void
put(struct buf *b, const char *p, size_t n)
{
	char *ns;

	if (b->bad)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;

		if ((ns = realloc(b->s, cap)) == NULL) {
			b->bad = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static int
line_has_digit(const char *p, const char *e)
{
	for (; p < e; p++)
		if (*p >= '0' && *p <= '9')
			return 1;
	return 0;
}

enum layout {
	L_CELL_LINES,	/* every space or tab a line break */
	L_FULLWIDTH,	/* ０-９ */
	L_PAGES,	/* "- N -" page numbers between lines */
	L_GLUE,		/* "数量15 0 …": label and first number glued */
	L_IDEO,		/* U+3000 for every space */
	L_CRLF,
	L_INDENT,	/* two U+3000 before every line */
	L_BOLD,		/* "**…**" around every line without digits */
	L_WRAP6,	/* lines broken every 6 characters, as a narrow PDF */
	L_NLAYOUTS
};

static const char *const layout_names[] = {
	"cell lines", "full-width", "page numbers", "glued", "U+3000",
	"CRLF", "indent", "bold", "wrapped at 6"
};

/* Length of the UTF-8 character at p. */
static size_t
u8len(const char *p)
{
	unsigned char c = (unsigned char)*p;

	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/*
 * Breaks [p, e) every 6 characters, only between two CJK characters or
 * at a space or tab (which the break replaces): never inside a number.
 */
static void
wrap_line(struct buf *b, const char *p, const char *e)
{
	size_t n = 0, cl;
	int prev_cjk = 0;

	for (; p < e; p += cl) {
		int cjk = (unsigned char)*p >= 0xe2;

		cl = u8len(p);
		if (n >= 6 && (*p == ' ' || *p == '\t' || (prev_cjk && cjk))) {
			put(b, "\n", 1);
			n = 0;
			prev_cjk = 0;
			if (*p == ' ' || *p == '\t')
				continue;
		}
		put(b, p, cl);
		n++;
		prev_cjk = cjk;
	}
}

static void
relayout_line(struct buf *b, const char *p, const char *e, enum layout l,
    size_t lineno)
{
	const char *start = p;
	int bold = l == L_BOLD && !line_has_digit(p, e) && p < e;

	if (l == L_WRAP6) {
		wrap_line(b, p, e);
		put(b, "\n", 1);
		return;
	}
	if (l == L_INDENT)
		put(b, "\xe3\x80\x80\xe3\x80\x80", 6);
	if (bold)
		put(b, "**", 2);
	for (; p < e; p++) {
		if (l == L_CELL_LINES && (*p == ' ' || *p == '\t'))
			put(b, "\n", 1);
		else if (l == L_FULLWIDTH && *p >= '0' && *p <= '9') {
			char fw[3] = { '\xef', '\xbc', (char)(0x90 + *p - '0') };
			put(b, fw, 3);
		} else if (l == L_GLUE && *p == ' ' && p > start && p + 1 < e &&
		    p[1] >= '0' && p[1] <= '9' && (unsigned char)p[-1] >= 0x80)
			continue;
		else if (l == L_IDEO && *p == ' ')
			put(b, "\xe3\x80\x80", 3);
		else
			put(b, p, 1);
	}
	if (bold)
		put(b, "**", 2);
	put(b, l == L_CRLF ? "\r\n" : "\n", l == L_CRLF ? 2 : 1);
	if (l == L_PAGES && lineno % 17 == 5) {
		char pg[32];

		snprintf(pg, sizeof(pg), "- %zu -\n", lineno / 17 + 1);
		put(b, pg, strlen(pg));
	}
}

static char *
relayout(const char *text, enum layout l)
{
	struct buf b = { NULL, 0, 0, 0 };
	const char *p, *e;
	size_t lineno = 0;

	for (p = text; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		relayout_line(&b, p, e, l, ++lineno);
	}
	if (b.bad) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

static void
same_cells(const struct nb_report *a, const struct nb_report *b,
    const char *what)
{
	size_t i, bad = 0;

	/* The same format, read by the same pack. */
	CHECK(a->pack == b->pack, "%s: same pack", what);
	if (a->pack != b->pack)
		return;
	for (i = 0; i < a->pack->ncells; i++) {
		const struct nb_value *x = &a->cells[i].v, *y = &b->cells[i].v;

		if (x->kind != y->kind || x->d != y->d) {
			if (bad++ < 3)
				printf("  %s: %s %d %g, was %d %g\n", what,
				    a->pack->cells[i].id, (int)y->kind, y->d,
				    (int)x->kind, x->d);
		}
	}
	for (i = 0; i < a->pack->ntables; i++)
		if (a->tables[i].state != b->tables[i].state)
			bad++;
	CHECK(bad == 0, "%s: %zu cells or tables differ", what, bad);
	CHECK(a->format == b->format && a->year == b->year &&
	    strcmp(a->issuer, b->issuer) == 0 && a->norder == b->norder &&
	    memcmp(a->order, b->order, sizeof(a->order)) == 0 &&
	    a->period_start == b->period_start, "%s: same report (%s %d)",
	    what, b->issuer, (int)b->norder);
}

static void
test_layouts(void)
{
	static const char *const names[] = { "000", "001", "003", "004" };
	char path[4096], what[128];
	struct fix orig, f;
	size_t i;
	int l;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *text;

		snprintf(path, sizeof(path), "%s/tests/data/sample-%s.txt",
		    srcdir, names[i]);
		if ((text = slurp(path)) == NULL ||
		    fix_text(&orig, names[i], text) == -1) {
			CHECK(0, "read %s", path);
			free(text);
			continue;
		}
		for (l = 0; l < L_NLAYOUTS; l++) {
			char *t2;

			snprintf(what, sizeof(what), "%s %s", names[i],
			    layout_names[l]);
			if ((t2 = relayout(text, (enum layout)l)) == NULL ||
			    fix_text(&f, what, t2) == -1) {
				CHECK(0, "%s: build", what);
				free(t2);
				continue;
			}
			free(t2);
			same_cells(orig.r, f.r, what);
			fix_free(&f);
		}
		fix_free(&orig);
		free(text);
	}
}


int
main(int argc, char **argv)
{
	if (tables_setup(argc, argv) == -1)
		return 1;
	test_layouts();
	nb_pack_free(pack);
	return check_done();
}
