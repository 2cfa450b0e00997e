/*
 * nianbao/plugin.h -- the public rule-plugin ABI of nianbao.
 *
 * This is the only header a rule plugin includes.  A plugin is one shared
 * object that exports one symbol, nb_plugin_entry(), returning a pointer to a
 * constant descriptor (struct nb_plugin).  The host passes a table of
 * functions (struct nb_api) to every call, so a plugin has no undefined
 * references to host symbols and links against libc only.
 *
 * Plugins read the report model (sections, lines, table cells keyed by the
 * ids of the national format, the relations of the loaded rule pack) and
 * emit findings.  They never see the input bytes.
 *
 * Versioning: NB_ABI_VERSION = (major << 16) | minor.  The host refuses a
 * plugin whose major differs from its own; a plugin of a newer minor than
 * the host is loaded, and sees (NB_API_HAS) that the host's table ends
 * earlier.  A minor version only appends members at the end of
 * structures; nothing is ever removed, reordered or given another
 * meaning without a new major.  A new member is read only when
 * struct_size says it is there.  nianbao-plugin(3) states the policy.
 *
 * Memory: everything the host returns stays owned by the host and is valid
 * until the plugin's check() returns.  Everything the plugin passes to
 * emit() is copied by the host.  Nothing is ever freed across the boundary.
 */
#ifndef NIANBAO_PLUGIN_H
#define NIANBAO_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NB_ABI_MAJOR 1
#define NB_ABI_MINOR 6
#define NB_ABI_MK(maj, min)	(((uint32_t)(maj) << 16) | (uint32_t)(min))
#define NB_ABI_VERSION		NB_ABI_MK(NB_ABI_MAJOR, NB_ABI_MINOR)
#define NB_ABI_GET_MAJOR(v)	((uint32_t)(v) >> 16)
#define NB_ABI_GET_MINOR(v)	((uint32_t)(v) & 0xffffu)

#define NB_PLUGIN_ENTRY_SYMBOL	"nb_plugin_entry"

#if defined(__GNUC__)
# define NB_EXPORT __attribute__((visibility("default")))
# define NB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
# define NB_EXPORT
# define NB_PRINTF(a, b)
#endif

/* Opaque, host-owned objects. */
typedef struct nb_report nb_report;	/* the report model being checked */
typedef struct nb_ctx	 nb_ctx;	/* one plugin instance in the host */

enum nb_severity {
	NB_SEV_INFO = 0,
	NB_SEV_WARNING = 1,
	NB_SEV_ERROR = 2
};

/* Format versions a report can be in (DOMAIN.md §0). */
enum nb_format {
	NB_FMT_UNKNOWN = 0,
	NB_FMT_OLD = 1,		/* <= 2018, 政府信息公开情况统计表 */
	NB_FMT_2019 = 2,	/* 国办公开办函〔2019〕60号 trial format */
	NB_FMT_2021 = 3		/* 国办公开办函〔2021〕30号 */
};

/* What was found of one table (t2, t3, t4). */
enum nb_table_state {
	NB_TABLE_ABSENT = 0,	/* no trace of the table */
	NB_TABLE_HEADER_ONLY,	/* its header or caption, no data row */
	NB_TABLE_PARTIAL,	/* some rows found, some not */
	NB_TABLE_COMPLETE,	/* every row found */
	NB_TABLE_UNREADABLE	/* present, but cells cannot be told apart */
};

/* What one cell holds. */
enum nb_value_kind {
	NB_VAL_ABSENT = 0,	/* the cell's row was not found at all */
	NB_VAL_MISSING,		/* row found, cell blank, "/", "-", "—", "无" */
	NB_VAL_INT,		/* an integer (may be negative: a defect) */
	NB_VAL_DECIMAL		/* a number with a fraction, e.g. 1382.86 */
};

/*
 * How a cell was read (ABI 1.1).  A cell read "with certainty" has
 * confidence >= NB_CONF_CERTAIN; arithmetic errors are raised only from
 * such cells, anything less is at most a warning that the table could not
 * be read.
 */
enum nb_cell_source {
	NB_SRC_NONE = 0,	/* not read (absent row, lost cell) */
	NB_SRC_TEXT,		/* a token of its own in running text */
	NB_SRC_GRID,		/* a cell of a real table (HTML, DOCX, PDF rules) */
	NB_SRC_GLUED,		/* split out of digits written together, the
				 * one split the table's relations allow */
	NB_SRC_OCR		/* recognised from a page image */
};

#define NB_CONF_CERTAIN	0.95

struct nb_cell_info {
	double		 confidence;	/* 0..1 */
	enum nb_cell_source source;
};

