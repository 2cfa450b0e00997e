/*
 * output_sarif.c -- findings as a SARIF 2.1.0 log.
 *
 * One run per invocation: tool.driver lists every rule of the engine
 * (ruleIndex points there), artifacts every input, results every finding.
 * A finding's place is a line of a text input (region.startLine); a page
 * has no line in SARIF's sense, so for a PDF the page and the line on the
 * page go to the location's properties and its message names them as the
 * text output does (p4:L12).  The cell behind a finding is a logical
 * location (its DOMAIN.md id), the cells of the failed relation and the
 * expected/actual values are properties.  Inputs that could not be read
 * are notifications of the invocation, not results: they are no finding
 * about the report.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "output_sarif.h"

struct sarif {
	json_t	*log;
	json_t	*rules;		/* run.tool.driver.rules */
	json_t	*rule_index;	/* id -> index in rules */
	json_t	*artifacts, *results, *notes;
};

static const char *
level(enum nb_severity s)
{
	return s == NB_SEV_ERROR ? "error" : s == NB_SEV_WARNING ? "warning" :
	    "note";
}

/* A path as a URI reference: bytes outside RFC 3986's unreserved set and
 * '/' percent-encoded (Chinese file names are the rule, not the
 * exception). */
static char *
uri_of(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *u = malloc(3 * n + 1), *p = u;

	if (u == NULL)
		return NULL;
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/", *s) != NULL) {
			*p++ = (char)*s;
			continue;
		}
		*p++ = '%';
		*p++ = hex[*s >> 4];
		*p++ = hex[*s & 15];
	}
	*p = '\0';
	return u;
}

static json_t *
text(const char *s)
{
	return json_pack("{s:s}", "text", s);
}

static int
add_rules(struct sarif *s, const struct nb_engine *e)
{
	size_t n = nb_engine_rule_count(e);

	for (size_t i = 0; i < n; i++) {
		const struct nb_rule *r = nb_engine_rule(e, i);
		json_t *d = json_pack("{s:s, s:o, s:{s:s}, s:{s:s}}",
		    "id", r->id, "shortDescription", text(r->summary),
		    "defaultConfiguration", "level", level(r->severity),
		    "properties", "plugin", nb_engine_rule_plugin(e, i));

		if (d == NULL || json_array_append_new(s->rules, d) == -1 ||
		    json_object_set_new(s->rule_index, r->id,
		    json_integer((json_int_t)i)) == -1)
			return -1;
	}
	return 0;
}

struct sarif *
sarif_new(const struct nb_engine *e)
{
	struct sarif *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->rules = json_array();
	s->rule_index = json_object();
	s->artifacts = json_array();
	s->results = json_array();
	s->notes = json_array();
	if (s->rules == NULL || s->rule_index == NULL || s->artifacts == NULL ||
	    s->results == NULL || s->notes == NULL || add_rules(s, e) == -1) {
		json_decref(s->rules);
		goto fail;
	}
	s->log = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:O, "
	    "s:O}]}",
	    "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
	    "version", "2.1.0", "runs", "tool", "driver", "name", "nianbao",
	    "version", PACKAGE_VERSION, "rules", s->rules,
	    "artifacts", s->artifacts, "results", s->results);
	if (s->log != NULL)
		return s;
fail:
	json_decref(s->rule_index);
	json_decref(s->artifacts);
	json_decref(s->results);
	json_decref(s->notes);
	free(s);
	return NULL;
}

void
sarif_free(struct sarif *s)
{
	if (s == NULL)
		return;
	json_decref(s->log);
	json_decref(s->rule_index);
	json_decref(s->artifacts);
	json_decref(s->results);
	json_decref(s->notes);
	free(s);
}

/* artifactLocation of the input last added (index into artifacts). */
static json_t *
artifact_loc(const char *uri, size_t index)
{
	return json_pack("{s:s, s:I}", "uri", uri, "index",
	    (json_int_t)index);
}

