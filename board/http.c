/*
 * http.c -- one request of the board: limits, authentication, the CSRF
 * cookie, routing to a page, and the headers every answer carries.
 *
 * Routing compares the path with a fixed list; nothing of a request is
 * ever used as a file name.  Every page is built in memory and sent whole.
 */
#include <sys/queue.h>
#include <sys/random.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/keyvalq_struct.h>

#include "board.h"
#include "page.h"

#define MAX_URI		2048
#define MAX_NAME	64

/* No script at all, styles from us only, nothing framed, forms to us. */
static const char csp[] = "default-src 'none'; style-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Token bucket of the client's address; 0 when the request may go on. */
static int
rate_limited(struct board *bd, const char *addr)
{
	unsigned h = 5381;
	struct board_rate *r;
	int64_t t = now_ms();

	for (const char *p = addr; *p; p++)
		h = h * 33 + (unsigned char)*p;
	r = &bd->rates[h % BOARD_RATE_SLOTS];
	if (strcmp(r->addr, addr) != 0) {	/* a new client takes the slot */
		snprintf(r->addr, sizeof(r->addr), "%s", addr);
		r->tokens = bd->burst;
		r->last_ms = t;
	}
	r->tokens += (double)(t - r->last_ms) * bd->rate / 1000.0;
	if (r->tokens > bd->burst)
		r->tokens = bd->burst;
	r->last_ms = t;
	if (r->tokens < 1.0)
		return 1;
	r->tokens -= 1.0;
	return 0;
}

static int
same(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	unsigned char d = n != m;

	for (size_t i = 0; i < n && i < m; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

/* The value of cookie name (a token of hex digits), copied into out. */
static int
cookie(struct evhttp_request *req, const char *name, char *out, size_t len)
{
	const char *c = evhttp_find_header(evhttp_request_get_input_headers(
	    req), "Cookie");
	size_t n = strlen(name), i;

	for (; c != NULL && *c; c++) {
		while (*c == ' ' || *c == ';')
			c++;
		if (strncmp(c, name, n) == 0 && c[n] == '=') {
			c += n + 1;
			for (i = 0; i + 1 < len && c[i] && c[i] != ';'; i++)
				out[i] = c[i];
			out[i] = '\0';
			/* Empty, or longer than out: not ours. */
			if (i == 0 || (c[i] != '\0' && c[i] != ';'))
				return -1;
			return 0;
		}
		c = strchr(c, ';');
		if (c == NULL)
			break;
	}
	return -1;
}

static int
hexstr(const char *s, size_t n)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return i == n;
}

/* A fresh random token of 64 hex digits. */
static int
new_token(char out[65])
{
	unsigned char r[32];

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		return -1;
	for (size_t i = 0; i < sizeof(r); i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
	return 0;
}

static void
headers(struct evhttp_request *req, const char *type)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);

	evhttp_add_header(h, "Content-Type", type);
	evhttp_add_header(h, "Content-Security-Policy", csp);
	evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(h, "X-Frame-Options", "DENY");
	/* same-origin, not no-referrer: with no-referrer the browser sends
	 * "Origin: null" on our own forms, which foreign_origin() refuses. */
	evhttp_add_header(h, "Referrer-Policy", "same-origin");
	evhttp_add_header(h, "Cache-Control", "no-store");
}

static void
send_text(struct evhttp_request *req, int code, const char *reason,
    const char *msg)
{
	struct evbuffer *out = evbuffer_new();

	headers(req, "text/plain; charset=utf-8");
	if (out != NULL)
		evbuffer_add_printf(out, "%s\n", msg);
	evhttp_send_reply(req, code, reason, out);
	if (out != NULL)
		evbuffer_free(out);
}

