/*
 * render.h -- the report page, drawn from the JSON object `nianbao check
 * --json` prints (doc/nianbao-result.schema.json): tables in the official
 * layout with every reading, findings with their cells, the extraction's
 * confidence.  The same renderer serves `nianbao check --format html` (one
 * self-contained file) and the board, which builds the object from the
 * history store (report_json.c) and adds what only the store knows, as
 * extra keys the renderer reads when present:
 *
 *   top level: "rid", "version", "sha256", "received", "checked",
 *              "texts": [preamble, section 1 .. 6] (strings or null);
 *   finding:   "fid", "review": {"state", "note", "reviewer", "at"},
 *              "pos": [[section, off, len], ...] (the sentences behind it).
 */
#ifndef NB_BOARD_RENDER_H
#define NB_BOARD_RENDER_H

#include <stdint.h>

#include <jansson.h>

#include "buf.h"

struct board_view {
	int		 standalone;	/* one file: CSS inline, no forms */
	const char	*csrf;		/* board: the form token */
	const char	*reviewer;	/* board: the name the form proposes,
					 * NULL when the proxy fixes it */
	int64_t		 selected;	/* fid of the finding shown, 0 none */
	const json_t	*previous;	/* the version before, or NULL */
};

/* A whole HTML page for report (an object as --json prints); 0, or -1
 * when out of memory. */
int	 board_render_report(const json_t *report, const struct board_view *v,
	    struct buf *out);

/* render_tables.c: T2, T3 and T4 with each cell's reading; cells a
 * finding names are marked (see render_tables.c). */
struct cellmarks;
void	 render_tables(struct buf *b, const json_t *report,
	    const struct cellmarks *m);

/* Sets of cell ids the tables mark. */
struct cellmarks {
	const char	**fail;		size_t nfail;	/* failed relations */
	const char	**culprit;	size_t nculprit;/* likely culprits */
	const char	**sel;		size_t nsel;	/* the finding shown */
	const char	**changed;	size_t nchanged;/* since the version before */
};

/* render_findings.c: the list of findings, with the review forms on the
 * board; render_texts: the narrative with the sentences behind findings
 * marked. */
void	 render_findings(struct buf *b, const json_t *report,
	    const struct board_view *v);
void	 render_texts(struct buf *b, const json_t *report,
	    const struct board_view *v);

/* The label of a cell as printed: "表三 一、本年新收… / 自然人". */
void	 render_cell_label(struct buf *b, const char *id);
/* 1 if a finding's review dismissed it. */
int	 render_dismissed(const json_t *finding);

#endif
