/*
 * rows.c -- the rows of a table found in its token stream: each keyed row
 * takes the number run that follows the chunk holding its key, in order;
 * rows without keys (T4) take the first run long enough for them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "normalize.h"
#include "table.h"

/*
 * Text recognised from a scan misreads a character of a label now and
 * then (逾 as 请): there a key of five characters or more also matches
 * with one Han character different, or one mark more that is neither a
 * Han character nor a digit ("(七)〗总计").  Shorter keys must match exactly;
 * no two rows' keys differ by one Han character of five.
 *
 * Most keys are four characters (另行制作, 仍不明确, 本年新收), so a scan
 * that misreads one of them (另行抽作, 仍相明确, 本年新站) lost the row and
 * with it every relation through it.  A scan's label is matched by the
 * row's printed label too: the first LABEL_HAN Han characters of its
 * longest run of them ("没有现成信息需要另行制作" of “（四）无法提供 2.没
 * 有现成信息需要另行制作”), when there are LABEL_MIN or more, with one
 * Han character in five misread.  No two rows of the packs' T2 and T3
 * have runs that near (test-tables-synth checks it on both packs).
 */
#define FUZZY_MIN	5
#define LABEL_MIN	8
#define LABEL_HAN	12

static int
is_han(ucs4_t c)
{
	return c >= 0x4e00 && c <= 0x9fff;
}

/* Where text holds the n characters kc with fewer than `bad` points of
 * difference: one a Han character for another, two anything else. */
static const char *
fuzzy_at(const char *text, const ucs4_t *kc, size_t n, size_t bad_max,
    size_t *klen)
{
	const char *p, *q;
	size_t i, bad;
	ucs4_t c, c2;
	int len;

	for (p = text; *p != '\0'; p += len) {
		for (q = p, i = bad = 0; i < n && *q != '\0' && bad <= bad_max;
		    i++) {
			int l = u8_mbtouc(&c, (const uint8_t *)q, 4);

			if (l <= 0)
				return NULL;
			/* only one Han character for another: digits and
			 * brackets tell rows apart ("(3)其他", "(六)其他") */
			if (c != kc[i] && !is_han(c) && (c < '0' || c > '9') &&
			    u8_mbtouc(&c2, (const uint8_t *)q + l, 4) > 0 &&
			    c2 == kc[i]) {
				/* a mark the scan added: "(七)〗总计" */
				bad++;
				q += l;
				i--;
				continue;
			}
			if (c != kc[i])
				bad += is_han(c) && is_han(kc[i]) ? 1 : 2;
			q += l;
		}
		if (i == n && bad <= bad_max) {
			*klen = (size_t)(q - p);
			return p;
		}
		if ((len = u8_mblen((const uint8_t *)p, 4)) <= 0)
			return NULL;
	}
	return NULL;
}

static const char *
fuzzy_key(const char *text, const char *key, size_t *klen)
{
	ucs4_t kc[64];
	const char *q;
	size_t n = 0;
	int len;

	for (q = key; *q != '\0' && n < 64; q += len, n++)
		if ((len = u8_mbtouc(&kc[n], (const uint8_t *)q, 4)) <= 0)
			return NULL;
	if (n < FUZZY_MIN || *q != '\0')
		return NULL;
	return fuzzy_at(text, kc, n, 1, klen);
}

/* The head of the longest run of Han characters in label (up to
 * LABEL_HAN of them) in kc: how many, 0 if fewer than LABEL_MIN. */
size_t
nb_label_run(const char *label, ucs4_t *kc)
{
	size_t n = 0, best = 0, at = 0, i, from = 0;
	ucs4_t c[128];
	const char *p;
	int len;

	for (p = label; *p != '\0' && n < 128; p += len) {
		if ((len = u8_mbtouc(&c[n], (const uint8_t *)p, 4)) <= 0)
			return 0;
		if (!is_han(c[n]))
			from = n + 1;
		else if (n + 1 - from > best) {
			best = n + 1 - from;
			at = from;
		}
		n++;
	}
	if (best < LABEL_MIN)
		return 0;
	if (best > LABEL_HAN)
		best = LABEL_HAN;
	for (i = 0; i < best; i++)
		kc[i] = c[at + i];
	return best;
}