static void
send_page(struct evhttp_request *req, struct buf *b, const char *type)
{
	struct evbuffer *out = evbuffer_new();
	const char *s = buf_str(b);

	if (out == NULL || s == NULL) {
		if (out != NULL)
			evbuffer_free(out);
		send_text(req, 500, "Internal Server Error", "内存不足");
		return;
	}
	headers(req, type);
	evbuffer_add(out, s, b->len);
	evhttp_send_reply(req, 200, "OK", out);
	evbuffer_free(out);
}

static void
redirect(struct evhttp_request *req, const char *to)
{
	headers(req, "text/plain; charset=utf-8");
	evhttp_add_header(evhttp_request_get_output_headers(req), "Location",
	    to);
	evhttp_send_reply(req, 303, "See Other", NULL);
}

/* The form of a POST body, at most the server's body limit. */
static int
post_form(struct evhttp_request *req, struct evkeyvalq *form)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t n = evbuffer_get_length(in);
	char *body = malloc(n + 1);
	int rc;

	if (body == NULL)
		return -1;
	evbuffer_copyout(in, body, n);
	body[n] = '\0';
	rc = strlen(body) == n ? evhttp_parse_query_str(body, form) : -1;
	free(body);
	return rc;
}

/* A POST from another site: its Origin names another host. */
static int
foreign_origin(struct evhttp_request *req)
{
	struct evkeyvalq *h = evhttp_request_get_input_headers(req);
	const char *o = evhttp_find_header(h, "Origin");
	const char *host = evhttp_find_header(h, "Host");
	const char *p;

	if (o == NULL)
		return 0;
	if (host == NULL || (p = strstr(o, "://")) == NULL)
		return 1;
	return strcmp(p + 3, host) != 0;
}

static void
route(struct evhttp_request *req, struct board_req *r, const char *path,
    int authed)
{
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);
	struct buf b = { 0 };
	struct nb_error err;
	struct evkeyvalq form;
	char to[128];
	int rc = 0;

	nb_error_clear(&err);
	TAILQ_INIT(&form);
	if (strcmp(path, "/favicon.ico") == 0) {	/* none: no 404 logged */
		headers(req, "image/x-icon");
		evhttp_send_reply(req, 204, "No Content", NULL);
		return;
	}
	if (strcmp(path, "/static/board.css") == 0) {
		buf_lit(&b, board_css);
		send_page(req, &b, "text/css; charset=utf-8");
		buf_free(&b);
		return;
	}
	if (cmd == EVHTTP_REQ_POST) {
		const char *tok;

		if (post_form(req, &form) == -1 || foreign_origin(req) ||
		    (tok = evhttp_find_header(&form, "csrf")) == NULL ||
		    !same(tok, r->csrf)) {
			evhttp_clear_headers(&form);
			send_text(req, 403, "Forbidden", "表单已过期或来源不明"
			    "（CSRF 校验失败），请刷新页面后重试");
			return;
		}
	}
	if (strcmp(path, "/login") == 0) {
		const char *t = evhttp_find_header(&form, "token");

		if (cmd == EVHTTP_REQ_POST && t != NULL && r->bd->token[0] &&
		    same(t, r->bd->token)) {
			char c[200];

			snprintf(c, sizeof(c), "nb_token=%s; Path=/; HttpOnly;"
			    " SameSite=Strict", r->bd->token);
			evhttp_add_header(evhttp_request_get_output_headers(req),
			    "Set-Cookie", c);
			redirect(req, "/");
		} else {
			page_login(r, &b, cmd == EVHTTP_REQ_POST);
			send_page(req, &b, "text/html; charset=utf-8");
		}
		goto out;
	}
	if (!authed) {
		redirect(req, "/login");
		goto out;
	}
	if (cmd == EVHTTP_REQ_POST && strcmp(path, "/review") == 0) {
		rc = board_post_review(r, &form, to, sizeof(to), &err);
		if (rc == 0)
			redirect(req, to);
	} else if (cmd == EVHTTP_REQ_POST)
		rc = 404;
	else if (strcmp(path, "/") == 0)
		rc = page_campaign(r, &b, &err);
	else if (strcmp(path, "/agency") == 0)
		rc = page_agency(r, &b, &err);
	else if (strcmp(path, "/notice") == 0)
		rc = page_notice(r, &b, &err);
	else if (strncmp(path, "/report/", 8) == 0 && path[8] >= '1' &&
	    path[8] <= '9' && strspn(path + 8, "0123456789") ==
	    strlen(path + 8) && strlen(path + 8) < 16)
		rc = page_report(r, strtoll(path + 8, NULL, 10), &b, &err);
	else
		rc = 404;
	if (rc == 404)
		send_text(req, 404, "Not Found", "没有这个页面");
	else if (rc == 400)
		send_text(req, 400, "Bad Request", err.msg[0] ? err.msg :
		    "请求无效");
	else if (rc == -1)
		send_text(req, 500, "Internal Server Error", err.msg);
	else if (cmd != EVHTTP_REQ_POST)
		send_page(req, &b, "text/html; charset=utf-8");
