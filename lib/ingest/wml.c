/* wml.c -- reading WordprocessingML elements (see wml.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "wml.h"

int
wml_is(const xmlNode *n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, local) == 0;
}

xmlNode *
wml_child(const xmlNode *n, const char *local)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next)
		if (wml_is(c, local))
			return c;
	return NULL;
}

void
wml_trim_utf8(char *s)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, strlen(s));

	if (bad != NULL)
		s[bad - (const uint8_t *)s] = '\0';
}

const char *
wml_attr(const xmlNode *n, const char *local, char *buf, size_t len)
{
	xmlAttr *a;
	xmlChar *v;

	for (a = n ? n->properties : NULL; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, local) != 0)
			continue;
		if ((v = xmlNodeGetContent((xmlNode *)a)) == NULL)
			return NULL;
		snprintf(buf, len, "%s", (const char *)v);
		xmlFree(v);
		wml_trim_utf8(buf);
		return buf;
	}
	return NULL;
}

long
wml_attr_long(const xmlNode *n, const char *local, long dflt)
{
	char buf[32];

	if (wml_attr(n, local, buf, sizeof(buf)) == NULL)
		return dflt;
	return strtol(buf, NULL, 10);
}
