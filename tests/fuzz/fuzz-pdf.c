/* fuzz-pdf.c -- libFuzzer target: the PDF reader. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_fuzz_reader(nb_read_pdf, data, size);
	return 0;
}
