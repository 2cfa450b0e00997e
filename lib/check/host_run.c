/*
 * host_run.c -- running the loaded plugins: check() of each on a report
 * model, check_history() of those that have one on a checked result with
 * the history (cross.c gives the api table), and the services every api
 * table shares (a finding is checked against the plugin's declared rules
 * before it is added).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_priv.h"
#include "plugdesc.h"
#include "scan_doubt.h"

static const struct nb_finding failed = {
	.rule = "engine.plugin_failed", .severity = NB_SEV_ERROR,
	.message = "插件检查失败，本报告的检查结果不完整",
};

static int
known_rule(const struct nb_plugin *p, const char *rule)
{
	for (size_t i = 0; i < p->n_rules; i++)
		if (strcmp(p->rules[i].id, rule) == 0)
			return 1;
	return 0;
}

int
nb_ctx_add(nb_ctx *ctx, const struct nb_finding *f, const struct nb_doc *doc)
{
	struct nb_finding old;
	enum nb_severity sev;
	char msg[2048];

	if (ctx->res == NULL || f == NULL || f->rule == NULL ||
	    f->message == NULL || !known_rule(ctx->plugin, f->rule)) {
		ctx->bad_emits++;
		fprintf(stderr, "nianbao: 插件 %s 报告了未声明的规则 %s，已忽略\n",
		    ctx->plugin->name, f && f->rule ? f->rule : "(null)");
		return -1;
	}
	/* A plugin built for 1.0 passed a shorter struct: what lies after
	 * its last member is not ours to read. */
	if (NB_ABI_GET_MINOR(ctx->plugin->abi_version) < 1) {
		memset(&old, 0, sizeof(old));
		memcpy(&old, f, offsetof(struct nb_finding, related));
		f = &old;
	}
	/* The packs' rule settings ("rules", --set): off, or another
	 * severity for every finding of the rule. */
	switch (nb_pack_rule_control(ctx->report != NULL ? ctx->report->pack :
	    ctx->pack, f->rule, &sev)) {
	case -1:
		return 0;
	case 1:
		if (f != &old) {
			memcpy(&old, f, sizeof(old));
			f = &old;
		}
		old.severity = sev;
		break;
	}
	/* From a scan: an error resting on a heading read unsure is a
	 * warning (scan_doubt.c). */
	f = nb_scan_doubt(ctx->report, f, &old, msg, sizeof(msg));
	return nb_result_add(ctx->res, ctx->plugin->name, f, doc);
}

struct nb_result *
nb_ctx_result(nb_ctx *ctx)
{
	return ctx->res;
}

int
nb_host_run(struct nb_host *h, const struct nb_report *r,
    struct nb_result *res)
{
	for (size_t i = 0; i < h->n; i++) {
		struct nb_ctx *c = &h->plugins[i].ctx;

		/* Checks across reports only: nothing to do on a model. */
		if (c->plugin->check == NULL)
			continue;
		c->report = r;
		c->res = res;
		if (c->plugin->check(&nb_host_api, c, c->state, r) != 0 &&
		    nb_result_add(res, c->plugin->name, &failed, NULL) == -1)
			return -1;
		c->report = NULL;
		c->res = NULL;
	}
	return 0;
}

int
nb_host_has_history(const struct nb_host *h)
{
	for (size_t i = 0; i < h->n; i++)
		if (nb_plugin_has_history(h->plugins[i].ctx.plugin))
			return 1;
	return 0;
}

int
nb_host_run_history(struct nb_host *h, const struct nb_api *api,
    const nb_report *r, struct nb_result *res)
{
	for (size_t i = 0; i < h->n; i++) {
		struct nb_ctx *c = &h->plugins[i].ctx;

		if (!nb_plugin_has_history(c->plugin))
			continue;
		c->report = NULL;	/* r is no model: no source lines */
		c->res = res;
		if (c->plugin->check_history(api, c, c->state, r) != 0 &&
		    nb_result_add(res, c->plugin->name, &failed, NULL) == -1)
			return -1;
		c->res = NULL;
	}
	return 0;
}
