/*
 * dump-doc -- prints the lines of the document nb_ingest() makes of each
 * file: "page:line<TAB>raw" (tabs inside raw shown as " | "), or the
 * error.  For tests and for looking at what a reader did.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ingest.h"

static void
put_raw(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\t')
			fputs(" | ", stdout);
		else
			putchar(*s);
}

static int
dump(const char *path)
{
	struct nb_error err = { NB_OK, "" };
	struct nb_doc *doc;
	char *buf;
	size_t len, i;

	if (nb_read_file(path, NULL, &buf, &len, &err) == -1) {
		printf("error %d: %s\n", (int)err.code, err.msg);
		return 1;
	}
	doc = nb_ingest(path, buf, len, NULL, &err);
	free(buf);
	if (doc == NULL) {
		printf("error %d: %s\n", (int)err.code, err.msg);
		return 1;
	}
	printf("kind %s encoding %s lines %zu%s\n", doc->kind, doc->encoding,
	    doc->nlines, doc->no_text ? " no_text" : "");
	for (i = 0; i < doc->nlines; i++) {
		printf("%u:%u\t", doc->lines[i].page, doc->lines[i].lineno);
		put_raw(doc->lines[i].raw);
		putchar('\n');
	}
	nb_doc_free(doc);
	return 0;
}

int
main(int argc, char *argv[])
{
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		rc |= dump(argv[i]);
	return rc;
}
