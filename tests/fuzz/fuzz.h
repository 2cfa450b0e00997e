/*
 * fuzz.h -- what the ingest fuzz targets share: small limits, so that a
 * fuzzer spends its time on parsing, not on inflating big inputs.
 */
#ifndef NB_FUZZ_H
#define NB_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <unistr.h>

#include "readers.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct nb_doc *(*nb_reader)(const char *, const char *, size_t,
	    const struct nb_limits *, struct nb_error *);

/* Runs one reader on the input and checks what it returned. */
static inline void
nb_fuzz_reader(nb_reader read, const uint8_t *data, size_t size)
{
	/* no OCR: a fuzzer's scans would only measure Tesseract */
	struct nb_limits in = { .max_bytes = 1u << 22, .max_pages = 20,
	    .max_unpacked = 1u << 24, .max_entries = 1000, .max_depth = 64,
	    .max_markup = 100000, .ocr = NB_OCR_OFF }, lim;
	struct nb_error err = { NB_OK, "" };
	struct nb_doc *doc;
	size_t i;

	nb_limits_resolve(&in, &lim);
	doc = read("fuzz", (const char *)data, size, &lim, &err);
	if (doc == NULL) {
		/* every failure must say why */
		if (err.code == NB_OK || err.msg[0] == '\0')
			__builtin_trap();
		return;
	}
	for (i = 0; i < doc->nlines; i++)
		if (doc->lines[i].raw == NULL || doc->lines[i].text == NULL ||
		    u8_check((const uint8_t *)doc->lines[i].raw,
		    strlen(doc->lines[i].raw)) != NULL)
			__builtin_trap();
	nb_doc_free(doc);
}

#endif
