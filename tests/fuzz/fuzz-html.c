/* fuzz-html.c -- libFuzzer target: the HTML reader. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_fuzz_reader(nb_read_html, data, size);
	return 0;
}
