/*
 * writers.h -- the 问题清单 as an office files it: an Excel workbook
 * (libxlsxwriter; a sheet of findings and a summary sheet per report) or
 * CSV (RFC 4180, UTF-8 with a byte-order mark, as Excel expects).
 */
#ifndef NB_EXPORT_WRITERS_H
#define NB_EXPORT_WRITERS_H

#include <stdio.h>

#include "problems.h"

/* Writes the workbook to path (a temporary the caller renames).  0, or
 * -1 with err. */
int	export_xlsx(struct nb_store *s, const struct nb_store_query *q,
	    const char *path, struct nb_error *err);
/* Writes CSV to fp.  0, or -1 with err. */
int	export_csv(struct nb_store *s, const struct nb_store_query *q,
	    FILE *fp, struct nb_error *err);

#endif
