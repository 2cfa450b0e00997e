/*
 * pack.h -- a rule pack: the report format as data (rules/NAME.json).
 *
 * A pack names the six sections with their accepted heading keys, the
 * tables with their rows (label match keys) and columns, the markers that
 * tell the format versions apart, the arithmetic relations between cells
 * and options for plugins.  Keys are stored normalised and compacted
 * (nb_compact), so they match report text written with full-width or
 * half-width forms and any spacing.
 *
 * A province pack may say "extends": "national-2021.json" (a path relative
 * to its own folder): it then adds heading keys, row keys, relations and
 * plugin options to the pack it extends.
 */
#ifndef NB_PACK_H
#define NB_PACK_H

#include <stddef.h>

#include <jansson.h>
#include <nianbao/plugin.h>

#include "error.h"

struct nb_strv {		/* a growable vector of owned strings */
	char	**v;
	size_t	  n;
};

struct nb_section_def {
	int		 n;		/* 1..6 */
	char		*heading;	/* canonical heading, as written */
	struct nb_strv	 keys;		/* compacted */
};

struct nb_row_def {
	char		*id;		/* "new", "result.open"; "" for t4 */
	char		*label;		/* Chinese row label */
	struct nb_strv	 keys;		/* compacted; empty = positional row */
	struct nb_strv	 cols;		/* column ids of this row */
	struct nb_strv	 col_labels;
	int		 decimal;	/* values are 万元 amounts, not counts */
};

struct nb_table_def {
	char		*id;		/* "t2", "t3", "t4" */
	int		 section;	/* section the table belongs in */
	char		*label;
	struct nb_strv	 markers;	/* compacted header words */
	struct nb_row_def *rows;
	size_t		 nrows;
};

struct nb_cell_def {
	char		*id;		/* "t3.new.natural" */
	char		*label;		/* "第三部分表格 一、本年新收… / 自然人" */
	size_t		 table;		/* index into pack->tables */
	size_t		 row;		/* index into that table's rows */
	size_t		 col;		/* index into that row's cols */
};

struct nb_format_def {
	enum nb_format	 format;
	/* Each marker is a list of compacted words that must all occur. */
	struct nb_strv	*markers;
	size_t		 nmarkers;
};

struct nb_pack {
	char		*id;
	char		*path;
	struct nb_format_def formats[4];	/* indexed by enum nb_format */
	struct nb_section_def sections[6];
	struct nb_table_def *tables;
	size_t		 ntables;
	struct nb_cell_def *cells;	/* every cell, in table/row/col order */
	size_t		 ncells;
	size_t		*by_id;		/* cell indices sorted by id */
	/* Open-addressing hash of the ids: slot -> cell index + 1, 0 free;
	 * hmask + 1 slots, a power of two at least twice ncells. */
	size_t		*hash;
	size_t		 hmask;
	struct nb_relation *relations;	/* expanded; strings owned by pack */
	size_t		 nrelations;
	json_t		*plugin_options; /* object: plugin name -> object */
};

/* Loads a pack (following "extends").  Returns NULL with err set. */
struct nb_pack	*nb_pack_load(const char *path, struct nb_error *err);
void		 nb_pack_free(struct nb_pack *pack);

/* Index of a cell id, or -1. */
long		 nb_pack_cell_index(const struct nb_pack *pack, const char *id);
/* Index of a table id ("t3"), or -1. */
long		 nb_pack_table_index(const struct nb_pack *pack, const char *id);
/* Merges options (plugin name -> {key: string}) over the pack's own, key
 * by key.  Returns 0, or -1 with err set if they are not of that shape. */
int		 nb_pack_set_options(struct nb_pack *pack, json_t *options,
		    struct nb_error *err);
/* Option `key` of plugin `plugin` as text, or NULL. */
const char	*nb_pack_option(const struct nb_pack *pack, const char *plugin,
		    const char *key);

/* Internal to lib/pack: the merged JSON of a pack and what it extends
 * (pack_read.c), the relations parser (pack_relations.c), and a string
 * member copied with a default. */
json_t		*nb_pack_read(const char *path, int depth, struct nb_error *err);
int		 nb_pack_parse_relations(struct nb_pack *p, json_t *rels,
		    struct nb_error *err);
char		*nb_pack_dup_str(json_t *obj, const char *key, const char *dflt);

#endif
