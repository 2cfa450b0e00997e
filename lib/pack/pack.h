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
 * A pack may say "extends": "national-2021.json" (a path relative to its
 * own folder): it then adds heading keys, row keys, relations and plugin
 * options to the pack it extends.  A province pack (rules/provinces/,
 * "province": NAME) names no pack: it adjusts whichever national pack the
 * report's format picked, with its own members and those of
 * "per_format": {FORMAT: {...}} (pack_province.c).  Any pack may turn
 * rules off or change their severity ("rules": {RULE: "off"|SEVERITY})
 * and require texts ("required": [...]).  Every relation, requirement and
 * rule setting remembers the file and JSON path it was written at, so
 * that a mistake is refused naming both (doc/rule-packs.md).
 *
 * A pack reads reports of its own "format"; "formats": {"2019": {"pack":
 * "national-2019.json"}} names the pack that reads those of another
 * (loaded with it, one level deep: a format's pack names no packs), and
 * adjusted by the same province pack, for its format.
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
	/* "merged": this row and the nmerged - 1 after it may be printed as
	 * one row whose label holds one of merged (real file 17's （六）其他处理
	 * without its three items); compacted, empty if not. */
	struct nb_strv	 merged;
	size_t		 nmerged;
};

struct nb_table_def {
	char		*id;		/* "t2", "t3", "t4" */
	int		 section;	/* section the table belongs in */
	char		*label;
	struct nb_strv	 markers;	/* compacted header words */
	/* Words of another format's rows ("foreign"): found in the table,
	 * they make it another format's, which this one cannot read. */
	struct nb_strv	 foreign;
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
	/* The pack that reads reports of this format ("pack": a file next
	 * to the pack naming it), owned; NULL when there is none, or until
	 * it is loaded when the pack was opened lazily. */
	struct nb_pack	*pack;
	char		*file;	/* that file, while not loaded; owned */
};

/* Where an item of a pack was written: file and JSON path. */
struct nb_where {
	char		*file;
	char		*at;		/* "$.relations[3]" */
};

/* A rule turned off or given another severity by a pack or --set. */
struct nb_control {
	char		*rule;
	int		 off;
	enum nb_severity severity;	/* when not off */
	struct nb_where where;
};

struct nb_pack {
	char		*id;
	char		*path;
	char		*province;	/* the province pack applied, or NULL */
	char		*province_file;	/* its file, for the format packs
					 * loaded later; owned */
	enum nb_format	 format;	/* "format": the one its tables are */
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
	struct nb_where *rel_origin;	/* parallel to relations */
	/* The relations' cells as indices, resolved once at load: relation
	 * i's lhs at rel_cells + rel_cells_at[i], its rhs right after; -1
	 * for an id the pack has no cell for. */
	long		*rel_cells;
	size_t		*rel_cells_at;
	struct nb_requirement *reqs;	/* strings owned by pack */
	struct nb_where *req_origin;	/* parallel to reqs */
	size_t		 nreqs;
	struct nb_control *controls;	/* in order: the last one wins */
	size_t		 ncontrols;
	json_t		*plugin_options; /* object: plugin name -> object */
};

/* Cell indices of relation i's lhs (n_lhs of them), then its rhs. */
static inline const long *
nb_pack_rel_cells(const struct nb_pack *p, size_t i)
{
	return p->rel_cells + p->rel_cells_at[i];
}

/* Loads a pack (following "extends").  Returns NULL with err set. */
struct nb_pack	*nb_pack_load(const char *path, struct nb_error *err);
/* Loads the pack at path adjusted by the province pack at province (NULL:
 * none) for the pack's own "format". */
struct nb_pack	*nb_pack_load_province(const char *path, const char *province,
		    struct nb_error *err);
/* As nb_pack_load_province; lazy: the packs of the other formats are
 * only named, and loaded by nb_pack_load_format when a report of theirs
 * is met (a one-file check reads one format; a broken format pack is
 * then refused at that report, not at start). */
