/*
 * narrative_contra.c -- the text contradicting itself (DOMAIN.md §4.3
 * NT-CONTRA, §6 正文自相矛盾), rule narrative.contradiction (warning).
 *
 *   "所有申请均已办理完成" and elsewhere "结转下年度继续办理1件" (or
 *	"…2件正在办理"): all concluded, and some not;
 *   "行政复议2起，均获维持" while the text or T4 has cases 尚未审结.
 * Both sentences must be about applications for information (not 议案,
 * 提案, 政务服务), and "上年结转的申请均已办结" is about last year's.  The "all concluded" sentence is marked as judged, so
 * that narrative.results does not report it a second time against T3.
 */
#include <stdio.h>
#include <string.h>

#include "narrative.h"
#include "numphrase.h"
#include "text.h"

static const char *const elsewhere[] = { "议案", "建议", "提案", "政务服务",
    "热线", "12345", "工单", "信访", "事项" };

struct sentence {
	size_t	 start, end;
};

static struct sentence
sentence_at(const char *t, size_t off)
{
	struct sentence s = { narr_sentence_start(t, off), off };

	while (!text_sentence_end(t + s.end))
		s.end += text_u8len(t + s.end);
	return s;
}

static int
has(const char *t, struct sentence s, const char *w)
{
	size_t p;

	for (p = s.start; p < s.end; p += text_u8len(t + p))
		if (text_starts(t + p, w))
			return 1;
	return 0;
}

static int
about_applications(const char *t, struct sentence s)
{
	size_t i;

	if (!has(t, s, "申请"))
		return 0;
	for (i = 0; i < sizeof(elsewhere) / sizeof(elsewhere[0]); i++)
		if (has(t, s, elsewhere[i]))
			return 0;
	return 1;
}

/* No clause boundary between offsets a and b. */
static int
clause_holds(const char *t, size_t a, size_t b)
{
	size_t lo = a < b ? a : b, hi = a < b ? b : a, p;

	for (p = lo; p < hi; p += text_u8len(t + p))
		if (text_clause_end(t + p))
			return 0;
	return 1;
}

/* "所有申请均已办理完成", "均已办结", "全部办结": an offset, or -1. */
static long
all_done(const char *t, size_t lim, size_t from)
{
	static const char *const w[] = { "全部办结", "均已办结", "均办结",
	    "均已按时办结", "均按时办结", "全部按时办结", "办理完成",
	    "办理完毕", "全部答复", "均已答复", "均已按要求办理", "办结率100%" };
	struct narr_scan sc;
	size_t off, i;

	narr_scan_init(&sc, t, lim, w, sizeof(w) / sizeof(w[0]));
	while (narr_scan_next(&sc, &off, &i)) {
		struct sentence s;

		if (off < from)
			continue;
		s = sentence_at(t, off);
		if (!about_applications(t, s) || has(t, s, "结转下") ||
		    has(t, s, "转下一") || has(t, s, "转入下") ||
		    has(t, s, "其余") || has(t, s, "除") ||
		    has(t, s, "正在") || narr_clause_has(t, off, "上年"))
			continue;
		/* "办理完成" alone may be one case's. */
		if (i >= 6 && i <= 7 && !has(t, s, "所有") &&
		    !has(t, s, "均") && !has(t, s, "全部"))
			continue;
		return (long)off;
	}
	return -1;
}

/* A count of 件 > 0 carried over or still being handled, in a sentence
 * about applications: its offset, or -1. */
static long
pending(const char *t, size_t lim, long long *n)
{
	static const char *const w[] = { "结转下", "转下一年度", "转入下",
	    "结转至下", "结转到下", "正在办理", "尚在办理", "仍在办理" };
	struct numphrase np;
	struct narr_scan sc;
	size_t off, i, p;

	narr_scan_init(&sc, t, lim, w, sizeof(w) / sizeof(w[0]));
	while (narr_scan_next(&sc, &off, &i)) {
		struct sentence s;

		if (off >= 6 && text_starts(t + off - 6, "上年"))
			continue;
		s = sentence_at(t, off);
		if (!about_applications(t, s) && !has(t, s, "下年度") &&
		    !has(t, s, "下一年度"))
			continue;
		if (has(t, s, "议案") || has(t, s, "提案") ||
		    has(t, s, "建议"))
			continue;
		/* The count: in the clause, before or after the word. */
		for (p = s.start; p < s.end; p += text_u8len(t + p))
			if (numphrase_at(t, p, &np) &&
			    strcmp(np.unit, "件") == 0 && np.n > 0 &&
			    !np.approx && clause_holds(t, p, off)) {
				*n = np.n;
				return (long)np.off;
			}
	}
	return -1;
}