out:
	evhttp_clear_headers(&form);
	buf_free(&b);
}

/* The user a trusted proxy names, checked; NULL if refused. */
static const char *
proxy_user(struct evhttp_request *req, struct board *bd, const char *peer)
{
	const char *u = evhttp_find_header(evhttp_request_get_input_headers(
	    req), bd->proxy_header);

	if (strcmp(peer, bd->proxy_from) != 0 || u == NULL || *u == '\0' ||
	    strlen(u) > MAX_NAME)
		return NULL;
	return u;
}

void
board_handle(struct evhttp_request *req, void *arg)
{
	struct board *bd = arg;
	struct board_req r = { .bd = bd };
	struct evkeyvalq query;
	const struct evhttp_uri *u = evhttp_request_get_evhttp_uri(req);
	const char *path, *q, *auth;
	char *peer = NULL, csrf[80], tok[160];
	ev_uint16_t port;
	int authed;

	evhttp_connection_get_peer(evhttp_request_get_connection(req), &peer,
	    &port);
	if (rate_limited(bd, peer ? peer : "")) {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Retry-After", "1");
		send_text(req, 429, "Too Many Requests", "请求过于频繁，请稍后"
		    "再试");
		return;
	}
	if (strlen(evhttp_request_get_uri(req)) > MAX_URI || u == NULL ||
	    (path = evhttp_uri_get_path(u)) == NULL) {
		send_text(req, 414, "URI Too Long", "请求地址过长或无效");
		return;
	}
	if (bd->proxy_header != NULL && (r.reviewer = proxy_user(req, bd,
	    peer ? peer : "")) == NULL) {
		send_text(req, 403, "Forbidden", "未经反向代理认证的请求");
		return;
	}
	auth = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Authorization");
	authed = bd->token[0] == '\0' || (auth != NULL &&
	    strncmp(auth, "Bearer ", 7) == 0 && same(auth + 7, bd->token)) ||
	    (cookie(req, "nb_token", tok, sizeof(tok)) == 0 &&
	    same(tok, bd->token));
	if (cookie(req, "nb_csrf", csrf, sizeof(csrf)) == -1 ||
	    !hexstr(csrf, 64)) {
		char c[200];

		if (new_token(csrf) == -1) {
			send_text(req, 500, "Internal Server Error", "无法生成"
			    "随机数");
			return;
		}
		snprintf(c, sizeof(c), "nb_csrf=%s; Path=/; HttpOnly; "
		    "SameSite=Strict", csrf);
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Set-Cookie", c);
	}
	r.csrf = csrf;
	TAILQ_INIT(&query);
	q = evhttp_uri_get_query(u);
	if (q != NULL && evhttp_parse_query_str(q, &query) == -1) {
		send_text(req, 400, "Bad Request", "查询参数无效");
		return;
	}
	r.query = &query;
	route(req, &r, path, authed);
	evhttp_clear_headers(&query);
}