/* The row's printed label in a scan's text, one Han character in five
 * misread. */
static const char *
label_in(const char *text, const struct nb_row_def *rd, size_t *klen)
{
	ucs4_t kc[LABEL_HAN];
	size_t n;

	if (rd->label == NULL || (n = nb_label_run(rd->label, kc)) == 0)
		return NULL;
	return fuzzy_at(text, kc, n, n / 5, klen);
}

const char *
nb_key_in_seg(const struct region *g, const struct nb_row_def *rd, size_t s,
    size_t start, size_t *klen)
{
	const char *text = g->s[s].text, *best = NULL, *m;
	size_t k;

	if (g->s[s].num || start > strlen(text))
		return NULL;
	for (k = 0; k < rd->keys.n; k++) {
		if (rd->keys.v[k][0] == '\0')
			continue;
		m = strstr(text + start, rd->keys.v[k]);
		if (m != NULL && (best == NULL || m < best)) {
			best = m;
			*klen = strlen(rd->keys.v[k]);
		}
	}
	for (k = 0; best == NULL && g->r->src->ocr && k < rd->keys.n; k++)
		best = fuzzy_key(text + start, rd->keys.v[k], klen);
	if (best == NULL && g->r->src->ocr && rd->keys.n > 0)
		best = label_in(text + start, rd, klen);
	return best;
}

/*
 * A key broken by the row's numbers (pdftotext -layout prints them on the
 * middle line of a wrapped label: "2.没有现成信息需要另行" / numbers /
 * "制作"): chunk s ends with the key's head and chunk s + 2, after the run
 * s + 1, starts with its tail.  Returns the key's offset in chunk s, or
 * -1.
 */
static long
key_around_run(const struct region *g, const struct nb_row_def *rd, size_t s,
    size_t start, size_t *klen)
{
	const char *a, *b;
	size_t k, i, la;

	if (s + 2 >= g->ns || g->s[s].num || !g->s[s + 1].num ||
	    g->s[s + 2].num || start > strlen(g->s[s].text))
		return -1;
	a = g->s[s].text + start;
	b = g->s[s + 2].text;
	la = strlen(a);
	for (k = 0; k < rd->keys.n; k++) {
		const char *key = rd->keys.v[k];
		size_t kl = strlen(key);

		for (i = 1; i < kl; i++) {
			if (((unsigned char)key[i] & 0xc0) == 0x80 || i > la ||
			    strncmp(a + la - i, key, i) != 0 ||
			    strncmp(b, key + i, kl - i) != 0)
				continue;
			*klen = kl;
			return (long)(start + la - i);
		}
	}
	return -1;
}

/* The last place in text of the first n bytes of key, or NULL. */
static const char *
find_head(const char *text, const char *key, size_t n)
{
	const char *m, *last = NULL;

	for (m = text; *m != '\0'; m++)
		if (strncmp(m, key, n) == 0)
			last = m;
	return last;
}

/*
 * A key broken by the row's numbers with more between its head and the
 * run: pdftotext -layout puts the group label on the middle line too
 * ("2. 没有现成信息需要另行" / "(四) 无法提供   1 0 0 00 01" / "制作"):
 * chunk s holds the key's head (two characters or more) and chunk s + 2,
 * after the run s + 1, starts with its tail.  Returns s, with the end of
 * the head in chunk s in *after; NONE if there is no such place.
 */
static size_t
key_split(const struct region *g, const struct nb_row_def *rd, size_t *after)
{
	for (size_t s = 0; s + 2 < g->ns; s++) {
		if (g->s[s].num || !g->s[s + 1].num || g->s[s + 2].num)
			continue;
		for (size_t k = 0; k < rd->keys.n; k++) {
			const char *key = rd->keys.v[k];
			size_t kl = strlen(key), nch = 0;

			for (size_t i = 1; i < kl; i++) {
				const char *m;

				if (((unsigned char)key[i] & 0xc0) == 0x80 ||
				    ++nch < 2 || strncmp(g->s[s + 2].text,
				    key + i, kl - i) != 0 ||
				    (m = find_head(g->s[s].text, key, i)) == NULL)
					continue;
				*after = (size_t)(m - g->s[s].text) + i;
				return s;
			}
		}
	}
	return NONE;
}

