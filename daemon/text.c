/*
 * text.c -- names as UTF-8 for records, as hex for the worker protocol.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Length of the valid UTF-8 sequence at p, 0 if there is none. */
static size_t
utf8_len(const unsigned char *p)
{
	size_t	 n, i;
	unsigned c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	c = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++)
		c = c << 6 | (p[i] & 0x3f);
	/* Overlong forms, surrogates and past U+10FFFF are not UTF-8. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

char *
text_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char	*out, *o;

	/* At worst every byte becomes four. */
	if ((out = malloc(strlen(s) * 4 + 1)) == NULL)
		return NULL;
	o = out;
	while (*p != '\0') {
		size_t n = utf8_len(p);

		if (n == 0) {
			o += sprintf(o, "\\x%02x", *p);
			p++;
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	return out;
}

void
text_log(char *out, size_t len, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t	 o = 0;

	/* Room for one more escape and the NUL, or stop with "…". */
	while (*p != '\0' && o + 8 < len) {
		size_t n = utf8_len(p);

		if (n == 0 || *p < 0x20 || *p == 0x7f) {
			o += (size_t)snprintf(out + o, len - o, "\\x%02x", *p);
			p++;
			continue;
		}
		memcpy(out + o, p, n);
		o += n;
		p += n;
	}
	if (*p != '\0' && o + 4 <= len) {
		memcpy(out + o, "\xe2\x80\xa6", 3);	/* … */
		o += 3;
	}
	out[o < len ? o : len - 1] = '\0';
}

char *
text_hex(const char *s)
{
	static const char digits[] = "0123456789abcdef";
	size_t	 n = strlen(s), i;
	char	*out;

	if ((out = malloc(n * 2 + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		out[2 * i] = digits[(unsigned char)s[i] >> 4];
		out[2 * i + 1] = digits[(unsigned char)s[i] & 15];
	}
	out[2 * n] = '\0';
	return out;
}

static int
nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *
text_unhex(const char *hex)
{
	size_t	 n = strlen(hex), i;
	char	*out;

	if (n % 2 != 0 || (out = malloc(n / 2 + 1)) == NULL)
		return NULL;
	for (i = 0; i < n / 2; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(out);
			return NULL;
		}
		out[i] = (char)(hi << 4 | lo);
	}
	out[n / 2] = '\0';
	return out;
}
