/*
 * build.h -- what the parts of the model builder share while a model is
 * built (model.c owns it): the compact text of every line and the
 * canonical headings, and the helpers each part asks of them.  Not seen
 * outside lib/model.
 */
#ifndef NB_BUILD_H
#define NB_BUILD_H

#include <stddef.h>

#include "model.h"

#define TITLE_SCAN	15	/* non-empty lines searched for the title */
#define TITLE_MAX	60	/* longest title line, in characters */
#define TITLE_PARTS	6	/* lines of a title wrapped by a converter */
#define ISSUER_MAX	30	/* longest issuer line above a title */
#define HEADING_MAX	40	/* longest heading, in characters */
#define NONE		((size_t)-1)

/* Per-build scratch: the compact text of every line. */
struct build {
	struct nb_report *r;
	char		**cl;
	char		 *canon[6];	/* compact canonical headings, no ordinal */
};

/* lines.c */
char		*nb_squeeze(char *s);
char		*nb_squeeze_to(char *d, const char *s);
size_t		 nb_squeeze_len(const char *s);
size_t		 nb_nchars(const char *s, size_t cap);
size_t		 nb_nchars_n(const char *s, size_t n);
int		 nb_isdig(char c);
long		 nb_find_year(const char *s, int *year);
size_t		 nb_prev_nonempty(const struct build *b, size_t i);
size_t		 nb_next_nonempty(const struct build *b, size_t i);
int		 nb_has_digit(const char *s);
char		*nb_join_lines(const struct build *b, size_t first, size_t last);

/* heading.c */
const char	*nb_skip_numerals(const char *s);
const char	*nb_skip_ordinal(const char *s);
int		 nb_heading_of(const struct build *b, const char *c);
int		 nb_heading_inline(const struct build *b, const char *c,
		    size_t *end);
int		 nb_heading_bare(const struct build *b, int k, const char *c);

/* relayout.c: r->doc and r->lmap from r->src; -1 on ENOMEM. */
int		 nb_relayout(struct build *b);

/* format.c, title.c, sections.c, period.c: each fills its part of b->r;
 * -1 only on allocation failure. */
int		 nb_find_format(struct build *b);
int		 nb_find_title(struct build *b);
int		 nb_find_sections(struct build *b);
int		 nb_section_texts(struct build *b);
void		 nb_find_period(struct nb_report *r);

#endif
