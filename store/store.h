/*
 * store.h -- the report history store: one interface, two backends.
 *
 * Every checked report is kept with its identity (issuer, year, format,
 * file sha256, received/published/checked times), every cell, the
 * narrative text of each section and every finding, so that checks across
 * reports (plugins history, consolidation, deadline, roster), `nianbao
 * history` and the board read it back without parsing files.
 *
 * As OpenSMTPD puts its queue behind one backend interface, the callers
 * never see which database runs: nb_store_open() takes a file name (or
 * "sqlite:FILE") for the embedded SQLite default, or a "postgresql://"
 * URI (libpq) for a history shared by several daemons.
 *
 * A report is keyed by (spool UUID, id) and written by an idempotent
 * upsert: writing the same key again (a replay after a crash) changes
 * nothing else.  A report whose content (sha256) or issuer and year were
 * already stored under another key is a new version of that series
 * (history.duplicate), never a second report.
 */
#ifndef NB_STORE_H
#define NB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <nianbao/plugin.h>

#include "error.h"

struct nb_store;

/* Sections of the narrative kept: [0] preamble, [1..6] the sections. */
#define NB_STORE_NTEXT	7

struct nb_store_cell {
	char		*id;		/* e.g. "t3.new.natural" */
	struct nb_value	 v;		/* v.raw owned by the cell */
	int		 has_confidence;/* 0: stored as NULL */
	double		 confidence;	/* 0..1 */
};

/* A position in the source behind a finding (a sentence, a cell). */
struct nb_store_pos {
	int		 section;	/* whose text off and len are in */
	unsigned	 line, page;
	size_t		 off, len;	/* in the section text; 0 0 if none */
};

struct nb_store_finding {
	int64_t		 fid;		/* set when read back */
	char		*rule, *plugin;
	enum nb_severity severity;
	char		*message;
	unsigned	 line, page;
	int		 section;
	char		*cell;
	char		**cells;	size_t ncells;
	char		*relation;	/* the failed relation's id */
	int		 has_values;
	double		 expected, actual;
	/* Other reports behind a cross-report finding (their rids). */
	int64_t		*related;	size_t nrelated;
	struct nb_store_pos *pos;	size_t npos;
};

/* One report; every pointer is owned by it (nb_store_report_free). */
struct nb_store_report {
	int64_t		 rid;		/* set when read back */
	char		*spool;		/* spool UUID ("cli" for the CLI) */
	char		*id;		/* report id within the spool */
	char		*file;		/* name as the user knows it */
	char		*origin;	/* drop subfolder, "" if none */
	char		*issuer;	/* as written in the report */
	char		*issuer_key;	/* normalised (roster.c) */
	int		 year;		/* 0 if unknown */
	char		*format;	/* "2021", "old", ... */
	char		*kind;		/* "text", "pdf", ... */
	char		 sha256[65];	/* of the input bytes, hex */
	int64_t		 received, published, checked; /* unix s, 0 unknown */
	int		 version;	/* set when read back: 1, 2, ... */
	int64_t		 series;	/* rid of version 1, when read back */
	size_t		 errors, warnings;
	struct nb_store_cell *cells;	size_t ncells;
	char		*text[NB_STORE_NTEXT];	/* narrative, NULL if none */
	struct nb_store_finding *findings; size_t nfindings;
};

/* What nb_store_put() did. */
struct nb_store_put {
	int64_t		 rid;
	int		 version;
	int64_t		 series;
	int		 replayed;	/* 1: key was there, nothing new */
};

/* One line of a listing, without cells, text or findings. */
struct nb_store_summary {
	int64_t		 rid, series;
	char		 spool[64], id[128];
	char		*file, *issuer, *issuer_key;
	int		 year, version;
	char		 format[16];
	int64_t		 received, published, checked;
	size_t		 errors, warnings;
};

