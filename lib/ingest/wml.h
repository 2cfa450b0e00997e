/*
 * wml.h -- reading WordprocessingML elements (DOCX): by local name, so the
 * strict and the transitional namespaces read alike.  All accept NULL.
 */
#ifndef NB_WML_H
#define NB_WML_H

#include <stddef.h>

#include <libxml/tree.h>

/* Is n the element named local? */
int		 wml_is(const xmlNode *n, const char *local);
/* The first child element of n named local, or NULL. */
xmlNode		*wml_child(const xmlNode *n, const char *local);
/* Attribute local of n (e.g. w:val) copied into buf, cut to whole UTF-8
 * characters; NULL if absent. */
const char	*wml_attr(const xmlNode *n, const char *local, char *buf,
		    size_t len);
/* The same as a number; dflt if absent. */
long		 wml_attr_long(const xmlNode *n, const char *local, long dflt);
/* Cuts s at its first invalid UTF-8 byte (a copy cut short may have
 * split a character). */
void		 wml_trim_utf8(char *s);

#endif
