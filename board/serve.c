/*
 * serve.c -- `nianbao serve`: options, the store and roster, the
 * listener and its limits, the event loop.
 *
 * On a loopback address no login is asked: one reviewer on the server
 * itself.  On any other address the board refuses to start unless a
 * token (--token-file) or a trusted reverse proxy (--proxy-header, with
 * the proxy's address in --proxy-from) is configured: an open board on a
 * network would let anyone dismiss findings.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <event2/http.h>

#include "board.h"
#include "serve.h"

#define EXIT_USAGE	2
#define MAX_BODY	8192
#define MAX_HEADERS	8192
#define TIMEOUT_S	10

struct serve_opts {
	const char	*store, *roster, *listen, *token_file;
	const char	*proxy_header, *proxy_from, *office;
	int		 year;
	double		 rate, burst;
};

static void
usage(FILE *fp)
{
	fputs("用法：nianbao serve --store DB [选项]\n"
	    "在浏览器中查看历史库：报送情况、各机关报告、表格与问题、复核。\n\n"
	    "  --store DB            历史库：SQLite 文件或 postgresql://… 地址\n"
	    "  --roster FILE         应报送机关名册（roster.csv）；缺省时列出历史库"
	    "中的全部机关\n"
	    "  --listen ADDR:PORT    监听地址（默认 127.0.0.1:8080；[::1]:PORT"
	    " 为 IPv6）\n"
	    "  --token-file FILE     访问令牌（文件第一行，16–128 个可见 ASCII "
	    "字符）\n"
	    "  --proxy-header NAME   信任反向代理设置的用户名请求头（如 "
	    "X-Remote-User）\n"
	    "  --proxy-from ADDR     反向代理的地址（默认 127.0.0.1）\n"
	    "  --office NAME         整改通知的落款机关（默认“政务公开办公室”）\n"
	    "  --year YEAR           默认显示的报告年度（默认历史库中最新的年度）\n"
	    "  --rate N              每个客户端每秒请求数上限（默认 20，突发 60）\n"
	    "  -h, --help            显示本帮助\n\n"
	    "监听非本机回环地址时，必须配置 --token-file 或 --proxy-header。\n",
	    fp);
}

static int
parse(int argc, char **argv, struct serve_opts *o)
{
	static const struct option longopts[] = {
		{ "store", required_argument, NULL, 's' },
		{ "roster", required_argument, NULL, 'R' },
		{ "listen", required_argument, NULL, 'l' },
		{ "token-file", required_argument, NULL, 't' },
		{ "proxy-header", required_argument, NULL, 'H' },
		{ "proxy-from", required_argument, NULL, 'F' },
		{ "office", required_argument, NULL, 'o' },
		{ "year", required_argument, NULL, 'y' },
		{ "rate", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': o->store = optarg; break;
		case 'R': o->roster = optarg; break;
		case 'l': o->listen = optarg; break;
		case 't': o->token_file = optarg; break;
		case 'H': o->proxy_header = optarg; break;
		case 'F': o->proxy_from = optarg; break;
		case 'o': o->office = optarg; break;
		case 'y': o->year = atoi(optarg); break;
		case 'r':
			o->rate = atof(optarg);
			o->burst = 3 * o->rate;
			if (o->rate < 1) {
				fprintf(stderr, "nianbao serve: --rate 应不小于 1\n");
				return -1;
			}
			break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (o->store == NULL || optind != argc) {
		fprintf(stderr, "nianbao serve: 请用 --store 给出历史库\n");
		usage(stderr);
		return -1;
	}
	return 0;
}

/* "ADDR:PORT" or "[ADDR]:PORT" into host and port; -1 if malformed. */
static int
split_listen(const char *s, char *host, size_t len, unsigned *port)
{
	const char *colon = strrchr(s, ':');
	size_t n;
	char *end;
	unsigned long p;

	if (colon == NULL)
		return -1;
	n = (size_t)(colon - s);
	if (n > 1 && s[0] == '[' && s[n - 1] == ']')
		s++, n -= 2;
	if (n == 0 || n >= len)
		return -1;
	memcpy(host, s, n);
	host[n] = '\0';
	p = strtoul(colon + 1, &end, 10);
	if (*end != '\0' || colon[1] == '\0' || p > 65535)
		return -1;
	*port = (unsigned)p;
	if (strcmp(host, "localhost") == 0)
		snprintf(host, len, "127.0.0.1");
	return 0;
}

static int
is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

static int
load_token(const char *path, char *out, size_t len)
{
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL) {
		fprintf(stderr, "nianbao serve: %s: 无法打开令牌文件\n", path);
		return -1;
	}
	if (fgets(out, (int)len, fp) == NULL)
		out[0] = '\0';
	fclose(fp);
	out[strcspn(out, "\r\n")] = '\0';
	n = strlen(out);
	for (size_t i = 0; i < n; i++)
		if (out[i] < '!' || out[i] > '~')
			n = 0;
	if (n < 16 || n > 128) {
		fprintf(stderr, "nianbao serve: %s: 令牌应为 16–128 个可见 ASCII"
		    " 字符\n", path);
		return -1;
	}
	return 0;
}