struct nb_value {
	enum nb_value_kind kind;
	int64_t		 i;	/* NB_VAL_INT */
	double		 d;	/* NB_VAL_INT and NB_VAL_DECIMAL */
	unsigned	 line;	/* 1-based source line, 0 if unknown */
	unsigned	 page;	/* 1-based page, 0 if the input has none */
	const char	*raw;	/* the token as written, "" when none */
};

/*
 * One arithmetic relation of the rule pack, already expanded (no template
 * variables left): sum(lhs) == sum(rhs).
 */
struct nb_relation {
	const char	*id;		/* e.g. "T3-BAL-natural" */
	const char	*rule;		/* rule id to report, e.g. "sums.balance" */
	enum nb_severity severity;
	const char	*label;		/* Chinese description for messages */
	const char *const *lhs;	size_t n_lhs;	/* cell ids */
	const char *const *rhs;	size_t n_rhs;	/* cell ids */
};

/*
 * ABI 1.3: a text the rule pack requires (a province's own item, such as
 * 宁夏's 政务公开工作要点落实情况 in part 六), reported under `rule` by
 * the plugin that declares it (the shipped one: sections.required_text).
 */
struct nb_requirement {
	const char	*id;		/* e.g. "NX-6-YAODIAN" */
	const char	*rule;		/* rule id to report */
	enum nb_severity severity;
	const char	*label;		/* what must be reported, Chinese */
	int		 section;	/* 1..6; 0 = anywhere in the report */
	/* Words, normalised and without white space like section_text():
	 * the requirement is met when one of them occurs. */
	const char *const *any;	size_t n_any;
};

/*
 * A finding as the plugin describes it; the host copies every field.
 * Zero or NULL means "does not apply" for every optional field.
 */
struct nb_finding {
	const char	*rule;		/* required, one of the plugin's rule ids */
	enum nb_severity severity;
	const char	*message;	/* required, Chinese, one sentence */
	unsigned	 line;		/* 1-based source line */
	int		 section;	/* 1..6 */
	const char	*cell;		/* the cell at fault (likely culprit) */
	const char *const *cells; size_t n_cells; /* every cell involved */
	const char	*relation;	/* relation id, if one failed */
	int		 has_values;	/* expected/actual below are set */
	double		 expected;
	double		 actual;
	/* ABI 1.1 (read only from plugins built for 1.1 or later): other
	 * relations broken by the same culprit, reported in this finding
	 * instead of findings of their own. */
	const char *const *related; size_t n_related;
};

/*
 * ABI 1.2: checks across reports.  Which other reports the history
 * calls of struct nb_api return.  A handle names another stored report
 * and is valid during check_history() only.
 */
enum nb_related {
	NB_REL_PREVIOUS = 0,	/* the same issuer's report of year - 1 */
	NB_REL_SAME_YEAR,	/* other issuers' reports of the same year */
	NB_REL_DUPLICATE,	/* earlier versions: same content, or same
				 * issuer and year */
	NB_REL_COVERED		/* same year, issuers the roster says this
				 * report covers (a government's departments) */
};
typedef int64_t nb_handle;

/* ABI 1.4: a row of digits written together that cannot add up. */
struct nb_glued_row {
	const char	*label;		/* the row's label in its table */
	const char	*digits;	/* as printed, e.g. "160000015" */
	unsigned	 line;		/* source line of the digits */
	const char *const *cells; size_t n_cells; /* the row's cells */
	/* A relation every split of the digits breaks; NULL when each is
	 * kept by some split.  A row that breaks several (T4's three
	 * groups) comes once for each, in pack order. */
	const struct nb_relation *relation;
};

/* ABI 1.5: the heading of a section as the report writes it. */
struct nb_heading {
	const char	*text;		/* as written: wrapped lines joined,
					 * white space and markdown at its
					 * ends dropped */
	const char	*compact;	/* the same, normalised (NFKC) and
					 * without white space, as
					 * section_text() */
	const char	*format;	/* the format's heading of the section
					 * (the rule pack's), ordinal included */
	unsigned	 line;		/* source line of the heading */
};

/* Services of the host.  Valid for the lifetime of the plugin instance. */
struct nb_api {
	uint32_t abi_version;
	uint32_t struct_size;

	/* Report identity. */
	enum nb_format (*format)(const nb_report *);
	int	    (*year)(const nb_report *);		/* 0 if unknown */
	const char *(*issuer)(const nb_report *);	/* "" if unknown */
	unsigned    (*title_line)(const nb_report *);	/* 0 if no title */
	/* Statistics period sentence: its line, 0 if absent; the years it
	 * names (0 when not written). */
	unsigned    (*period_line)(const nb_report *, int *start_year,
		    int *end_year);

	/* Source lines, 1-based; NULL past the end.  Text is normalised
	 * (NFKC, markdown noise stripped, spaces folded). */
	unsigned    (*line_count)(const nb_report *);
	const char *(*line_text)(const nb_report *, unsigned line);

