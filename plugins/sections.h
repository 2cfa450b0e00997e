/*
 * sections.h -- the files of the sections plugin: sections.c (the six
 * parts present, once, in order), sections_outline.c (numbering, an empty
 * section 五), sections_parts.c (whether the preamble lists a part),
 * sections_heading.c (the wording of each heading).
 */
#ifndef NB_PLUGIN_SECTIONS_H
#define NB_PLUGIN_SECTIONS_H

#include <nianbao/plugin.h>

/* A finding of rule on part n (0: none) at line (sections.c). */
int	sections_emit(const struct nb_api *, nb_ctx *, const char *rule,
	    enum nb_severity, int n, unsigned line, const char *msg);
/* "第3页第12行" or "第12行": line as the user looks for it. */
void	sections_where(const struct nb_api *, const nb_report *, unsigned line,
	    char *buf, size_t len);
/* sections.heading_text (sections_heading.c). */
int	sections_heading_text(const struct nb_api *, nb_ctx *,
	    const nb_report *);
int	sections_numbering(const struct nb_api *, nb_ctx *, const nb_report *);
int	sections_empty(const struct nb_api *, nb_ctx *, const nb_report *);
/* Does the preamble list part n (1..6) among the report's parts? */
int	sections_listed(const struct nb_api *, const nb_report *, int n);

#endif
