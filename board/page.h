/*
 * page.h -- the frame every page shares: head with the style sheet (a
 * link to /static/board.css on the board, inline in a self-contained
 * file), the navigation, the foot.  No script anywhere: every page works
 * by links and forms, so the board's Content-Security-Policy can forbid
 * scripts altogether.
 */
#ifndef NB_BOARD_PAGE_H
#define NB_BOARD_PAGE_H

#include <stdint.h>

#include "buf.h"

extern const char board_css[];

/* title is untrusted text (an issuer's name). */
void	 page_begin(struct buf *b, const char *title, int standalone);
void	 page_end(struct buf *b);
/* A date (China time) of a unix time, "—" for 0. */
void	 page_date(struct buf *b, int64_t t);
/* The day only, "2023年1月31日" (China time), "—" for 0. */
void	 page_day(struct buf *b, int64_t t);

#endif
