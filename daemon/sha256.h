/*
 * sha256.h -- SHA-256 (FIPS 180-4) of the input, recorded with each result
 * so a report can be matched to the exact bytes that were checked.
 */
#ifndef NBD_SHA256_H
#define NBD_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t	 h[8];
	uint64_t	 len;		/* bytes so far */
	unsigned char	 buf[64];
	size_t		 fill;
};

void	sha256_init(struct sha256 *s);
void	sha256_update(struct sha256 *s, const void *data, size_t len);
/* Writes 64 lowercase hex digits and a NUL to hex. */
void	sha256_hex(struct sha256 *s, char hex[65]);

#endif