/* What to list; zero/NULL fields match everything. */
struct nb_store_query {
	const char	*issuer_key;
	int		 year;
	const char	*sha256;
	int		 latest_only;	/* only the newest version of a series */
	int64_t		 exclude_series;/* leave out this series */
};

int	 nb_store_open(const char *uri, struct nb_store **out,
	    struct nb_error *err);
void	 nb_store_close(struct nb_store *s);
const char *nb_store_backend(const struct nb_store *s); /* "sqlite", ... */
int	 nb_store_schema_version(struct nb_store *s, struct nb_error *err);

int	 nb_store_put(struct nb_store *s, const struct nb_store_report *r,
	    struct nb_store_put *out, struct nb_error *err);
/*
 * A group of writes made durable together, with one sync: the puts (and
 * reads) between these see each other and commit, or roll back, as one;
 * a put that fails inside it is undone alone.  Not nested.
 */
int	 nb_store_group_begin(struct nb_store *s, struct nb_error *err);
int	 nb_store_group_end(struct nb_store *s, int ok, struct nb_error *err);
/* The rid of the report stored under (spool, id), 0 if none, -1 error. */
int64_t	 nb_store_lookup(struct nb_store *s, const char *spool,
	    const char *id, struct nb_error *err);
/* Reads one report back with everything; *out = NULL if no such rid. */
int	 nb_store_get(struct nb_store *s, int64_t rid,
	    struct nb_store_report **out, struct nb_error *err);
/* Reports matching q, by issuer, year, version; caller frees *out with
 * nb_store_summaries_free(). */
int	 nb_store_list(struct nb_store *s, const struct nb_store_query *q,
	    struct nb_store_summary **out, size_t *n, struct nb_error *err);
void	 nb_store_summaries_free(struct nb_store_summary *v, size_t n);

/* Reports of year (0: any) sharing at least one LSH band key with keys
 * (nb_minhash_bands), newest version only, other series than
 * exclude_series, those sharing the most keys first; *out (rids) freed
 * by the caller. */
int	 nb_store_similar(struct nb_store *s, int year,
	    const uint64_t *keys, size_t nkeys, int64_t exclude_series,
	    int64_t **out, size_t *n, struct nb_error *err);

/* A reviewer's verdict on a stored finding. */
int	 nb_store_review(struct nb_store *s, int64_t fid, const char *state,
	    const char *note, const char *reviewer, int64_t at,
	    struct nb_error *err);

/* The latest verdict on each finding of report rid that has one, by
 * fid; freed with nb_store_verdicts_free(). */
enum nb_verdict { NB_VERDICT_CONFIRMED = 1, NB_VERDICT_DISMISSED };
struct nb_store_verdict {
	int64_t		 fid;
	enum nb_verdict	 state;
	char		*note, *reviewer;
	int64_t		 at;		/* unix s */
};
int	 nb_store_verdicts(struct nb_store *s, int64_t rid,
	    struct nb_store_verdict **out, size_t *n, struct nb_error *err);
const struct nb_store_verdict *nb_store_verdict_of(
	    const struct nb_store_verdict *v, size_t n, int64_t fid);
void	 nb_store_verdicts_free(struct nb_store_verdict *v, size_t n);

/* A report's findings counted by their latest verdict (the board's
 * counts: a dismissed finding is not counted again for the same report
 * version; a new version has new findings, reviewed afresh). */
struct nb_store_tally {
	size_t	 errors, warnings;	/* not dismissed */
	size_t	 unreviewed;		/* errors and warnings not reviewed */
	size_t	 dismissed, confirmed;
};
int	 nb_store_tally(struct nb_store *s, int64_t rid,
	    struct nb_store_tally *t, struct nb_error *err);
/* The report fid belongs to, 0 if no such finding, -1 on error. */
int64_t	 nb_store_finding_report(struct nb_store *s, int64_t fid,
	    struct nb_error *err);

void	 nb_store_report_free(struct nb_store_report *r);
void	 nb_store_finding_clear(struct nb_store_finding *f);

#endif
