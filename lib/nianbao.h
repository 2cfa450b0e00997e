/*
 * nianbao.h -- the checking engine: what the nianbao command and the
 * nianbaod daemon call.
 *
 *   engine = rule pack + loaded plugins          (nb_engine_open)
 *   result = findings for one input              (nb_check_file / _buffer)
 *   JSON   = the record of `nianbao check --json` (nb_result_json)
 */
#ifndef NIANBAO_H
#define NIANBAO_H

#include <stddef.h>

#include <jansson.h>
#include <nianbao/plugin.h>

#include "error.h"
#include "ingest.h"

struct nb_engine;

struct nb_engine_conf {
	const char	*rules_path;	/* rule pack JSON */
	const char	*plugin_dir;	/* folder of <name>.so */
	/* Plugins to load by name; NULL/0 = every *.so in plugin_dir. */
	const char *const *plugins;
	size_t		 nplugins;
	/* Options that override the rule pack's "plugins" section: an object
	 * of plugin name -> object of key -> string; NULL = none.  Not kept. */
	json_t		*plugin_options;
	struct nb_limits limits;
	/* Province packs to adjust the national pack with, by name
	 * ("ningxia": rules/provinces/ningxia.json beside rules_path) or
	 * path; nb_engine_use() picks one per report.  NULL/0 = none. */
	const char *const *provinces;
	size_t		 nprovinces;
	/* Rule settings over every pack's own ({RULE: "off"|"info"|
	 * "warning"|"error"}, `nianbao --set`); NULL = none.  Not kept. */
	json_t		*rule_settings;
	/* Results go to the history store: fill what it keeps (the input's
	 * sha256, the cells, the narrative: capture.c).  0 leaves them
	 * empty: hashing every byte costs as much as decoding them, and the
	 * narrative is one more copy of a large input. */
	int		 history;
	/* The packs of the other formats (2019, old) loaded when a report
	 * of theirs is first met, not at open: a one-file check reads one
	 * format.  A broken format pack is then refused at that report
	 * (NB_ERR_CONFIG), not here.  0 (a daemon): all at open. */
	int		 lazy_formats;
};

/* A passage of section `section`'s text behind a finding (ABI 1.2 mark). */
struct nb_fpos {
	int		 section;
	size_t		 off, len;
};

/* One finding, owned by its result. */
struct nb_found {
	char		*rule;
	char		*plugin;
	enum nb_severity severity;
	char		*message;
	unsigned	 line;		/* as shown: on its page when page != 0 */
	unsigned	 page;
	unsigned	 docline;	/* line through the whole document */
	int		 section;
	char		*cell;
	char		**cells;
	size_t		 ncells;
	char		*relation;
	char		**related;	/* other relations of the same culprit */
	size_t		 nrelated;
	int		 has_values;
	double		 expected, actual;
	const char	*source;	/* "ocr": read from a scan; else NULL */
	/* Checks across reports: other stored reports behind it (handles
	 * of the history store) and the passages behind it. */
	nb_handle	*others;
	size_t		 nothers;
	struct nb_fpos	*pos;
	size_t		 npos;
};

/* How one table of the format was read (JSON "tables"). */
struct nb_table_read {
	char		*id;		/* "t2", "t3", "t4" */
	enum nb_table_state state;
	double		 confidence;
	char		*why;		/* "" when sure and complete */
};

/* How one cell was read (JSON "readings"); cells whose row was not
 * found at all are not kept. */
struct nb_reading {
	char		*id;		/* "t3.new.natural" */
	struct nb_value	 v;		/* line on its page */
	double		 confidence;
	enum nb_cell_source source;
};
/* A cell as the history store keeps it (capture.c). */
struct nb_rcell {
	char		*id;
	struct nb_value	 v;		/* v.raw owned by the result */
	int		 has_confidence;/* 0 until the model gives one */
	double		 confidence;
};

#define NB_RESULT_NTEXT	7	/* [0] preamble, [1..6] the sections */

struct nb_result {
	char		*file;
	const char	*kind;		/* "text", "html", "docx", "pdf" */
	const char	*encoding;
	enum nb_format	 format;
	int		 year;
	char		*issuer;
	struct nb_found	*findings;
	size_t		 nfindings;
	size_t		 cap;
	size_t		 errors, warnings;
	struct nb_table_read *tables;
	size_t		 ntables;
	struct nb_reading *readings;
	size_t		 nreadings;
	char		*reading_text;	/* the readings' ids and raw texts */
	/* The document, kept so callers can show source lines; may be NULL. */
	struct nb_doc	*doc;
	/* What the history store keeps (capture.c), so that checks across
	 * reports run on the result alone (in the daemon's parent). */
	char		 sha256[65];	/* of the input bytes, "" if not set */
	long long	 published;	/* signature or 发布日期, unix s; 0 */
	struct nb_rcell	*cells;
	size_t		 ncells;
	char		*text[NB_RESULT_NTEXT];	/* narrative, above tables */
};

