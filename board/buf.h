/*
 * buf.h -- a growing byte buffer, and the one place where untrusted text
 * becomes HTML.
 *
 * Every string that came from a report (issuer, file name, cell, message,
 * narrative) or from a request goes through buf_html() or buf_attr():
 * markup characters become entities, and bytes that could hide or
 * reorder text (C0/C1 controls, DEL, invalid UTF-8, bidirectional
 * overrides) become U+FFFD, so a hostile title shows as the text it is.
 *
 * A buffer that failed to grow stays failed (b->oom) and every later
 * append is a no-op: callers check once, at the end.
 */
#ifndef NB_BOARD_BUF_H
#define NB_BOARD_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*p;
	size_t	 len, cap;
	int	 oom;
};

void	 buf_free(struct buf *b);
void	 buf_add(struct buf *b, const void *s, size_t n);
/* A trusted literal: markup written by us, never report text. */
void	 buf_lit(struct buf *b, const char *s);
/* Trusted markup with numbers; %s only for our own constants. */
void	 buf_fmt(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Untrusted text as HTML text or a quoted attribute value. */
void	 buf_html(struct buf *b, const char *s);
/* The same, at most max code points, "…" after a cut (titles in lists). */
void	 buf_html_cut(struct buf *b, const char *s, size_t max);
#define	 buf_attr(b, s)	buf_html((b), (s))
/* Untrusted text for a URL query value (percent-encoded), then HTML. */
void	 buf_urlarg(struct buf *b, const char *s);
/* NUL-terminates; NULL if the buffer failed. */
const char *buf_str(struct buf *b);

#endif
