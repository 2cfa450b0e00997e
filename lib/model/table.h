/*
 * table.h -- what the parts of the table reader share (lib/model only):
 * tokens, label chunks and number runs of a table's region, and what
 * each row got.
 */
#ifndef NB_TABLE_H
#define NB_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include <unitypes.h>

#include "arena.h"
#include "model.h"

#define MAX_FUSED_COLS	32		/* widest row a fused token may hold */
#define MAX_PART_DIGITS	12		/* longest cell in a fused token */
#define MAX_SPLIT_STEPS	2000000UL	/* give up: call it ambiguous */
#define NONE		((size_t)-1)

enum tkind {
	TK_TEXT,
	TK_NUM,		/* a number or a written blank ("/", "—", "无") */
	TK_EMPTY	/* an empty tab field, resolved per line */
};

struct tok {
	enum tkind	 kind;
	int		 blank;	/* TK_NUM that is a blank mark or empty field */
	size_t		 li;	/* index into doc->lines */
	size_t		 off, len; /* bytes in the raw line */
	char		*norm;	/* normalised token */
};

struct seg {
	int		 num;	/* a number run, else a label chunk */
	size_t		 first, n; /* tokens */
	char		*text;	/* label chunk: compact concatenation */
	size_t		 taken;	/* numbers of the run given to rows */
};

struct region {
	const struct nb_report *r;
	size_t		 from, to;	/* lines */
	size_t		 header;	/* marker line, or NONE */
	size_t		 width;		/* cells of the table's widest row */
	struct tok	*t;
	size_t		 nt, ct;
	struct seg	*s;
	size_t		 ns, cs;
	/* The tokens' normal texts and the chunks' texts, freed with the
	 * region (nb_region_free), never one by one. */
	struct nb_arena	 text;
};

struct pos {
	size_t		 seg, off;
};

/* What a row got. */
struct hit {
	int		 found;
	size_t		 label_li;	/* line of its label */
	size_t		 run;		/* seg of its numbers, or NONE */
	size_t		 start, ntok;	/* tokens of the run it took */
	size_t		 span;		/* tokens from start holding them:
					 * ntok, or more with a label's
					 * tail between (tail_run) */
	int		 glued;		/* its run is digits written together */
	size_t		 lab_seg;	/* chunk of its label, or NONE */
	int		 seen;		/* not found, but its key is in the
					 * region: lost by the reader */
	int		 ordered;	/* its run given by the table's row
					 * order alone (order.c) */
	int		 placed;	/* a scan's row, its label misread,
					 * placed by the grid's order (gap.c) */
	size_t		 cols, pos;	/* its block of cols rows printed
					 * column by column, it the pos-th
					 * (blocks.c); cols 0: row by row */
	int		 sequenced;	/* given by the order of the region's
					 * numbers, every relation kept
					 * (sequence.c) */
	uint64_t	 drop;		/* bit k: the k-th number from start
					 * is not its own (surplus.c) */
};


/* tokens.c: the region's tokens, for a table of rows up to width cells. */
int		 nb_tokenize(struct region *g, const struct nb_table_def *td);
void		 nb_region_free(struct region *g);
int		 nb_drop_header_words(struct region *g);

/* ocr.c: digit look-alikes and stray marks among the numbers of the
 * line whose tokens start at first. */
int		 nb_ocr_digits(struct region *g, size_t first);

/* numbers.c: the length of the next piece of a raw token, *num if it is
 * a number. */
size_t		 nb_next_piece(const char *s, size_t n, int *num);

/* region.c: 1 found, 0 none. */
int		 nb_find_region(const struct nb_report *r,
		    const struct nb_table_def *td, struct region *g);
/* The first line of the region holding one of words (*word: which), or
 * NONE. */
size_t		 nb_region_find(const struct region *g,
		    const struct nb_strv *words, const char **word);

/* rows.c */
int		 nb_match_keyed(struct region *g, const struct nb_table_def *td,
		    struct hit *hits, size_t *end);
void		 nb_match_astray(struct region *g,
		    const struct nb_table_def *td, struct hit *hits);
/* The first place in chunk s, from byte start, of a key of row rd
 * (*klen: its length), or NULL. */
