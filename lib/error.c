/* error.c -- filling struct nb_error. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

int
nb_fail(struct nb_error *err, enum nb_errcode code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
nb_error_clear(struct nb_error *err)
{
	if (err == NULL)
		return;
	err->code = NB_OK;
	err->msg[0] = '\0';
}