/* First match of a key of the row at or after p, before chunk lim. */
static int
find_key(const struct region *g, const struct nb_row_def *rd, struct pos p,
    size_t lim, struct pos *at, size_t *klen)
{
	size_t s;

	if (lim > g->ns)
		lim = g->ns;
	for (s = p.seg; s < lim; s++) {
		const char *m = nb_key_in_seg(g, rd, s, s == p.seg ? p.off : 0, klen);
		long off;

		if (m != NULL) {
			at->seg = s;
			at->off = (size_t)(m - g->s[s].text);
			return 1;
		}
		if ((off = key_around_run(g, rd, s, s == p.seg ? p.off : 0,
		    klen)) >= 0) {
			at->seg = s;
			at->off = (size_t)off;
			return 1;
		}
	}
	return 0;
}

static int
before(struct pos a, struct pos b)
{
	return a.seg < b.seg || (a.seg == b.seg && a.off < b.off);
}

#define LOOKAHEAD 2	/* later rows checked for coming first */
#define KEY_WINDOW 128	/* chunks searched for a row after the last found */

/*
 * Is a key of one of the next rows found before this row's key?  Then
 * this row is not where it should be (lost or garbled), and its key
 * found further down belongs to something else.
 */
static int
later_first(const struct region *g, const struct nb_table_def *td,
    size_t j, struct pos cur, struct pos at)
{
	struct pos a2;
	size_t j2, kl;

	for (j2 = j + 1; j2 < td->nrows && j2 <= j + LOOKAHEAD; j2++)
		if (td->rows[j2].keys.n > 0 &&
		    find_key(g, &td->rows[j2], cur, at.seg + 1, &a2, &kl) &&
		    before(a2, at))
			return 1;
	return 0;
}

/* Does a later row's key follow in the same chunk? */
static int
later_in_chunk(const struct region *g, const struct nb_table_def *td,
    size_t j, struct pos after)
{
	size_t j2, kl;

	for (j2 = j + 1; j2 < td->nrows; j2++)
		if (td->rows[j2].keys.n > 0 && nb_key_in_seg(g, &td->rows[j2],
		    after.seg, after.off, &kl) != NULL)
			return 1;
	return 0;
}

static size_t
run_avail(const struct seg *s)
{
	return s->n - s->taken;
}

/* Gives the row up to ncols numbers of run s. */
static void
take_run(struct region *g, struct hit *h, size_t s, size_t ncols)
{
	size_t n = run_avail(&g->s[s]);

	if (n > ncols)
		n = ncols;
	h->run = s;
	h->start = g->s[s].first + g->s[s].taken;
	h->ntok = h->span = n;
	g->s[s].taken += n;
}

/* ---- rows ---- */

static int alone_in_chunk(const struct region *, const struct nb_table_def *,
    size_t, size_t);

/*
 * Row j short of numbers, whose run s (all of it its own) is followed by
 * the rest of a wrapped label (no row's key in it) and then by exactly
 * the numbers it lacks: a PDF printed a cell inside the label ("确认或重
 * 新出具 0已获取信息  0 0 0 0 0 0").  The row takes both runs; 1 if so.
 */
static int
tail_run(struct region *g, const struct nb_table_def *td, size_t j,
    struct hit *h, size_t s)
{
	size_t ncols = td->rows[j].cols.n, need;
	struct seg *more;

