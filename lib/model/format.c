/*
 * format.c -- which national format a report follows (2021, the 2019
 * trial format, the old 统计表), from the markers of the rule pack.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

static int
marker_in(const struct nb_strv *m, const char *text)
{
	size_t i;

	if (m->n == 0)
		return 0;
	for (i = 0; i < m->n; i++)
		if (strstr(text, m->v[i]) == NULL)
			return 0;
	return 1;
}

static int
format_has(const struct nb_pack *pack, enum nb_format f, const char *text)
{
	const struct nb_format_def *fd = &pack->formats[f];
	size_t i;

	for (i = 0; i < fd->nmarkers; i++)
		if (marker_in(&fd->markers[i], text))
			return 1;
	return 0;
}

/* Old markers win over 2019 ones, 2019 ones over 2021 ones. */
int
nb_find_format(struct build *b)
{
	const struct nb_doc *doc = b->r->doc;
	size_t i, len = 0;
	char *all;

	for (i = 0; i < doc->nlines; i++)
		len += strlen(b->cl[i]);
	if ((all = malloc(len + 1)) == NULL)
		return -1;
	len = 0;
	for (i = 0; i < doc->nlines; i++) {
		size_t l = strlen(b->cl[i]);
		memcpy(all + len, b->cl[i], l);
		len += l;
	}
	all[len] = '\0';
	if (format_has(b->r->pack, NB_FMT_OLD, all))
		b->r->format = NB_FMT_OLD;
	else if (format_has(b->r->pack, NB_FMT_2019, all))
		b->r->format = NB_FMT_2019;
	else if (format_has(b->r->pack, NB_FMT_2021, all))
		b->r->format = NB_FMT_2021;
	else
		b->r->format = NB_FMT_UNKNOWN;
	free(all);
	return 0;
}
