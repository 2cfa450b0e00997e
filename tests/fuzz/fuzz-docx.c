/* fuzz-docx.c -- libFuzzer target: the DOCX reader. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_fuzz_reader(nb_read_docx, data, size);
	return 0;
}
