/*
 * floor-markup.c -- the floor of a DOCX or HTML check (bench/instr.sh):
 * each file read and parsed in this process by the libraries nianbao's
 * readers use: a DOCX's word/document.xml inflated with libzip and parsed
 * with libxml2, an HTML file parsed with libxml2's HTML parser; every
 * text node visited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <zip.h>

static size_t
walk(xmlNode *n)
{
	size_t t = 0;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			t += strlen((const char *)n->content);
		t += walk(n->children);
	}
	return t;
}

static xmlDoc *
docx(const char *path)
{
	zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
	zip_stat_t st;
	zip_file_t *f;
	xmlDoc *d = NULL;

	if (z == NULL)
		return NULL;
	if (zip_stat(z, "word/document.xml", 0, &st) == 0 &&
	    (f = zip_fopen(z, "word/document.xml", 0)) != NULL) {
		char *buf;

		if ((buf = malloc(st.size + 1)) != NULL &&
		    zip_fread(f, buf, st.size) == (zip_int64_t)st.size)
			d = xmlReadMemory(buf, (int)st.size, NULL, NULL,
			    XML_PARSE_NONET);
		free(buf);
		zip_fclose(f);
	}
	zip_close(z);
	return d;
}

int
main(int argc, char **argv)
{
	size_t text = 0;

	for (int i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);
		xmlDoc *d;

		if (n > 5 && strcmp(argv[i] + n - 5, ".docx") == 0)
			d = docx(argv[i]);
		else
			d = htmlReadFile(argv[i], NULL, HTML_PARSE_NONET |
			    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		if (d != NULL) {
			text += walk(xmlDocGetRootElement(d));
			xmlFreeDoc(d);
		}
	}
	printf("%zu bytes of text\n", text);
	return 0;
}
