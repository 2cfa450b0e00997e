/*
 * narrative_sum.c -- the narrative's own arithmetic (DOMAIN.md §4.3
 * NT-SUM), rule narrative.sum (warning).
 *
 * 1. A stated total and its enumerated parts:
 *	"发布信息共369条，其中乡镇文件6条，…，社会救助2条；"
 *	"共公布政府信息2602条(其中机构职能类信息82条，…)"
 *	"主动公开政府信息29949条。其中，政府网站5185条，…"
 *    The parts are the counts of the total's unit in the clauses after
 *    其中, up to the end of the sentence (or of the parenthesis), stopping
 *    at the first clause that counts nothing.  A list may name only some
 *    parts ("其中重要政策20条"), so parts summing to less than the total
 *    are reported only when the last part is 其他/其余; parts summing to
 *    more always are.  Clauses of growth (同比增长…) or nested breakdowns
 *    (含…) make the list ambiguous and it is left alone.
 * 2. A stated rate against the counts it is computed from, in the same
 *	sentence: "承办提案38件，已办结35件，…，办结率92.1%".  Only when
 *    there is one count received and one count concluded.
 */
#include <stdio.h>
#include <string.h>

#include "narrative.h"
#include "numphrase.h"
#include "text.h"

#define MAXPARTS 32

struct parts {
	long long	 v[MAXPARTS];
	size_t		 n;
	int		 rest;		/* the last part is 其他/其余 */
};

static int
has_word(const char *s, const char *e, const char *const *w, size_t nw)
{
	size_t i;

	for (; s < e; s += text_u8len(s))
		for (i = 0; i < nw; i++)
			if (text_starts(s, w[i]))
				return 1;
	return 0;
}

static int
is_open(const char *s)
{
	return *s == '(' || text_starts(s, "（");
}

static int
is_close(const char *s)
{
	return *s == ')' || text_starts(s, "）");
}

/* After the total at off: "其中", maybe after a separator or in an
 * opening parenthesis.  Returns the offset after 其中 and its
 * separators, or 0; *paren says a parenthesis holds the list. */
static size_t
after_qizhong(const char *t, size_t off, int *paren)
{
	static const char *const skip[] = { ":", "：", ",", "，", "包括",
	    "分别为", "分别是" };
	const char *s = t + off;
	size_t i;
	int again;

	*paren = 0;
	if (is_open(s)) {
		*paren = 1;
		s += text_u8len(s);
	} else if (*s == ',' || text_starts(s, "，") || text_starts(s, "。"))
		s += text_u8len(s);
	if (!text_starts(s, "其中"))
		return 0;
	s += strlen("其中");
	do {
		again = 0;
		for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
			if (text_starts(s, skip[i])) {
				s += strlen(skip[i]);
				again = 1;
			}
	} while (again);
	return (size_t)(s - t);
}

/* Words of a new statement: a count right after one that the total's
 * own clause (verb) does not say is no part ("共受理20件，其中自然人
 * 15件，法人5件，办结20件"); within a label it is ("预决算公开栏目发布
 * 4条" after "发布信息共369条"). */
static int
new_statement(const char *s, const char *e, const char *verb)
{
	static const char *const w[] = { "办结", "答复", "结转", "受理",
	    "收到", "办理", "发布", "公开", "处理", "回应", "接待", "开展",
	    "举办", "召开", "印发", "制发", "废止", "清理", "提供", "转办",
	    "新增", "完成", "编发", "推送", "报送" };
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (has_word(s, e, &w[i], 1) && strstr(verb, w[i]) == NULL)
			return 1;
	return 0;
}

/* The clause [s, e) of a list: its counts of unit at depth 0.  Returns
 * -1 (the list is ambiguous), 0 (no part: the list ends), 1. */
