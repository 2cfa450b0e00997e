/*
 * test-plugins-text.c -- unit tests of the fees and narrative plugins,
 * which read what the text says, on variants of the base report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-base.h"

static void
test_fees(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *a, *b;

	open_suite(&s, t, "fees");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	res = variant(&s, "vague", FEELINE, "本年度未收取任何费用。");
	expect(&s, res, "vague", "fees.vague_statement", 1, NULL);
	expect(&s, res, "vague", "fees.no_statement", 0, NULL);
	nb_result_free(res);
	res = variant(&s, "nothing", FEELINE, "无。");
	expect(&s, res, "nothing", "fees.no_statement", 1, NULL);
	nb_result_free(res);
	/* 行政事业性收费 is another fee: not a statement, not even vague. */
	res = variant(&s, "t2 fee only", FEELINE, "本年度行政事业性收费0万元。");
	expect(&s, res, "t2 fee only", "fees.no_statement", 1, NULL);
	nb_result_free(res);
	res = variant(&s, "negative", "行政事业性收费 0", "行政事业性收费 -3");
	f = expect(&s, res, "negative", "fees.amount_unit", 1,
	    "t2.fee.amount_wan");
	t_ok(t, f != NULL && f->severity == NB_SEV_ERROR,
	    "fees/negative: an error");
	nb_result_free(res);
	res = variant(&s, "precise", "行政事业性收费 0",
	    "行政事业性收费 0.123456");
	f = expect(&s, res, "precise", "fees.amount_unit", 1,
	    "t2.fee.amount_wan");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING,
	    "fees/precise: a warning");
	nb_result_free(res);
	res = variant(&s, "yuan", "行政事业性收费 0", "行政事业性收费 5000元");
	f = expect(&s, res, "yuan", "fees.amount_unit", 1, "t2.fee.amount_wan");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING &&
	    strstr(f->message, "5000元") != NULL, "fees/yuan: names 5000元");
	nb_result_free(res);
	res = variant(&s, "blank", "行政事业性收费 0", "行政事业性收费 /");
	expect(&s, res, "blank", "fees.amount_unit", 1, "t2.fee.amount_wan");
	nb_result_free(res);
	/* A fee notice was issued (other.no_fee 1, open 2) but 六 is silent. */
	a = t_replace(base, "申请 0 0 0 0 0 0 0\n3.其他",
	    "申请 1 0 0 0 0 0 1\n3.其他");
	b = a != NULL ? t_replace(a, "（一）予以公开 3 1 0 0 0 0 4",
	    "（一）予以公开 2 1 0 0 0 0 3") : NULL;
	free(a);
	a = b != NULL ? t_replace(b, FEELINE, "无。") : NULL;
	if (t_ok(t, a != NULL, "fees/notices: text")) {
		res = t_check(s.e, "notices", a);
		expect(&s, res, "notices", "fees.notices_unreported", 1,
		    "t3.result.other.no_fee.total");
		nb_result_free(res);
		res = t_check(s.e, "notices stated", b);
		expect(&s, res, "notices stated", "fees.notices_unreported", 0,
		    NULL);
		nb_result_free(res);
	}
	free(a);
	free(b);
	nb_engine_close(s.e);
}

static void
test_narrative(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *a, *b;

	open_suite(&s, t, "narrative");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	res = variant(&s, "received 6", "受理政府信息公开申请5件",
	    "受理政府信息公开申请6件");
	f = expect(&s, res, "received 6", "narrative.applications", 1,
	    "t3.new.total");
	t_ok(t, f != NULL && f->expected == 5 && f->actual == 6 &&
	    f->line == 4, "narrative/received 6: 6 vs 5 on line 4");
	nb_result_free(res);
	res = variant(&s, "done 4", "办结5件", "办结4件");
	expect(&s, res, "done 4", "narrative.applications", 1,
	    "t3.result.total.total");
	nb_result_free(res);
	res = variant(&s, "one claim", "受理政府信息公开申请5件，办结5件",
	    "受理并办结政府信息公开申请7件");
	f = expect(&s, res, "one claim", "narrative.applications", 1,
	    "t3.new.total");
	t_ok(t, f != NULL && t_names(f, "t3.result.total.total"),
	    "narrative/one claim: names both cells");
	nb_result_free(res);
	res = variant(&s, "other work", "一、总体情况\n",
	    "一、总体情况\n全年受理政务服务事项申请12件，办结12件。"
	    "热线工单已认真答复，办理300件。\n");
	expect_none(&s, res, "other work");
	nb_result_free(res);
	res = variant(&s, "none received", "受理政府信息公开申请5件，办结5件",
	    "未收到政府信息公开申请");
	expect_none(&s, res, "none received");
	nb_result_free(res);
	/* 6 = 5 new + 1 carried in, when the sentence says so. */
	a = t_replace(base, "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
	    "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1");
	b = a != NULL ? t_replace(a, "四、结转下年度继续办理 0 0 0 0 0 0 0",
	    "四、结转下年度继续办理 1 0 0 0 0 0 1") : NULL;
	free(a);
	a = b != NULL ? t_replace(b, "受理政府信息公开申请5件",
	    "受理政府信息公开申请6件（含上年结转1件）") : NULL;
	if (t_ok(t, a != NULL, "narrative/carry: text")) {
		res = t_check(s.e, "carry", a);
		expect_none(&s, res, "with 含上年结转");
		nb_result_free(res);
		free(b);
		b = t_replace(a, "（含上年结转1件）", "");
		res = b != NULL ? t_check(s.e, "no carry", b) : NULL;
		expect(&s, res, "without 含上年结转", "narrative.applications",
		    1, "t3.new.total");
		nb_result_free(res);
	}
	free(a);
	free(b);
	nb_engine_close(s.e);
}

int
main(void)
{
	struct tally t = { 0, 0 };

	test_fees(&t);
	test_narrative(&t);
	return t_done(&t);
}
