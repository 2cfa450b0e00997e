/*
 * certain.h -- is a cell read with certainty?  The one test every plugin
 * applies before raising an error from a number (ABI 1.1 cell_info).
 * Header-only, so each plugin stays one self-contained .so.
 */
#ifndef NB_PLUGIN_CERTAIN_H
#define NB_PLUGIN_CERTAIN_H

#include <nianbao/plugin.h>

/* A host older than ABI 1.1 cannot say: its cells are taken as read. */
static inline int
cell_certain(const struct nb_api *api, const nb_report *r, const char *id)
{
	struct nb_cell_info info;

	if (!NB_API_HAS(api, cell_info))
		return 1;
	return api->cell_info(r, id, &info) == 0 &&
	    info.confidence >= NB_CONF_CERTAIN;
}

/* How sure the reader is of table t; *why says why not ("" if sure).  A
 * host older than ABI 1.1 says only whether t is unreadable. */
static inline double
table_certainty(const struct nb_api *api, const nb_report *r, const char *t,
    const char **why)
{
	*why = "";
	if (!NB_API_HAS(api, table_confidence))
		return api->table_state(r, t) == NB_TABLE_UNREADABLE ? 0 : 1;
	return api->table_confidence(r, t, why);
}

/* cell_certain() of cell i (cell_id(r, i) is id), by index where the host
 * can (ABI 1.6): no id looked up.  i < 0: by id. */
static inline int
cell_certain_at(const struct nb_api *api, const nb_report *r, long i,
    const char *id)
{
	struct nb_cell_info info;

	if (i < 0 || !NB_API_HAS(api, cell_info_at))
		return cell_certain(api, r, id);
	return api->cell_info_at(r, (size_t)i, &info) == 0 &&
	    info.confidence >= NB_CONF_CERTAIN;
}

/* api->cell() of cell i (cell_id(r, i) is id), by index where it can. */
static inline int
cell_value_at(const struct nb_api *api, const nb_report *r, size_t i,
    const char *id, struct nb_value *v)
{
	if (!NB_API_HAS(api, cell_at))
		return api->cell(r, id, v);
	return api->cell_at(r, i, v);
}

/* The cell indices of relation rel (ABI 1.6), or NULL: look ids up. */
static inline const long *
relation_cells(const struct nb_api *api, const nb_report *r,
    const struct nb_relation *rel)
{
	return NB_API_HAS(api, relation_cells) ? api->relation_cells(r, rel) :
	    NULL;
}

#endif