static int
clause(const char *t, const char *s, const char *e, const char *unit,
    const char *verb, struct parts *p)
{
	static const char *const bad[] = { "同比", "增长", "增加", "减少",
	    "下降", "上升", "较", "比上年", "累计", "其中", "含", "包括",
	    "分别" };
	static const char *const rest[] = { "其他", "其余", "其它", "剩余" };
	struct numphrase np;
	int depth = 0, found = 0;
	const char *q;

	for (q = s; q < e; q += text_u8len(q)) {
		if (is_open(q))
			depth++;
		else if (is_close(q) && depth > 0)
			depth--;
		else if (depth == 0 && numphrase_at(t, (size_t)(q - t), &np) &&
		    t + np.end <= e) {
			if (strcmp(np.unit, unit) == 0) {
				const char *w = q;
				int k;

				for (k = 0; k < 4 && w > s; k++)
					do
						w--;
					while (w > s &&
					    ((unsigned char)*w & 0xc0) == 0x80);
				if (new_statement(w, q, verb))
					return 0;
				if (np.approx || np.fraction || p->n == MAXPARTS)
					return -1;
				p->v[p->n++] = np.n;
				found = 1;
			}
			q = t + np.end - 1;
			while (q > s && ((unsigned char)*q & 0xc0) == 0x80)
				q--;
		}
	}
	if (!found)
		return 0;
	if (has_word(s, e, bad, sizeof(bad) / sizeof(bad[0])))
		return -1;
	p->rest = has_word(s, e, rest, sizeof(rest) / sizeof(rest[0]));
	return 1;
}

/* The parts from off (after 其中) to the end of the list. */
static int
parts_of(const char *t, size_t off, size_t lim, int paren, const char *unit,
    const char *verb, struct parts *p)
{
	const char *s = t + off, *q = s, *end = t + lim;
	int depth = 0, rc;

	p->n = 0;
	p->rest = 0;
	for (;; q += text_u8len(q)) {
		int stop = q >= end || text_sentence_end(q) ||
		    (paren && depth == 0 && is_close(q));

		if (is_open(q))
			depth++;
		else if (is_close(q) && depth > 0)
			depth--;
		if (stop || (depth == 0 && (*q == ',' ||
		    text_starts(q, "，")))) {
			rc = clause(t, s, q, unit, verb, p);
			if (rc == -1)
				return -1;
			/* A clause of only "占66%" is part of the part. */
			if (rc == 0 && (memchr(s, '%', (size_t)(q - s)) == NULL ||
			    p->n == 0))
				return 0;
			if (stop)
				return 0;
			s = q + text_u8len(q);
		}
	}
}

static int
judge_list(struct narr *c, int n, const char *t, const struct numphrase *tot,
    const struct parts *p)
{
	char msg[1024], quote[256], list[256];
	long long sum = 0;
	size_t i, len = 0;

	for (i = 0; i < p->n; i++)
		sum += p->v[i];
	if (p->n < 2 || sum == tot->n || (sum < tot->n && !p->rest))
		return 0;
	list[0] = '\0';
	for (i = 0; i < p->n && len + 24 < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len,
		    "%s%lld", i ? "+" : "", p->v[i]);
	narr_quote(t, tot->off, quote, sizeof(quote));
	snprintf(msg, sizeof(msg), "正文“%s”称共%lld%s，但所列各项"
	    "%s=%lld%s，与总数不一致", quote, tot->n, tot->unit, list, sum,
	    tot->unit);
	return narr_emit(c, "narrative.sum", NB_SEV_WARNING, n, tot->off, msg,
	    NULL, NULL, 0, 1, (double)sum, (double)tot->n);
}

/* The clause of the total at off, as a string in verb. */
static void
total_clause(const char *t, size_t off, size_t end, char *verb, size_t len)
{
	size_t s = off, n;

	while (s > 0 && t[s - 1] != ',' && !(s >= 3 &&
	    (strncmp(t + s - 3, "，", 3) == 0 || strncmp(t + s - 3, "。", 3) == 0)) &&
	    t[s - 1] != ';' && off - s < 120)
		s--;
	n = end - s < len - 1 ? end - s : len - 1;
	memcpy(verb, t + s, n);
	verb[n] = '\0';
}