int	 nb_engine_open(const struct nb_engine_conf *conf,
	    struct nb_engine **out, struct nb_error *err);
void	 nb_engine_close(struct nb_engine *e);

/* The province pack the next checks use: one of conf.provinces, or NULL
 * for the national pack alone.  Returns 0, or -1 with err set when the
 * engine was not opened with it. */
int	 nb_engine_use(struct nb_engine *e, const char *province,
	    struct nb_error *err);

/* Every rule of the engine (built-in ones and those of loaded plugins). */
size_t	 nb_engine_rule_count(const struct nb_engine *e);
const struct nb_rule *nb_engine_rule(const struct nb_engine *e, size_t i);
const char *nb_engine_rule_plugin(const struct nb_engine *e, size_t i);
/* What the packs in use make of rule i: 0 as declared, 1 *sev changed,
 * -1 turned off. */
int	 nb_engine_rule_setting(const struct nb_engine *e, size_t i,
	    enum nb_severity *sev);

/*
 * Checks one input.  Returns 0 and a result (possibly with findings), or
 * -1 with err set when the input cannot be read or decoded at all (the
 * caller reports it and goes on with other inputs).
 */
int	 nb_check_file(struct nb_engine *e, const char *path,
	    struct nb_result **out, struct nb_error *err);
int	 nb_check_buffer(struct nb_engine *e, const char *name,
	    const char *buf, size_t len, struct nb_result **out,
	    struct nb_error *err);
/* As nb_check_buffer, but buf (nb_read_fd()'s, NUL after it) is given
 * up: freed, or become the document's own text, in every case. */
int	 nb_check_owned(struct nb_engine *e, const char *name, char *buf,
	    size_t len, struct nb_result **out, struct nb_error *err);
void	 nb_result_free(struct nb_result *res);

/*
 * Checks across reports (ABI 1.2 check_history of the plugins that have
 * one) on a checked result, with the history of the store behind hist
 * (cross.h); adds their findings to res.  Returns 0, or -1 (out of
 * memory).
 */
struct nb_history;
int	 nb_check_history(struct nb_engine *e, struct nb_result *res,
	    const struct nb_history *hist, struct nb_error *err);
int	 nb_engine_has_history(const struct nb_engine *e);

/* The JSON record of one result (schema: doc/nianbao-result.schema.json). */
/* jansson helpers (json.c): a count as an integer and an amount as a real;
 * set k to v, -1 if v is NULL or the set fails (v is consumed); an array
 * of n strings. */
json_t	*nb_json_number(double v);
int	 nb_json_put(json_t *o, const char *k, json_t *v);
json_t	*nb_json_strings(char *const *v, size_t n);

json_t	*nb_result_json(const struct nb_result *res);
char	*nb_result_json_line(const struct nb_result *res, size_t *lenp);
/* The same with reals at prec digits (jansson's default, the daemon's
 * records, is 17; --json's is 15). */
char	*nb_result_json_line_prec(const struct nb_result *res, int prec,
	    size_t *lenp);
/* One finding of the record (rule, severity, message, plugin, and those of
 * line, page, section, cell, relation, expected/actual, cells, related,
 * source that apply); the board writes stored findings with it too. */
json_t	*nb_found_json(const struct nb_found *f);

/*
 * What the history stage needs of a result (identity, cells, narrative,
 * findings), as the daemon's worker sends it (result_model.c), and the
 * result read back from it (no document, tables or readings); -1 with
 * err set when m is not such a model.
 */
json_t	*nb_result_model_json(const struct nb_result *res);
int	 nb_result_from_model(const json_t *m, struct nb_result **out,
	    struct nb_error *err);

const char *nb_format_name(enum nb_format f);	/* "2021", "old", ... */
const char *nb_severity_name(enum nb_severity s);/* "error", ... */
const char *nb_table_state_name(enum nb_table_state s); /* "complete", ... */
const char *nb_cell_source_name(enum nb_cell_source s); /* "text", ... */

#endif