static int
emit2(struct narr *c, int n, size_t off, const char *t, int n2, size_t off2,
    const char *what)
{
	const char *t2 = c->api->section_text(c->r, n2);
	char msg[1024], q1[256], q2[256];

	narr_quote(t, off, q1, sizeof(q1));
	if (t2 != NULL)
		narr_quote(t2, off2, q2, sizeof(q2));
	else
		q2[0] = '\0';
	if (n2 == n && off2 == off)
		snprintf(msg, sizeof(msg), "正文“%s”%s", q1, what);
	else
		snprintf(msg, sizeof(msg), "正文“%s”与“%s”自相矛盾：%s", q1, q2,
		    what);
	return narr_emit(c, "narrative.contradiction", NB_SEV_WARNING, n, off,
	    msg, NULL, NULL, 0, 0, 0, 0);
}

/* All concluded, and some carried over: one finding per report. */
static int
check_done(struct narr *c)
{
	size_t lim[7];
	const char *t[7];
	long at = -1, p = -1;
	long long k = 0;
	int n, m = 0, done = -1;

	for (n = 0; n <= 6; n++)
		t[n] = narr_text(c, n, &lim[n]);
	for (n = 0; n <= 6 && done < 0; n++)
		if ((at = all_done(t[n], lim[n], 0)) >= 0)
			done = n;
	if (done < 0)
		return 0;
	for (m = 0; m <= 6 && p < 0; m++)
		p = pending(t[m], lim[m], &k);
	if (p < 0)
		return 0;
	m--;
	narr_see_sentence(c, done, t[done], (size_t)at);
	return emit2(c, done, (size_t)at, t[done], m, (size_t)p,
	    "称申请已全部办理完毕，又称有申请结转或仍在办理");
}

/* Cases still pending: in T4, or a count of them in the text. */
static int
cases_pending(struct narr *c, long long *k, int *m, long *where)
{
	static const char *const cells[] = { "t4.review.pending",
	    "t4.lit_direct.pending", "t4.lit_after.pending" };
	static const char *const w[] = { "尚未审结", "正在审理", "尚在审理",
	    "审理中", "未审结" };
	struct numphrase np;
	double v;
	size_t i, lim, off, p;

	*where = -1;
	for (i = 0; i < 3; i++)
		if (narr_cell(c, cells[i], &v) && v > 0) {
			*k = (long long)v;
			return 1;
		}
	for (*m = 0; *m <= 6; (*m)++) {
		const char *t = narr_text(c, *m, &lim);
		struct narr_scan sc;

		narr_scan_init(&sc, t, lim, w, sizeof(w) / sizeof(w[0]));
		while (narr_scan_next(&sc, &off, &i)) {
			struct sentence s;

			s = sentence_at(t, off);
			for (p = s.start; p < s.end;
			    p += text_u8len(t + p))
				if (numphrase_at(t, p, &np) && np.n > 0 &&
				    (!strcmp(np.unit, "件") ||
				    !strcmp(np.unit, "起")) &&
				    clause_holds(t, p, off)) {
					*k = np.n;
					*where = (long)np.off;
					return 1;
				}
		}
	}
	return 0;
}

static int
check_upheld(struct narr *c)
{
	static const char *const w[] = { "均获维持", "均被维持", "均予以维持",
	    "全部维持", "均维持", "均已维持", "全部获得维持" };
	char what[256];
	size_t lim, off, i;
	long long k;
	long where;
	int n, m;

	for (n = 0; n <= 6; n++) {
		const char *t = narr_text(c, n, &lim);
		struct narr_scan sc;

		narr_scan_init(&sc, t, lim, w, sizeof(w) / sizeof(w[0]));
		while (narr_scan_next(&sc, &off, &i)) {
			struct sentence s;

			s = sentence_at(t, off);
			if ((!has(t, s, "复议") && !has(t, s, "诉讼")) ||
			    has(t, s, "审结的") || has(t, s, "已审结") ||
			    !cases_pending(c, &k, &m, &where))
				continue;
			if (where >= 0)
				return emit2(c, n, off, t, m,
				    (size_t)where, "称案件均获维持，又称"
				    "有案件尚未审结");
			snprintf(what, sizeof(what), "称案件均获维持，"
			    "但第四部分表格有%lld件尚未审结", k);
			return emit2(c, n, off, t, n, off, what);
		}
	}
	return 0;
}

int
narr_contradiction(struct narr *c)
{
	if (check_done(c) == -1)
		return -1;
	return check_upheld(c);
}