	if (h->run != s || h->ntok == 0 || h->ntok >= ncols ||
	    g->s[s].taken != g->s[s].n || s + 2 >= g->ns ||
	    h->start + h->ntok != g->s[s].first + g->s[s].n ||
	    g->s[s + 1].num || !alone_in_chunk(g, td, NONE, s + 1))
		return 0;
	more = &g->s[s + 2];
	need = ncols - h->ntok;
	if (!more->num || more->taken != 0 || more->n != need)
		return 0;
	more->taken = need;
	h->span = more->first + need - h->start;
	h->ntok = ncols;
	return 1;
}

/*
 * Rows whose labels share one chunk with the row j that has the run
 * after it: usually group labels without numbers ("3.其他" before
 * "（七）总计"), but when the run holds numbers for all of them, the
 * labels and the numbers were extracted as two blocks (a PDF read column
 * by column): the rows take the run in order.
 */
static void
take_block(struct region *g, const struct nb_table_def *td,
    struct hit *hits, const size_t *pend, size_t npend, size_t j, size_t s)
{
	size_t k, need = td->rows[j].cols.n;

	for (k = 0; k < npend; k++)
		need += td->rows[pend[k]].cols.n;
	if (npend > 0 && run_avail(&g->s[s]) >= need)
		for (k = 0; k < npend; k++)
			take_run(g, &hits[pend[k]], s,
			    td->rows[pend[k]].cols.n);
	take_run(g, &hits[j], s, td->rows[j].cols.n);
}

/*
 * Matches the keyed rows in order; fills hits[] and *end, the chunk after
 * the last row found.  Returns 0, or -1 on ENOMEM.
 */
int
nb_match_keyed(struct region *g, const struct nb_table_def *td,
    struct hit *hits, size_t *end)
{
	struct pos cur = { 0, 0 }, at, after;
	size_t j, kl = 0, lim = g->ns, npend = 0, *pend;

	if ((pend = calloc(td->nrows ? td->nrows : 1, sizeof(*pend))) == NULL)
		return -1;

	for (j = 0; j < td->nrows; j++) {
		const struct nb_row_def *rd = &td->rows[j];
		struct hit *h = &hits[j];

		h->run = NONE;
		h->lab_seg = NONE;
		if (rd->keys.n == 0 || !find_key(g, rd, cur, lim, &at, &kl) ||
		    later_first(g, td, j, cur, at))
			continue;
		h->found = 1;
		h->lab_seg = at.seg;
		h->label_li = g->t[g->s[at.seg].first].li;
		after.seg = at.seg;
		after.off = at.off + kl;
		if (later_in_chunk(g, td, j, after)) {
			if (cur.seg != at.seg)
				npend = 0;
			pend[npend++] = j;
			cur = after;
			continue;
		}
		if (cur.seg != at.seg)
			npend = 0;
		cur.seg = at.seg + 1;
		cur.off = 0;
		if (at.seg + 1 < g->ns && g->s[at.seg + 1].num) {
			take_block(g, td, hits, pend, npend, j, at.seg + 1);
			cur.seg = at.seg + 2;
			if (tail_run(g, td, j, h, at.seg + 1))
				cur.seg = at.seg + 4;
			h->glued = nb_is_glued(g, rd, h);
		}
		npend = 0;
		/* Once the table has begun, its rows are close together:
		 * a key far below belongs to something else. */
		lim = cur.seg + KEY_WINDOW;
	}
	free(pend);
	*end = cur.seg;
	return 0;
}

/* Is row j the only row with a key in chunk s? */
static int
alone_in_chunk(const struct region *g, const struct nb_table_def *td,
    size_t j, size_t s)
{
	size_t k, kl;

	for (k = 0; k < td->nrows; k++)
		if (k != j && td->rows[k].keys.n > 0 &&
		    nb_key_in_seg(g, &td->rows[k], s, 0, &kl) != NULL)
			return 0;
	return 1;
}

/*
 * Row j, whose key is nowhere whole, with its key split around a run
 * (key_split): seen, so lost by the reader rather than left out; and
 * when no other row's key follows the head in its chunk and the run is
 * untouched, the row takes the run (its digits may be glued: glued.c).
 */
static void
split_row(struct region *g, const struct nb_table_def *td, size_t j,
    struct hit *h)
{
	size_t after, s = key_split(g, &td->rows[j], &after), k, kl;

