/*
 * problems.c -- walking the store for the 问题清单.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "problems.h"

static const char *
severity_label(enum nb_severity s)
{
	return s == NB_SEV_ERROR ? "错误" : s == NB_SEV_WARNING ? "警告" :
	    "提示";
}

/* Times are shown as the office reads them: China Standard Time. */
static void
local_time(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;

	buf[0] = '\0';
	if (t > 0 && gmtime_r(&tt, &tm) != NULL)
		strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
}

static void
place(const struct nb_store_finding *f, char *buf, size_t len)
{
	if (f->page > 0 && f->line > 0)
		snprintf(buf, len, "第%u页第%u行", f->page, f->line);
	else if (f->page > 0)
		snprintf(buf, len, "第%u页", f->page);
	else if (f->line > 0)
		snprintf(buf, len, "第%u行", f->line);
	else
		buf[0] = '\0';
}

static void
fill(struct problem *p, const struct nb_store_summary *m,
    const struct nb_store_finding *f, const struct nb_store_verdict *v,
    struct problem_counts *c)
{
	memset(p, 0, sizeof(*p));
	p->report = m;
	p->rule = f->rule;
	p->severity = severity_label(f->severity);
	p->message = f->message;
	place(f, p->where, sizeof(p->where));
	p->cell = f->cell != NULL ? f->cell : "";
	p->note = v != NULL ? v->note : "";
	p->reviewer = v != NULL ? v->reviewer : "";
	if (v == NULL) {
		p->verdict = "待复核";
		c->pending++;
	} else if (v->state == NB_VERDICT_DISMISSED) {
		p->verdict = "已排除";
		c->dismissed++;
	} else {
		p->verdict = "已确认";
		c->confirmed++;
	}
	if (v != NULL)
		local_time(v->at, p->reviewed, sizeof(p->reviewed));
}

static int
one_report(struct nb_store *s, const struct nb_store_summary *m,
    const struct problem_sink *sink, struct nb_error *err)
{
	struct nb_store_report *r;
	struct nb_store_verdict *v = NULL;
	struct problem_counts c = { .errors = m->errors,
	    .warnings = m->warnings };
	size_t nv = 0;
	int rc = -1;

	if (nb_store_get(s, m->rid, &r, err) == -1)
		return -1;
	if (r == NULL)			/* gone since the listing */
		return 0;
	if (nb_store_verdicts(s, m->rid, &v, &nv, err) == -1)
		goto out;
	for (size_t i = 0; i < r->nfindings; i++) {
		struct problem p;

		fill(&p, m, &r->findings[i], nb_store_verdict_of(v, nv,
		    r->findings[i].fid), &c);
		if (sink->problem(sink->arg, &p) == -1)
			goto out;
	}
	rc = sink->report != NULL ? sink->report(sink->arg, m, &c) : 0;
out:
	nb_store_verdicts_free(v, nv);
	nb_store_report_free(r);
	return rc;
}

int
problems_each(struct nb_store *s, const struct nb_store_query *q,
    const struct problem_sink *sink, struct nb_error *err)
{
	struct nb_store_query latest = *q;
	struct nb_store_summary *m;
	size_t n;
	int rc = 0;

	latest.latest_only = 1;
	if (nb_store_list(s, &latest, &m, &n, err) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = one_report(s, &m[i], sink, err);
	nb_store_summaries_free(m, n);
	if (rc == -1 && err->code == NB_OK)
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
	return rc;
}
