/*
 * mutate-common.h -- what the mutation tests share: a sample rebuilt from
 * its own document lines (so token positions and text agree), a run that
 * counts the mutants tried and caught, and the mutants every format gets
 * (each T3/T4 cell + 1, a blank cell per table, each heading deleted, the
 * body of 六 deleted).
 */
#ifndef MUTATE_COMMON_H
#define MUTATE_COMMON_H

#include <stddef.h>

#include "model.h"
#include "pack.h"
#include "test-plugins-common.h"

struct sample {
	const char	*name;
	struct nb_doc	*doc;
	struct nb_report *r;
	char		*text;		/* the lines joined with '\n' */
	size_t		*start;		/* byte offset of each line in text */
};

struct run {
	struct tally	*t;
	struct nb_engine *e;
	const struct nb_pack *pack;
	int		 tried, caught;
};

void	 sample_free(struct sample *s);
/* The model of the sample (or of the text given) as rebuilt from its own
 * lines; -1 on failure. */
int	 sample_text(struct sample *s, const char *name, char *given,
	    const struct nb_pack *pack);
int	 sample_load(struct sample *s, const char *name,
	    const struct nb_pack *pack);
/* text with bytes [from, to) replaced by rep. */
char	*splice(const char *text, size_t from, size_t to, const char *rep);
/* Checks text; did a finding of rule (any if NULL), of at least severity
 * min, name cell (any if NULL) and, if section > 0, that section? */
int	 caught(struct run *run, const char *what, const char *text,
	    const char *rule, enum nb_severity min, const char *cell,
	    int section);
/* Cell i of the sample written rep: a finding of at least min naming it
 * (for a T3 error, as its culprit). */
void	 mutate_cell(struct run *run, const struct sample *s, size_t i,
	    const char *rep, enum nb_severity min);
/* Every T3 and T4 cell + 1, and one cell per table made "/". */
void	 mutate_cells(struct run *run, const struct sample *s);
/* Each heading deleted, and the body of 六 (2021 format). */
void	 mutate_structure(struct run *run, const struct sample *s);

#endif