static void
on_signal(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	event_base_loopbreak(arg);
}

static void
announce(struct evhttp_bound_socket *h)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char a[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;

	if (getsockname(evhttp_bound_socket_get_fd(h), (struct sockaddr *)&ss,
	    &sl) == -1)
		return;
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &s4->sin_addr, a, sizeof(a));
		port = ntohs(s4->sin_port);
		fprintf(stderr, "nianbao serve: http://%s:%u/\n", a, port);
	} else {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a));
		port = ntohs(s6->sin6_port);
		fprintf(stderr, "nianbao serve: http://[%s]:%u/\n", a, port);
	}
}

static int
run(struct board *bd, const char *host, unsigned port)
{
	struct event_base *base = event_base_new();
	struct evhttp *http = base ? evhttp_new(base) : NULL;
	struct event *sigs[2] = { NULL, NULL };
	struct evhttp_bound_socket *h;
	int rc = 1;

	if (http == NULL) {
		fprintf(stderr, "nianbao serve: 内存不足\n");
		goto out;
	}
	evhttp_set_max_body_size(http, MAX_BODY);
	evhttp_set_max_headers_size(http, MAX_HEADERS);
	evhttp_set_timeout(http, TIMEOUT_S);
	evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD |
	    EVHTTP_REQ_POST);
	evhttp_set_gencb(http, board_handle, bd);
	if ((h = evhttp_bind_socket_with_handle(http, host,
	    (ev_uint16_t)port)) == NULL) {
		fprintf(stderr, "nianbao serve: 无法监听 %s:%u\n", host, port);
		goto out;
	}
	announce(h);
	sigs[0] = evsignal_new(base, SIGTERM, on_signal, base);
	sigs[1] = evsignal_new(base, SIGINT, on_signal, base);
	if (sigs[0] == NULL || sigs[1] == NULL || evsignal_add(sigs[0], NULL) ||
	    evsignal_add(sigs[1], NULL)) {
		fprintf(stderr, "nianbao serve: 无法设置信号处理\n");
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);
	rc = event_base_dispatch(base) == -1;
out:
	for (int i = 0; i < 2; i++)
		if (sigs[i] != NULL)
			event_free(sigs[i]);
	if (http != NULL)
		evhttp_free(http);
	if (base != NULL)
		event_base_free(base);
	return rc;
}

int
board_serve(int argc, char **argv)
{
	struct serve_opts o = { .listen = "127.0.0.1:8080", .proxy_from =
	    "127.0.0.1", .office = "政务公开办公室", .rate = 20, .burst = 60 };
	struct board *bd;
	struct nb_error err;
	char host[256];
	unsigned port;
	int rc = EXIT_USAGE;

	if (parse(argc, argv, &o) == -1)
		return EXIT_USAGE;
	if (split_listen(o.listen, host, sizeof(host), &port) == -1) {
		fprintf(stderr, "nianbao serve: --listen %s：应为 地址:端口\n",
		    o.listen);
		return EXIT_USAGE;
	}
	if ((bd = calloc(1, sizeof(*bd))) == NULL) {
		fprintf(stderr, "nianbao serve: 内存不足\n");
		return EXIT_USAGE;
	}
	bd->loopback = is_loopback(host);
	bd->proxy_header = o.proxy_header;
	bd->proxy_from = o.proxy_from;
	bd->office = o.office;
	bd->year = o.year;
	bd->rate = o.rate;
	bd->burst = o.burst;
	if (o.token_file != NULL && load_token(o.token_file, bd->token,
	    sizeof(bd->token)) == -1)
		goto out;
	if (!bd->loopback && bd->token[0] == '\0' && bd->proxy_header == NULL) {
		fprintf(stderr, "nianbao serve: 拒绝在非本机地址 %s 上无认证地"
		    "提供服务：请配置 --token-file 或 --proxy-header（见 "
		    "doc/board.md）\n", host);
		goto out;
	}
	nb_error_clear(&err);
	if (o.roster != NULL && (bd->roster = nb_roster_load(o.roster,
	    &err)) == NULL) {
		fprintf(stderr, "nianbao serve: %s\n", err.msg);
		goto out;
	}
	if (nb_store_open(o.store, &bd->store, &err) == -1) {
		fprintf(stderr, "nianbao serve: %s\n", err.msg);
		goto out;
	}
	rc = run(bd, host, port);
out:
	if (bd->store != NULL)
		nb_store_close(bd->store);
	if (bd->roster != NULL)
		nb_roster_free(bd->roster);
	explicit_bzero(bd->token, sizeof(bd->token));
	free(bd);
	return rc;
}
