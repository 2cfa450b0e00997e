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

const char *
nb_error_rule(enum nb_errcode code)
{
	switch (code) {
	case NB_ERR_IO:
		return "ingest.unreadable";
	case NB_ERR_TOO_BIG:
		return "ingest.too_big";
	case NB_ERR_ENCODING:
		return "ingest.encoding";
	case NB_ERR_FORMAT:
		return "ingest.format";
	case NB_ERR_EMPTY:
		return "ingest.empty";
	default:
		return "engine.error";
	}
}
