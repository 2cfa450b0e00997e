/*
 * report_json.h -- a stored report as the JSON object `nianbao check
 * --json` prints, plus what only the store knows (render.h lists the extra
 * keys), so the board and the CLI draw it with the same renderer.
 */
#ifndef NB_BOARD_REPORT_JSON_H
#define NB_BOARD_REPORT_JSON_H

#include <jansson.h>

#include "store/store.h"

/* NULL when out of memory.  Verdicts (the latest of each finding,
 * nb_store_verdicts()) give each finding its "review". */
json_t	*board_report_json(const struct nb_store_report *r,
	    const struct nb_store_verdict *v, size_t nv);

/* Loads rid with its verdicts and builds the object; *out NULL when no
 * such report. */
int	 board_load_report(struct nb_store *s, int64_t rid, json_t **out,
	    struct nb_error *err);

#endif