	/* Sections 1..6: heading line (0 if not found), how many headings
	 * for that section were found, and the first and last body line. */
	unsigned    (*section_line)(const nb_report *, int n);
	int	    (*section_count)(const nb_report *, int n);
	unsigned    (*section_end)(const nb_report *, int n);
	/* The body of section n (or of the preamble for n == 0) as one
	 * string with lines joined and all white space removed, so that
	 * sentences wrapped over lines can be matched; "" if absent. */
	const char *(*section_text)(const nb_report *, int n);
	/* Source line of byte offset off in section_text(n). */
	unsigned    (*section_text_line)(const nb_report *, int n, size_t off);
	/* Order in which sections were found: fills order[] with section
	 * numbers in source order, returns how many (<= 6 * 4). */
	size_t	    (*section_order)(const nb_report *, int *order, size_t max);

	/* Tables: "t2", "t3", "t4". */
	enum nb_table_state (*table_state)(const nb_report *, const char *t);
	unsigned    (*table_line)(const nb_report *, const char *t);
	/* Cells of the format, in table order; id is e.g. "t3.new.natural". */
	size_t	    (*cell_count)(const nb_report *);
	const char *(*cell_id)(const nb_report *, size_t i);
	/* Fills *v; returns 0, or -1 if the id is not a cell of the format. */
	int	    (*cell)(const nb_report *, const char *id, struct nb_value *v);
	/* Human (Chinese) label of a cell, e.g. "第三部分表格 一、本年新收 / 自然人". */
	const char *(*cell_label)(const nb_report *, const char *id);

	/* Relations of the loaded rule pack, expanded. */
	size_t	    (*relation_count)(const nb_report *);
	const struct nb_relation *(*relation)(const nb_report *, size_t i);

	/* The plugin's own options from the rule pack ("plugins": {name:
	 * {key: value}}), as text; NULL when not set. */
	const char *(*option)(nb_ctx *, const char *key);

	/* Report a finding.  Returns 0, or -1 if the finding is invalid
	 * (unknown rule id, no message) -- the host logs why. */
	int	    (*emit)(nb_ctx *, const struct nb_finding *);
	/* Log a diagnostic (not a finding) to the host's log. */
	void	    (*log)(nb_ctx *, const char *fmt, ...) NB_PRINTF(2, 3);

	/* Sums both sides of a relation: returns 1 if it holds, 0 if it
	 * fails, -1 if a cell of it holds no number (not assessable).
	 * *lhs and *rhs are set when the return is 0 or 1. */
	int	    (*relation_check)(const nb_report *,
		    const struct nb_relation *, double *lhs, double *rhs);
	/* Byte offset in section_text(n) of the first text that comes from
	 * source line `line` or later; strlen(section_text(n)) if none.  For
	 * reading a section's narrative only above its table. */
	size_t	    (*section_text_offset)(const nb_report *, int n,
		    unsigned line);

	/* ---- ABI 1.1: read only when struct_size says they are there ---- */

	/* How cell `id` was read; 0, or -1 if not a cell of the format. */
	int	    (*cell_info)(const nb_report *, const char *id,
		    struct nb_cell_info *info);
	/* Confidence (0..1) that table t was read as printed; *why (may be
	 * NULL) gets a Chinese reason when it is below NB_CONF_CERTAIN or the
	 * table is not complete, else "". */
	double	    (*table_confidence)(const nb_report *, const char *t,
		    const char **why);
	/* Every heading line found for section n (duplicates included), in
	 * source order: fills lines[] with up to max of them and returns how
	 * many there are. */
	size_t	    (*section_lines)(const nb_report *, int n, unsigned *lines,
		    size_t max);
	/* The page of source line `line` (0 for inputs without pages) and,
	 * in *page_line, its line on that page as a viewer shows it: for
	 * naming a place in a message the way the user will look for it. */
	unsigned    (*line_page)(const nb_report *, unsigned line,
		    unsigned *page_line);

	/* ---- ABI 1.2: the history, set (non-NULL) only in the table
	 * given to check_history(), which the host calls where the report
	 * history store is (the daemon's parent, `nianbao check --store`),
	 * never in the sandboxed worker.  There the report has no source
	 * lines (line_count() is 0): cells, section texts and identity. ---- */

