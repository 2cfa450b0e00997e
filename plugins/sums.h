/*
 * sums.h -- what the files of the sums plugin share: the context of one
 * check, cell labels, and the cell checks of sums_cells.c (blank cells,
 * counts that are not counts) called by sums.c after the relations.
 */
#ifndef NB_PLUGIN_SUMS_H
#define NB_PLUGIN_SUMS_H

#include <stddef.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "certain.h"

#define FEE_CELL "t2.fee.amount_wan"
#define certain_at(c, i, id) cell_certain_at((c)->api, (c)->r, (long)(i), (id))

struct sums {
	const struct nb_api *api;
	nb_ctx		*ctx;
	const nb_report	*r;
	int		 unsure[5];	/* by table digit: not read for sure */
	int		 scan;		/* cells recognised from page images */
	/* By table digit: unsure, but a scan's table whose relations are
	 * checked where their own cells are sure (see sums.c). */
	int		 loose[5];
	const char	*cells[64];	/* those cells of the table last seen */
	size_t		 ncells;
};

/* Is id a cell of table t ("t3" matches "t3.new.natural")? */
static inline int
in_table(const char *id, const char *t)
{
	size_t n = strlen(t);

	return strncmp(id, t, n) == 0 && id[n] == '.';
}

/* A cell's label as the reviewer sees it (its id where it has none). */
const char	*sums_label(const struct sums *, const char *id);
/* The row part of a cell's label, into buf. */
void		 sums_row_label(const struct sums *, const char *id, char *buf,
		    size_t len);
/* Blank cells and counts that are not counts, of T2-T4. */
int		 sums_check_cells(const struct sums *);

#endif
