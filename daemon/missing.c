/*
 * missing.c -- roster.missing: after its deadline, each roster entry
 * with no report of the year gets one record in findings.jsonl and its
 * syslog lines, once.  "Once" is the jsonl index of exactly-once: the
 * record's id is made from the year and the entry, so a restart (or the
 * next look, ten minutes later) finds its line and says nothing again.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "log.h"
#include "nianbaod.h"
#include "sink_syslog.h"

/*
 * 16 hex digits like a report's id, FNV-1a of the year and the entry's
 * key; the first digit f, which ids from the clock will not reach for
 * thousands of years.
 */
static void
missing_id(int year, const char *key, char id[SPOOL_ID_LEN + 1])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char	 buf[32];

	snprintf(buf, sizeof(buf), "roster.missing:%d:", year);
	for (const char *p = buf; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	snprintf(id, SPOOL_ID_LEN + 1, "%016llx",
	    (unsigned long long)(h | 0xf000000000000000ULL));
}

static json_t *
record(const char *id, int year, const json_t *row)
{
	const char *name = json_string_value(json_object_get(row, "name"));
	const char *level = json_string_value(json_object_get(row, "level"));
	const char *mmdd = json_string_value(json_object_get(row, "deadline"));
	char	 due[32], msg[1024], when[32];
	time_t	 now = time(NULL);
	struct tm tm;

	if (name == NULL || mmdd == NULL || gmtime_r(&now, &tm) == NULL)
		return NULL;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(due, sizeof(due), "%d-%.5s", year + 1, mmdd);
	snprintf(msg, sizeof(msg), "名册中的“%s”%s%s%s截至 %s（截止日期）仍未报送 "
	    "%d 年度报告", name, level && *level ? "（" : "",
	    level ? level : "", level && *level ? "）" : "", due, year);
	return json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s,"
	    " s:{s:s, s:O, s:O, s:s}, s:[{s:s, s:s, s:s, s:s}],"
	    " s:{s:i, s:i}}", "id", id, "file", "", "origin", "",
	    "issuer", name, "year", year, "time", when, "status", "missing",
	    "deadline", due, "roster", "name", name, "level",
	    json_object_get(row, "level"), "region",
	    json_object_get(row, "region"), "key",
	    json_string_value(json_object_get(row, "key")) ?
	    json_string_value(json_object_get(row, "key")) : "",
	    "findings", "rule", "roster.missing", "severity", "error",
	    "plugin", "roster", "message", msg, "summary", "errors", 1,
	    "warnings", 0);
}

/* Appends rec's line to buf; -1 when out of memory. */
static int
add_line(char **buf, size_t *len, const json_t *rec)
{
	char	*s = json_dumps(rec, JSON_COMPACT), *nb;
	size_t	 l;

	if (s == NULL)
		return -1;
	l = strlen(s);
	if ((nb = realloc(*buf, *len + l + 2)) == NULL) {
		free(s);
		return -1;
	}
	memcpy(nb + *len, s, l);
	nb[*len + l] = '\n';
	*len += l + 1;
	*buf = nb;
	free(s);
	return 0;
}

void
history_missing(struct nbd *d, const json_t *msg)
{
	int	 year = (int)json_integer_value(json_object_get(msg, "year"));
	const json_t *rows = json_object_get(msg, "rows");
	json_t	*recs = json_array(), *rec;
	char	*buf = NULL, id[SPOOL_ID_LEN + 1];
	size_t	 len = 0;

	for (size_t i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);
		const char *key = json_string_value(json_object_get(row,
		    "key"));

		if (recs == NULL || key == NULL)
			continue;
		missing_id(year, key, id);
		if (spool_jsonl_has(&d->spool, id) != 0)
			continue;	/* said before (or cannot tell: later) */
		if ((rec = record(id, year, row)) == NULL ||
		    add_line(&buf, &len, rec) == -1 ||
		    json_array_append_new(recs, rec) == -1) {
			log_err("内存不足，未报送名单稍后再记录");
			free(buf);
			json_decref(recs);
			return;
		}
	}
	if (len > 0 && spool_jsonl_append(&d->spool, buf, len) == -1) {
		log_err("无法记录 %d 年度未报送的机关：%s；稍后重试", year,
		    strerror(errno));
		json_array_clear(recs);
	}
	if (json_array_size(recs) > 0)
		log_notice("%d 年度名册中 %zu 个机关过了截止日期仍未报送", year,
		    json_array_size(recs));
	for (size_t i = 0; i < json_array_size(recs); i++)
		sink_syslog_report(json_array_get(recs, i));
	free(buf);
	json_decref(recs);
}
