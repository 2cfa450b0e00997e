/*
 * board.h -- `nianbao serve`, the campaign board: a small evhttp server
 * over the history store.  It reads only the store (never a report file)
 * and writes only reviews.
 *
 * Pages (all GET unless said): /  the campaign (roster × year),
 * /agency?key=K  one agency over the years, /report/RID[?f=FID]  one
 * report, /notice?key=K&year=Y  the printable 整改通知, POST /review  a
 * verdict, /login (GET, POST)  the token form when a token is configured,
 * /static/board.css.  Nothing else: no request path names a file.
 */
#ifndef NB_BOARD_H
#define NB_BOARD_H

#include <stddef.h>
#include <stdint.h>

#include <event2/http.h>

#include "buf.h"
#include "store/roster.h"
#include "store/store.h"

#define BOARD_RATE_SLOTS	256

/* A token bucket per client address (rate limit). */
struct board_rate {
	char		 addr[64];
	double		 tokens;
	int64_t		 last_ms;
};

struct board {
	struct nb_store		*store;
	struct nb_roster	*roster;	/* NULL: every issuer in store */
	const char		*office;	/* who signs the 整改通知 */
	char			 token[129];	/* "" when none */
	const char		*proxy_header;	/* trusted user header, NULL */
	const char		*proxy_from;	/* the proxy's address */
	int			 loopback;	/* listening on loopback only */
	int			 year;		/* default campaign year, 0 */
	double			 rate, burst;	/* requests/s per client */
	struct board_rate	 rates[BOARD_RATE_SLOTS];
};

/* http.c: the request handler (arg: struct board *). */
void	 board_handle(struct evhttp_request *req, void *arg);

/* Pages: each fills b with a whole page; 0, 404 when what the request
 * names does not exist, or -1 with err on a store error. */
struct board_req {
	struct board	*bd;
	const char	*csrf;		/* the form token of this client */
	const char	*reviewer;	/* fixed by the proxy, or NULL */
	struct evkeyvalq *query;
};
int	 page_campaign(struct board_req *r, struct buf *b, struct nb_error *err);
int	 page_agency(struct board_req *r, struct buf *b, struct nb_error *err);
int	 page_report(struct board_req *r, int64_t rid, struct buf *b,
	    struct nb_error *err);
int	 page_notice(struct board_req *r, struct buf *b, struct nb_error *err);
void	 page_login(struct board_req *r, struct buf *b, int failed);
/* review.c: POST /review; 0 with the page to go back to in to, 400 with
 * err naming what is wrong, 404, or -1 on a store error. */
int	 board_post_review(struct board_req *r, struct evkeyvalq *form,
	    char *to, size_t len, struct nb_error *err);

/* status.c: the status of one agency's campaign row. */
enum board_status {
	ST_MISSING = 0,		/* 未报送 */
	ST_LATE,		/* 逾期 */
	ST_ERROR,		/* 有错误 */
	ST_REVIEW,		/* 待复核 */
	ST_PASS,		/* 已通过 */
	ST_NSTATUS
};
const char *board_status_id(enum board_status s);	/* "missing", ... */
const char *board_status_name(enum board_status s);	/* 未报送, ... */

#endif
