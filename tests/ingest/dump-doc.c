/*
 * dump-doc -- prints the lines of the document nb_ingest() makes of each
 * file: "page:line<TAB>raw" (tabs inside raw shown as " | "), or the
 * error.  For tests and for looking at what a reader did.  With -l the
 * line is the line on its page, as a viewer shows it; with -o a scan is
 * recognised (--ocr=auto).
 *
 * usage: dump-doc [-l] [-o] [-b bytes] [-d depth] [-e entries] [-p pages]
 *	  [-u unpacked] file ...
 * Exit status 0 when every file was read, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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
dump(const char *path, const struct nb_limits *lim, int page_lines)
{
	struct nb_error err = { NB_OK, "" };
	struct nb_doc *doc;
	char *buf;
	size_t len, i;

	if (nb_read_file(path, lim, &buf, &len, &err) == -1) {
		printf("error %d: %s\n", (int)err.code, err.msg);
		return 1;
	}
	doc = nb_ingest(path, buf, len, lim, &err);
	free(buf);
	if (doc == NULL) {
		printf("error %d: %s\n", (int)err.code, err.msg);
		return 1;
	}
	printf("kind %s encoding %s lines %zu%s\n", doc->kind, doc->encoding,
	    doc->nlines, doc->no_text ? " no_text" : "");
	for (i = 0; i < doc->nlines; i++) {
		printf("%u:%u\t", doc->lines[i].page, page_lines ?
		    doc->lines[i].page_line : doc->lines[i].lineno);
		put_raw(doc->lines[i].raw);
		putchar('\n');
	}
	nb_doc_free(doc);
	return 0;
}

static size_t
number(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "dump-doc: bad number: %s\n", s);
		exit(2);
	}
	return (size_t)v;
}

int
main(int argc, char *argv[])
{
	struct nb_limits lim = { 0 };
	int c, i, rc = 0, page_lines = 0;

	while ((c = getopt(argc, argv, "b:d:e:lm:op:u:")) != -1) {
		switch (c) {
		case 'l':
			page_lines = 1;
			break;
		case 'o':
			lim.ocr = NB_OCR_AUTO;
			break;
		case 'b':
			lim.max_bytes = number(optarg);
			break;
		case 'd':
			lim.max_depth = number(optarg);
			break;
		case 'e':
			lim.max_entries = number(optarg);
			break;
		case 'm':
			lim.max_markup = number(optarg);
			break;
		case 'p':
			lim.max_pages = number(optarg);
			break;
		case 'u':
			lim.max_unpacked = number(optarg);
			break;
		default:
			fprintf(stderr, "usage: dump-doc [-l] [-o] [-b bytes] [-d depth] "
			    "[-e entries] [-m tags] [-p pages] [-u unpacked] file ...\n");
			return 2;
		}
	}
	for (i = optind; i < argc; i++)
		rc |= dump(argv[i], &lim, page_lines);
	return rc;
}
