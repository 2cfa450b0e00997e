/*
 * narrative.h -- what the files of the narrative plugin share: one rule
 * family a file (narrative.c: the applications received and concluded;
 * narrative_sum.c, narrative_results.c, narrative_t2.c,
 * narrative_contra.c), one context, and the numbers already judged, so
 * that one stated number gives at most one finding.
 */
#ifndef NB_PLUGIN_NARRATIVE_H
#define NB_PLUGIN_NARRATIVE_H

#include <stddef.h>

#include <nianbao/plugin.h>

#define NARR_SEEN	64

struct narr {
	const struct nb_api *api;
	nb_ctx		*ctx;
	const nb_report	*r;
	/* Numbers (section, byte offset in section_text) a rule has judged,
	 * found right or wrong: later rules leave them alone. */
	struct {
		int	 n;
		size_t	 off;
	}		 seen[NARR_SEEN];
	size_t		 nseen;
};

void	narr_see(struct narr *, int n, size_t off);
int	narr_seen(const struct narr *, int n, size_t off);
/* A claim of a whole sentence ("均已办结"), kept apart from numbers: the
 * sentence of text around off. */
void	narr_see_sentence(struct narr *, int n, const char *text, size_t off);
int	narr_seen_sentence(const struct narr *, int n, const char *text,
	    size_t off);
/* A cell's number when read with certainty: 1 and *v, else 0. */
int	narr_cell(const struct narr *, const char *id, double *v);
/* The sum of cells, all read with certainty: 1 and *v, else 0. */
int	narr_cells(const struct narr *, const char *const *ids, size_t n,
	    double *v);
/* The narrative of section n, up to its table for 二/三/四: *len. */
const char *narr_text(const struct narr *, int n, size_t *len);
/* Where the sentence holding text + off starts: after the last
 * text_sentence_end() before off, or 0. */
size_t	narr_sentence_start(const char *text, size_t off);
/* Does the sentence holding text + off say word? */
int	narr_sentence_has(const char *text, size_t off, const char *word);
/* Does the clause of text before off say word? */
int	narr_clause_has(const char *text, size_t off, const char *word);
/* Quote the sentence around off in text (at most ~60 characters). */
void	narr_quote(const char *text, size_t off, char *buf, size_t len);
/* Emit a finding at text offset off of section n. */
int	narr_emit(const struct narr *, const char *rule, enum nb_severity,
	    int n, size_t off, const char *msg, const char *cell,
	    const char *const *cells, size_t ncells, int has_values,
	    double expected, double actual);

/*
 * The words of a list where they occur in t before lim, in the order a
 * loop over every character trying every word meets them (by offset,
 * then by the list's order): one strstr per word and match instead of
 * every word tried at every character.  A word starts with a lead byte,
 * so its matches in valid UTF-8 fall on character boundaries.
 */
#define NARR_SCAN_MAX	16
struct narr_scan {
	const char		*t;
	size_t			 lim, n;
	const char *const	*w;
	long			 next[NARR_SCAN_MAX];
};

void	narr_scan_init(struct narr_scan *, const char *t, size_t lim,
	    const char *const *w, size_t n);
/* The next match: its offset and word, 0 when there is none left. */
int	narr_scan_next(struct narr_scan *, size_t *off, size_t *wi);

int	narr_sum(struct narr *);
int	narr_results(struct narr *);
int	narr_t2(struct narr *);
int	narr_contradiction(struct narr *);

#endif
