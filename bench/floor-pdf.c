/*
 * floor-pdf.c -- the floor of a PDF check (bench/instr.sh): poppler's own
 * text extraction of every page of each file, in this process, through
 * the same library (poppler-glib) as nianbao's PDF reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

int
main(int argc, char **argv)
{
	size_t bytes = 0;

	for (int i = 1; i < argc; i++) {
		gchar *data;
		gsize len;
		GBytes *b;
		PopplerDocument *doc;

		if (!g_file_get_contents(argv[i], &data, &len, NULL))
			return 2;
		b = g_bytes_new_take(data, len);
		if ((doc = poppler_document_new_from_bytes(b, NULL, NULL)) != NULL) {
			int n = poppler_document_get_n_pages(doc);

			for (int p = 0; p < n; p++) {
				PopplerPage *page = poppler_document_get_page(doc, p);
				char *t = poppler_page_get_text(page);

				bytes += t ? strlen(t) : 0;
				g_free(t);
				g_object_unref(page);
			}
			g_object_unref(doc);
		}
		g_bytes_unref(b);
	}
	printf("%zu bytes of text\n", bytes);
	return 0;
}
