/*
 * layout.h -- the three tables of the 2021 national format as printed on
 * paper (国办公开办函〔2021〕30号): rows, columns, groups and the cell id
 * of every box, so the report page draws them the way reviewers know.
 */
#ifndef NB_BOARD_LAYOUT_H
#define NB_BOARD_LAYOUT_H

#include <stddef.h>

struct lay_row {
	const char	*id;		/* row id, e.g. "t3.result.deny.law" */
	const char	*group1;	/* outer label spanning rows, or NULL */
	const char	*group2;	/* inner label spanning rows, or NULL */
	const char	*label;
};

struct lay_sub {			/* one sub-table of T2 */
	const char	*caption;	/* 第二十条第（一）项 */
	const char	*const *cols;	/* column labels, NULL-terminated */
	const char	*const *colids;
	const struct lay_row *rows;	/* id NULL ends */
};

extern const struct lay_sub lay_t2[];	/* caption NULL ends */
extern const char *const lay_t3_cols[];	/* 7 ids */
extern const struct lay_row lay_t3[];	/* id NULL ends */
extern const char *const lay_t4_groups[];	/* 3 ids */
extern const char *const lay_t4_cols[];	/* 5 ids */
extern const char *const lay_t4_labels[];	/* 5 labels */

/* Rows after rows[i] (included) with the same group1 (or group2). */
size_t	 lay_span(const struct lay_row *rows, size_t i, int level);

#endif