static int
check_lists(struct narr *c, int n, const char *t, size_t lim)
{
	struct numphrase tot;
	struct parts p;
	size_t off = 0;
	char verb[512];
	int paren;

	while (numphrase_next(t, off, lim, NULL, &tot)) {
		size_t from;

		off = tot.end;
		if (tot.unit[0] == '\0' || tot.approx || tot.fraction ||
		    (from = after_qizhong(t, tot.end, &paren)) == 0)
			continue;
		total_clause(t, tot.off, tot.end, verb, sizeof(verb));
		if (parts_of(t, from, lim, paren, tot.unit, verb, &p) == -1)
			continue;
		if (judge_list(c, n, t, &tot, &p) == -1)
			return -1;
	}
	return 0;
}

/* The one count of 件 in the clauses of [s, e) that say one of words,
 * or -1 when none or more than one. */
static long long
count_in(const char *t, const char *s, const char *e,
    const char *const *words, size_t nw, size_t *where)
{
	const char *q = s, *cs = s;
	struct numphrase np;
	long long v = -1;
	int hits = 0;

	for (;; q += text_u8len(q)) {
		if (q < e && *q != ',' && !text_starts(q, "，"))
			continue;
		if (has_word(cs, q, words, nw)) {
			size_t off = (size_t)(cs - t);

			while (numphrase_next(t, off, (size_t)(q - t), "件",
			    &np)) {
				if (np.approx || np.fraction)
					return -1;
				v = np.n;
				*where = np.off;
				hits++;
				off = np.end;
			}
		}
		if (q >= e)
			break;
		cs = q + text_u8len(q);
	}
	return hits == 1 ? v : -1;
}

static int
judge_rate(struct narr *c, int n, const char *t, size_t start, size_t at,
    const char *verb, double pct, int dec)
{
	static const char *const recv[] = { "收到", "受理", "承办", "新收",
	    "共" };
	const char *verbs[1] = { verb };
	char msg[1024], quote[256];
	long long num, den;
	size_t w1 = 0, w2 = 0;
	double rate, unit = 1, diff;
	int i;

	den = count_in(t, t + start, t + at, recv, 5, &w1);
	num = count_in(t, t + start, t + at, verbs, 1, &w2);
	if (den <= 0 || num < 0 || num > den)
		return 0;
	for (i = 0; i < dec; i++)
		unit /= 10;
	rate = 100.0 * (double)num / (double)den;
	diff = rate - pct;
	/* Rounded, or cut off after the decimals written. */
	if ((diff < 0 ? -diff : diff) <= unit / 2 + 1e-9 ||
	    (diff >= -1e-9 && diff < unit))
		return 0;
	narr_quote(t, at, quote, sizeof(quote));
	snprintf(msg, sizeof(msg), "正文“%s”称%s率%.*f%%，但按所述%lld件中"
	    "%s%lld件计算应为%.*f%%", quote, verb, dec, pct, den, verb, num,
	    dec, rate);
	narr_see_sentence(c, n, t, at);
	return narr_emit(c, "narrative.sum", NB_SEV_WARNING, n, at, msg, NULL,
	    NULL, 0, 1, rate, pct);
}

/* "办结率达到95%": each rate found by strstr (narr_scan), the sentence
 * it is in looked for backwards from it. */
static int
check_rates(struct narr *c, int n, const char *t, size_t lim)
{
	static const char *const verbs[] = { "办结", "答复" };
	static const char *const rates[] = { "办结率", "答复率" };
	struct narr_scan sc;
	size_t off, i, pend;
	double pct;
	int dec;

	narr_scan_init(&sc, t, lim, rates, 2);
	while (narr_scan_next(&sc, &off, &i)) {
		const char *s = t + off + strlen(rates[i]);
		size_t at;

		if (text_starts(s, "达到"))
			s += strlen("达到");
		else if (text_starts(s, "达") || text_starts(s, "为"))
			s += 3;
		at = (size_t)(s - t);
		if (numphrase_percent(t, at, &pct, &dec, &pend) &&
		    judge_rate(c, n, t, narr_sentence_start(t, off), off, verbs[i],
		    pct, dec) == -1)
			return -1;
	}
	return 0;
}

int
narr_sum(struct narr *c)
{
	size_t lim;
	int n;

	for (n = 0; n <= 6; n++) {
		const char *t = narr_text(c, n, &lim);

		if (check_lists(c, n, t, lim) == -1 ||
		    check_rates(c, n, t, lim) == -1)
			return -1;
	}
	return 0;
}
