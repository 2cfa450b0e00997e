/* fuzz-ingest.c -- libFuzzer target: nb_ingest(), detection included. */
#include "fuzz.h"

static struct nb_doc *
ingest(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	return nb_ingest(name, buf, len, lim, err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_fuzz_reader(ingest, data, size);
	return 0;
}