	if (s == NONE)
		return;
	h->seen = 1;
	if (g->s[s + 1].taken != 0)
		return;
	for (k = 0; k < td->nrows; k++)
		if (k != j && td->rows[k].keys.n > 0 &&
		    nb_key_in_seg(g, &td->rows[k], s, after, &kl) != NULL)
			return;
	h->found = 1;
	h->seen = 0;
	h->lab_seg = s;
	h->label_li = g->t[g->s[s].first].li;
	take_run(g, h, s + 1, td->rows[j].cols.n);
	h->glued = nb_is_glued(g, &td->rows[j], h);
}

/*
 * Rows not found in order (sub-tables printed in another order, a row
 * moved by a converter): a row whose key is the only one in a label chunk
 * followed by an untouched run of exactly its numbers, at one place
 * only, takes it.
 * A row whose key is in the region but not so placed is seen: the reader
 * lost it, the report did not leave it out.
 */
void
nb_match_astray(struct region *g, const struct nb_table_def *td,
    struct hit *hits)
{
	size_t j, s, kl, at, n;

	for (j = 0; j < td->nrows; j++) {
		const struct nb_row_def *rd = &td->rows[j];

		if (hits[j].found || rd->keys.n == 0)
			continue;
		for (n = 0, at = NONE, s = 0; s < g->ns; s++) {
			if (nb_key_in_seg(g, rd, s, 0, &kl) == NULL)
				continue;
			hits[j].seen = 1;
			if (alone_in_chunk(g, td, j, s) && s + 1 < g->ns &&
			    g->s[s + 1].num &&
			    g->s[s + 1].taken == 0 &&
			    g->s[s + 1].n == rd->cols.n && n++ == 0)
				at = s;
		}
		if (n == 0 && !hits[j].seen)
			split_row(g, td, j, &hits[j]);
		if (n != 1)
			continue;
		hits[j].found = 1;
		hits[j].seen = 0;
		hits[j].lab_seg = at;
		hits[j].label_li = g->t[g->s[at].first].li;
		take_run(g, &hits[j], at + 1, rd->cols.n);
		hits[j].glued = 0;
	}
}

/* A run of one token that could be the whole row run together. */
static int
fused_run(const struct region *g, const struct nb_row_def *rd, size_t s)
{
	struct hit h;

	memset(&h, 0, sizeof(h));
	h.run = s;
	h.start = g->s[s].first + g->s[s].taken;
	h.ntok = run_avail(&g->s[s]);
	return nb_is_glued(g, rd, &h);
}

/*
 * A row without keys (T4): the first run long enough for it (exact: of
 * its numbers or one more), else the first run that is one fused token
 * of its digits, else (not exact) the
 * longest run of more than half its numbers: the row with some numbers
 * lost or moved by the layout (pdftotext prints a column block of T4
 * above its heading), a short row that fill.c cannot read for sure, not
 * a row left out.
 */
void
nb_match_positional(struct region *g, const struct nb_row_def *rd,
    struct hit *h, size_t from_seg, int exact)
{
	size_t s, n = rd->cols.n, fused = NONE, part = NONE;

	h->run = NONE;
	for (s = from_seg; s < g->ns; s++) {
		if (!g->s[s].num)
			continue;
		if (fused == NONE && fused_run(g, rd, s))
			fused = s;
		if (!exact && 2 * run_avail(&g->s[s]) > n &&
		    (part == NONE || run_avail(&g->s[s]) >
		    run_avail(&g->s[part])))
			part = s;
		/* Exact: n, or one more that may be a page number. */
		if (run_avail(&g->s[s]) < n ||
		    (exact && run_avail(&g->s[s]) > n + 1))
			continue;
		break;
	}
	if (s == g->ns && (s = fused) == NONE && (s = part) == NONE)
		return;
	h->found = 1;
	h->lab_seg = NONE;
	take_run(g, h, s, n);
	h->label_li = g->t[h->start].li;
	h->glued = nb_is_glued(g, rd, h);
}