static json_t *
location(const struct nb_found *f, const char *uri, size_t index)
{
	json_t *phys = json_pack("{s:o}", "artifactLocation",
	    artifact_loc(uri, index));
	json_t *loc;

	if (phys == NULL)
		return NULL;
	if (f->page == 0 && f->line > 0)
		json_object_set_new(phys, "region", json_pack("{s:i}",
		    "startLine", (int)f->line));
	loc = json_pack("{s:o}", "physicalLocation", phys);
	if (loc != NULL && f->page > 0) {
		char where[48];

		snprintf(where, sizeof(where), f->line ? "p%u:L%u" : "p%u",
		    f->page, f->line);
		json_object_set_new(loc, "message", text(where));
		json_object_set_new(loc, "properties", json_pack("{s:i, s:i}",
		    "page", (int)f->page, "lineOnPage", (int)f->line));
	}
	if (loc != NULL && f->cell != NULL)
		json_object_set_new(loc, "logicalLocations",
		    json_pack("[{s:s, s:s}]", "fullyQualifiedName", f->cell,
		    "kind", "value"));
	return loc;
}

static json_t *
properties(const struct nb_found *f)
{
	json_t *p = json_pack("{s:s}", "plugin", f->plugin);
	json_t *cells;

	if (p == NULL)
		return NULL;
	if (f->ncells > 0 && (cells = json_array()) != NULL) {
		for (size_t i = 0; i < f->ncells; i++)
			json_array_append_new(cells, json_string(f->cells[i]));
		json_object_set_new(p, "cells", cells);
	}
	if (f->relation != NULL)
		json_object_set_new(p, "relation", json_string(f->relation));
	if (f->has_values) {
		json_object_set_new(p, "expected", json_real(f->expected));
		json_object_set_new(p, "actual", json_real(f->actual));
	}
	return p;
}

static json_t *
result(const struct sarif *s, const struct nb_found *f, const char *uri,
    size_t index)
{
	json_t *idx = json_object_get(s->rule_index, f->rule);
	json_t *r = json_pack("{s:s, s:s, s:o, s:[o], s:o}", "ruleId",
	    f->rule, "level", level(f->severity), "message",
	    text(f->message), "locations", location(f, uri, index),
	    "properties", properties(f));

	if (r != NULL && idx != NULL)
		json_object_set(r, "ruleIndex", idx);
	return r;
}

int
sarif_add(struct sarif *s, const struct nb_result *res)
{
	size_t index = json_array_size(s->artifacts);
	char *uri = uri_of(res->file);
	json_t *a;
	int rc = -1;

	if (uri == NULL)
		return -1;
	a = json_pack("{s:{s:s}, s:[s]}", "location", "uri", uri, "roles",
	    "analysisTarget");
	if (a == NULL)
		goto out;
	if (res->sha256[0] != '\0')
		json_object_set_new(a, "hashes", json_pack("{s:s}", "sha-256",
		    res->sha256));
	if (json_array_append_new(s->artifacts, a) == -1)
		goto out;
	for (size_t i = 0; i < res->nfindings; i++)
		if (json_array_append_new(s->results, result(s,
		    &res->findings[i], uri, index)) == -1)
			goto out;
	rc = 0;
out:
	free(uri);
	return rc;
}

int
sarif_add_unreadable(struct sarif *s, const char *file, const char *msg,
    const char *rule)
{
	char *uri = uri_of(file);
	json_t *n;

	if (uri == NULL)
		return -1;
	n = json_pack("{s:s, s:o, s:{s:s}, s:[{s:{s:{s:s}}}]}", "level",
	    "error", "message", text(msg), "descriptor", "id", rule,
	    "locations", "physicalLocation", "artifactLocation", "uri", uri);
	free(uri);
	return json_array_append_new(s->notes, n);
}

int
sarif_write(struct sarif *s, FILE *fp)
{
	json_t *run = json_array_get(json_object_get(s->log, "runs"), 0);
	json_t *inv = json_pack("{s:b, s:O}", "executionSuccessful",
	    json_array_size(s->notes) == 0, "toolExecutionNotifications",
	    s->notes);
	int rc;

	if (inv == NULL || json_object_set_new(run, "invocations",
	    json_pack("[o]", inv)) == -1)
		return -1;
	rc = json_dumpf(s->log, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	fputc('\n', fp);
	return rc;
}