	/* Fills h[] with up to max related reports, newest version each;
	 * returns how many there are (may exceed max). */
	size_t	    (*related)(const nb_report *, enum nb_related kind,
		    nb_handle *h, size_t max);
	/* Other issuers' reports of the same year whose narrative shares an
	 * LSH band key with keys[] (MinHash of the narrative, see the history
	 * plugin), those sharing the most first; fills h[] with up to max. */
	size_t	    (*similar)(const nb_report *, const uint64_t *keys,
		    size_t nkeys, nb_handle *h, size_t max);
	/* Another report: identity, cells and narrative as above. */
	const char *(*other_issuer)(const nb_report *, nb_handle h);
	int	    (*other_year)(const nb_report *, nb_handle h);
	int	    (*other_cell)(const nb_report *, nb_handle h,
		    const char *id, struct nb_value *v);
	const char *(*other_text)(const nb_report *, nb_handle h, int n);
	/* Facts beside the model, as text, NULL when unknown: of this
	 * report (h == 0) or another.  Keys: "file", "sha256", "origin",
	 * "received", "published" (unix seconds), "version" and "format" (of
	 * another report), "roster" (1 when a roster is loaded), "roster.name",
	 * "roster.level" (部门, 本级政府, 乡镇, 街道), "roster.deadline"
	 * (MM-DD, the roster's own for this agency; NULL: the law's),
	 * "roster.covers" (how many agencies the roster puts under it). */
	const char *(*attr)(const nb_report *, nb_handle h, const char *key);
	/* Attach to the finding emitted last: another report behind it, a
	 * passage of section n's text behind it. */
	int	    (*relate)(nb_ctx *, nb_handle h);
	int	    (*mark)(nb_ctx *, int n, size_t off, size_t len);

	/* ---- ABI 1.3: the requirements of the rule pack ---- */
	size_t	    (*requirement_count)(const nb_report *);
	const struct nb_requirement *(*requirement)(const nb_report *,
		    size_t i);

	/* ---- ABI 1.4 ---- */

	/* Row i (from 0) of table t whose digits were printed written
	 * together ("160000015") and that no split of them makes add up: a
	 * defect of the report, not of the reading.  Its cells stay unread
	 * (confidence 0).  Fills *g and returns 1; 0 past the last. */
	int	    (*glued_row)(const nb_report *, const char *t, size_t i,
		    struct nb_glued_row *g);

	/* ---- ABI 1.5 ---- */

	/* The first heading found for section n (1..6): fills *h and
	 * returns 1; 0 when the section has none. */
	int	    (*section_heading)(const nb_report *, int n,
		    struct nb_heading *h);

	/* ---- ABI 1.6: cells by index, no id looked up ---- */

	/* cell() and cell_info() of cell i (0 .. cell_count() - 1, the
	 * cell cell_id(r, i) names); -1 past the last. */
	int	    (*cell_at)(const nb_report *, size_t i, struct nb_value *v);
	int	    (*cell_info_at)(const nb_report *, size_t i,
		    struct nb_cell_info *info);
	/* The cell indices of relation rel (as relation() gives it): its
	 * n_lhs, then its n_rhs, -1 for an id that is no cell of the
	 * format; NULL when rel is not one of the pack's relations. */
	const long *(*relation_cells)(const nb_report *,
		    const struct nb_relation *rel);
};

/* Does the host's table have member m?  For the members added after 1.0. */
#define NB_API_HAS(api, m) \
	((api)->struct_size >= offsetof(struct nb_api, m) + sizeof((api)->m) && \
	    (api)->m != NULL)

/* Static metadata of one rule. */
struct nb_rule {
	const char	*id;		/* "<plugin>.<rule>", [a-z0-9._]+ */
	enum nb_severity severity;	/* default severity */
	const char	*summary;	/* one line, Chinese */
};

struct nb_plugin {
	uint32_t	 abi_version;	/* NB_ABI_VERSION at build time */
	uint32_t	 struct_size;	/* sizeof(struct nb_plugin) at build time */
	const char	*name;		/* [a-z0-9_]+, == file name without .so */
	const char	*version;
	const struct nb_rule *rules;
	size_t		 n_rules;

	/* Optional.  Called once after loading; may set *state.  Returns 0,
	 * or -1 with a reason in errbuf. */
	int  (*init)(const struct nb_api *api, nb_ctx *ctx, void **state,
	    char *errbuf, size_t errlen);
	/* Check one report.  Returns 0, or -1 if the check itself failed
	 * (not a finding: the host reports the plugin as failed).  NULL
	 * only in a plugin of checks across reports (check_history set;
	 * a host older than ABI 1.2 refuses such a plugin). */
	int  (*check)(const struct nb_api *api, nb_ctx *ctx, void *state,
	    const nb_report *r);
	/* Optional.  Called once before unloading. */
	void (*fini)(void *state);

	/* ---- ABI 1.1+: append below, gated on struct_size ---- */

	/* ABI 1.2.  Optional.  Checks one report against the history (the
	 * ABI 1.2 members of struct nb_api).  A plugin of checks across
	 * reports has this and no check(). */
	int  (*check_history)(const struct nb_api *api, nb_ctx *ctx,
	    void *state, const nb_report *r);
};

/* The only symbol a plugin exports. */
NB_EXPORT const struct nb_plugin *nb_plugin_entry(void);

#ifdef __cplusplus
}
#endif
#endif /* NIANBAO_PLUGIN_H */