const char	*nb_key_in_seg(const struct region *g,
		    const struct nb_row_def *rd, size_t s, size_t start,
		    size_t *klen);
/* The head of the longest run of Han characters of a row label, by which
 * a scan's misread label is matched too: into kc (12 at most), how many;
 * 0 if the run is too short to tell rows apart. */
size_t		 nb_label_run(const char *label, ucs4_t *kc);
void		 nb_match_positional(struct region *g,
		    const struct nb_row_def *rd, struct hit *h, size_t from_seg,
		    int exact);

/* order.c: is token i of the region the only one on its line? */
int		 nb_alone_on_line(const struct region *g, size_t i);
/* order.c: the rows of a shredded table by their order (1 if so read). */
int		 nb_match_ordered(struct region *g,
		    const struct nb_table_def *td, struct hit *hits);
/* Once filled: the rows so given made unsure where a relation through
 * them fails (rows[], how many). */
size_t		 nb_order_doubts(struct nb_report *r, size_t ti,
		    const struct hit *hits, size_t *rows, size_t max);

/* sequence.c: a table whose numbers are each on a line of their own,
 * read by their order where one reading keeps every relation (1 if so
 * read). */
int		 nb_match_sequence(struct region *g,
		    const struct nb_table_def *td, struct hit *hits);

/* gap.c: a scan's unmatched rows placed between matched ones by the
 * layout's order, where exactly one reading fits.  Their cells are read
 * NB_PLACED_CONF at most: less sure than a label match, still sure. */
#define NB_PLACED_CONF	0.96
void		 nb_match_gaps(struct region *g,
		    const struct nb_table_def *td, struct hit *hits);

/* blocks.c: which runs of several rows are printed column by column;
 * the rows whose order cannot be told in doubt[] (how many). */
size_t		 nb_block_orders(const struct nb_report *r,
		    const struct region *g, size_t ti, struct hit *hits,
		    size_t *doubt, size_t max);

/* glued.c: rows whose digits are written together, and their reading
 * over the whole table. */
#define NB_GLUED_MAX	64
struct nb_glued {
	size_t		 ambiguous[NB_GLUED_MAX];	/* rows with readings left */
	size_t		 namb;
	size_t		 bad[NB_GLUED_MAX];	/* rows no reading adds up: a
						 * row once per relation */
	size_t		 bad_rel[NB_GLUED_MAX];	/* a relation every split of
						 * it breaks, or NONE */
	size_t		 nbad;
	size_t		 nosplit[NB_GLUED_MAX];	/* rows with no split, or
						 * numbers apart too few */
	size_t		 nsplit;
};
int		 nb_is_glued(const struct region *g, const struct nb_row_def *rd,
		    const struct hit *h);
int		 nb_solve_glued(struct nb_report *r, const struct region *g,
		    size_t ti, struct hit *hits, struct nb_glued *out);

/* fill.c */
int		 nb_fill_table(struct nb_report *r, const struct region *g,
		    size_t ti, struct hit *hits, int has_region);
/* Do the relations through row ri that can be assessed hold, the row
 * read as v[] with column blank (or NONE) empty? */
int		 nb_row_holds(const struct nb_report *r, size_t ti, size_t ri,
		    const long long *v, size_t blank);
/* Can relation rel be assessed, and does it fail, row ri read so? */
int		 nb_row_breaks(const struct nb_report *r, size_t ti, size_t ri,
		    const long long *v, size_t blank, size_t rel);
/* Cells of glued row ri: value, and token/first digit/digits of each. */
int		 nb_fill_glued(struct nb_report *r, const struct region *g,
		    size_t ti, size_t ri, const struct hit *h, const int64_t *v,
		    const uint8_t *tok, const uint8_t *at, const uint8_t *len);

/* surplus.c: numbers left in the run after row ri's; the one of them
 * that is not its own, if one. */
size_t		 nb_surplus(const struct region *g, const struct hit *h);
int		 nb_surplus_trails(const struct region *g, const struct hit *h);
int		 nb_surplus_drop(const struct nb_report *r,
		    const struct region *g, size_t ti, size_t ri, struct hit *h);

#endif
