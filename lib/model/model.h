/*
 * model.h -- the report model: what a document says, in the terms of the
 * rule pack.
 *
 * Built once per report from a document and a pack (model.c finds title,
 * year, issuer, period, format and sections; tables.c extracts the cells).
 * Plugins see it only through the accessors of include/nianbao/plugin.h
 * (host.c).
 */
#ifndef NB_MODEL_H
#define NB_MODEL_H

#include <stddef.h>

#include <nianbao/plugin.h>

#include "doc.h"
#include "error.h"
#include "pack.h"

struct nb_cell {
	struct nb_value	 v;		/* v.raw in the report's cell_text,
					 * or "" */
	size_t		 line_index;	/* index into src->lines, if found */
	size_t		 off;		/* byte offset of the token in its raw */
	size_t		 len;		/* byte length of the token in raw */
	double		 conf;		/* 0..1, see NB_CONF_CERTAIN */
	enum nb_cell_source src;
};

struct nb_section {
	unsigned	 line;		/* heading line number, 0 if absent */
	size_t		 first;		/* index of the heading in doc->lines */
	size_t		 end;		/* index one past the last body line */
	int		 count;		/* headings found for this section */
	char		*text;		/* compacted body text ("" if absent) */
	size_t		 text_len;	/* strlen(text) */
	/* The section's source lines (a view of the document's line table)
	 * and, for every NB_SEC_MARK-th of them, the offset in text where its
	 * compact text starts: the way back from a byte of text to its line
	 * is a walk of a few lines from a mark, so a 60 MB report does not
	 * pay 7 MB for an offset and a line number per line. */
	const struct nb_line *lines;
	size_t		 nlines;
	size_t		*mark;
	/* The first heading as written (wrapped lines joined, white space
	 * and markdown at its ends dropped) and compact; NULL if absent. */
	char		*heading;
	char		*heading_c;
};

#define NB_SEC_MARK	32

/* Source line of byte off of s->text (the section's line when none). */
unsigned	nb_section_line_at(const struct nb_section *s, size_t off);
/* Offset of the first byte of s->text from line or later; text_len if none. */
size_t		nb_section_offset_of(const struct nb_section *s, unsigned line);

/* A glued row no split of its digits makes add up: one entry for each
 * relation every split breaks. */
struct nb_bad_row {
	size_t		 row;		/* index into the pack's rows */
	long		 rel;		/* relation every split breaks, or -1 */
	char		*digits;	/* the digits as printed; owned */
	unsigned	 line;		/* source line of the digits */
	const char	**cells;	/* the row's cell ids (the pack's) */
	size_t		 ncells;
};

struct nb_table {
	enum nb_table_state state;
	unsigned	 line;		/* where its header or first row is */
	int		 rows_found;
	double		 confidence;	/* 0..1: read as printed? */
	char		*why;		/* Chinese reason when unsure; owned */
	/* Rows whose digits, written together, no split makes add up: a
	 * defect of the report (glued.c). */
	struct nb_bad_row *bad_rows;
	size_t		 nbad_rows;
};

#define NB_MAX_ORDER 24

/* Where a logical line starts in the source (relayout.c). */
struct nb_lmap {
	size_t		 src;		/* index into src->lines */
	size_t		 off;		/* byte offset in that line's raw */
};

struct nb_report {
	const struct nb_doc  *src;	/* the document as read */
	/* The logical lines the model is built from: src's lines, cut
	 * before and after headings inside a line (relayout.c).  Owned. */
	const struct nb_doc  *doc;
	struct nb_doc	*own_doc;
	struct nb_lmap	*lmap;		/* parallel to doc->lines; NULL when
					 * no line is cut (doc == src) */
	/* The pack of the report's format (nb_pack_for_format of the one
	 * given): its tables, cells and relations are the report's. */
	const struct nb_pack *pack;
	enum nb_format	 format;
	/* The format's pack is named but not loaded (a lazy pack): only the
	 * format is known; load it and build again. */
	int		 pack_pending;
	int		 year;
	char		*issuer;
	unsigned	 title_line;
	unsigned	 period_line;
	int		 period_start, period_end;
	struct nb_section sec[7];	/* [0] preamble, [1..6] the sections */
	int		 order[NB_MAX_ORDER];
	size_t		 norder;
	struct nb_table	*tables;	/* parallel to pack->tables */
	struct nb_cell	*cells;		/* parallel to pack->cells */
	/* Every section heading found (any section, duplicates included),
	 * as indices into doc->lines in source order: tables.c ends a table
	 * found by its markers at the next one. */
	size_t		*heads;
	int		*head_sec;	/* section (1..6) of each heads[] */
	size_t		 nheads;
	struct nb_arena	 cell_text;	/* the cells' tokens (fill.c) */
};

/* The source line (index into src->lines) of logical line li, and the
 * byte of its raw text the logical line starts at. */
static inline size_t
nb_lmap_src(const struct nb_report *r, size_t li)
{
	return r->lmap != NULL ? r->lmap[li].src : li;
}

static inline size_t
nb_lmap_off(const struct nb_report *r, size_t li)
{
	return r->lmap != NULL ? r->lmap[li].off : 0;
}

/* Builds the model.  Returns NULL only on allocation failure (err set):
 * a report that matches nothing still gets a model, with everything
 * absent. */
struct nb_report *nb_report_build(const struct nb_doc *doc,
		    const struct nb_pack *pack, struct nb_error *err);
void		 nb_report_free(struct nb_report *r);

/* tables.c: fills r->tables and r->cells from the section bounds. */
int		 nb_tables_extract(struct nb_report *r, struct nb_error *err);
/* resolve.c: cells of a scan read unsure, settled by the relations of
 * the pack where they give one confirmed value; -1 on ENOMEM. */
int		 nb_resolve_ocr(struct nb_report *r);
/* ink_doubt.c: cells of a scan read sure that a broken relation wants
 * to be their digits with ink taken away become unsure. */
void		 nb_ink_doubt(struct nb_report *r);
/* Could the printed number want be read as read with ink added (digit by
 * digit, or a digit more)?  want != read (ink_doubt.c). */
int		 nb_ink_reading(int64_t want, int64_t read);

#endif
