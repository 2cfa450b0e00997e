/*
 * decode.h -- bytes of unknown encoding to UTF-8.
 *
 * Order of trust: a byte-order mark, then valid UTF-8 (a long non-ASCII
 * text that happens to be valid UTF-8 is never anything else), then a
 * declared charset (HTML <meta>) if the bytes really decode with it, then
 * uchardet's guess, then GB18030 (the superset of GBK and GB2312).
 */
#ifndef NB_DECODE_H
#define NB_DECODE_H

#include <stddef.h>

#include "error.h"

struct nb_text {
	const char	*buf;		/* UTF-8, len bytes */
	size_t		 len;
	const char	*encoding;	/* static name: "UTF-8", "GB18030", ... */
	/* What to free: the converted text, or NULL when buf is the input
	 * itself (valid UTF-8 is not copied: a large report is not held
	 * twice). */
	char		*own;
};

/*
 * Decodes buf.  declared is a charset name from the document itself, or
 * NULL.  Fails with NB_ERR_ENCODING and the byte offset of the first
 * undecodable byte, or NB_ERR_FORMAT for binary data.
 */
int	nb_decode(const char *name, const char *buf, size_t len,
	    const char *declared, struct nb_text *out, struct nb_error *err);

/* Opens uchardet now (a process about to be confined, which could not
 * open it later: the daemon's workers, as nb_readers_preload()). */
void	nb_decode_preload(void);

/* Is there a byte-order mark for UTF-16 (either order)? */
int	nb_has_utf16_bom(const char *buf, size_t len);

#endif
