/* fuzz-text.c -- libFuzzer target: the TEXT reader. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_fuzz_reader(nb_read_text, data, size);
	return 0;
}