struct nb_pack	*nb_pack_open(const char *path, const char *province,
		    int lazy, struct nb_error *err);
/* Format f's pack named but not loaded yet (a lazy pack)? */
int		 nb_pack_format_pending(const struct nb_pack *p,
		    enum nb_format f);
/* Loads that pack and returns it, not yet installed (the caller adjusts
 * it, then nb_pack_set_format); NULL with err set. */
struct nb_pack	*nb_pack_load_format(const struct nb_pack *p,
		    enum nb_format f, struct nb_error *err);
/* Installs fp as format f's pack of p; p owns it. */
void		 nb_pack_set_format(struct nb_pack *p, enum nb_format f,
		    struct nb_pack *fp);
/* Rule settings ({RULE: "off"|"info"|"warning"|"error"}) written at
 * `file` (e.g. "命令行 --set"), appended after the pack's own. */
int		 nb_pack_add_controls(struct nb_pack *pack, json_t *rules,
		    const char *file, struct nb_error *err);
/* What the pack's settings make of a rule: 0 untouched, 1 *sev changed,
 * -1 off. */
int		 nb_pack_rule_control(const struct nb_pack *pack,
		    const char *rule, enum nb_severity *sev);
void		 nb_pack_free(struct nb_pack *pack);

/* The pack that reads a report of format f: the format's own pack, or
 * p itself if f is p's format; NULL if none does. */
const struct nb_pack *nb_pack_for_format(const struct nb_pack *p,
		    enum nb_format f);
/* Index of a cell id, or -1. */
long		 nb_pack_cell_index(const struct nb_pack *pack, const char *id);
/* Index of the cell of member i of rel (its lhs first, then its rhs:
 * member i is on the left when i < rel->n_lhs), or -1. */
long		 nb_relation_cell(const struct nb_pack *pack,
		    const struct nb_relation *rel, size_t i);
/* The sums of rel's two sides, each cell's value given by val(arg, its
 * index, &v) (1 with a value, 0 without): 1 with side[0] (lhs) and side[1]
 * set when every cell has a value, else 0.  The one evaluation of a
 * relation for readings not yet in the cells (the model's). */
int		 nb_relation_sums(const struct nb_pack *pack,
		    const struct nb_relation *rel,
		    int (*val)(const void *arg, long cell, long long *v),
		    const void *arg, long long side[2]);
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
/* A JSON file parsed from one read of it (duplicate keys refused). */
json_t		*nb_pack_load_json(const char *path, json_error_t *jerr);
/* The JSON in buf as json_loadb(JSON_REJECT_DUPLICATES) would parse it,
 * in one pass (pack_json.c); NULL, with no message, for anything that
 * needs jansson's own parser to say what is wrong. */
json_t		*nb_pack_parse_json(const char *buf, size_t len);
int		 nb_pack_merge(json_t *base, json_t *over);
/* Marks the relations, requirements and rule settings of obj (written at
 * `at` in file) with their origin, and moves "rules" into "_rules". */
int		 nb_pack_annotate(json_t *obj, const char *file, const char *at);
/* Refuses members a pack cannot have, naming file and JSON path. */
int		 nb_pack_check_keys(json_t *obj, const char *file,
		    const char *at, int province, struct nb_error *err);
json_t		*nb_pack_read_province(const char *path, const char *province,
		    struct nb_error *err);
int		 nb_pack_parse_items(struct nb_pack *p, json_t *root,
		    struct nb_error *err);
void		 nb_pack_free_items(struct nb_pack *p);
int		 nb_pack_origin(struct nb_where *o, json_t *item);
int		 nb_pack_parse_relations(struct nb_pack *p, json_t *rels,
		    struct nb_error *err);
char		*nb_pack_dup_str(json_t *obj, const char *key, const char *dflt);
/* pack_index.c: the id index and hash of p's cells; -2 on a duplicate id,
 * -1 out of memory. */
int		 nb_pack_index_cells(struct nb_pack *p);

#endif
