/*
 * problems.h -- the 问题清单 an office files at the end of a campaign:
 * every finding of the newest version of every stored report, with its
 * agency, report, rule, message, place, cell and the reviewer's verdict,
 * read from the history store (never from report files).
 *
 * The writers (XLSX, CSV) are sinks: problems_each() walks the store once
 * and hands each report and each finding to them.
 */
#ifndef NB_EXPORT_PROBLEMS_H
#define NB_EXPORT_PROBLEMS_H

#include <stddef.h>

#include "store/store.h"

/* One row of the list, every text ready to show (Chinese labels). */
struct problem {
	const struct nb_store_summary *report;
	const char	*rule;
	const char	*severity;	/* 错误 / 警告 / 提示 */
	const char	*message;
	char		 where[48];	/* 第3页第12行, 第40行, "" */
	const char	*cell;		/* DOMAIN.md id, "" */
	const char	*verdict;	/* 已确认 / 已排除 / 待复核 */
	const char	*note, *reviewer;	/* "" when none */
	char		 reviewed[24];	/* YYYY-MM-DD HH:MM, "" */
};

/* Per report: its findings by verdict (for the summary sheet). */
struct problem_counts {
	size_t		 errors, warnings;	/* as checked */
	size_t		 confirmed, dismissed, pending;
};

struct problem_sink {
	/* Called after a report's findings, with their counts. */
	int	(*report)(void *arg, const struct nb_store_summary *m,
		    const struct problem_counts *c);
	int	(*problem)(void *arg, const struct problem *p);
	void	*arg;
};

/* Reports matching q (newest versions only), in the store's order
 * (issuer, year).  0, or -1 with err (a sink's -1 stops the walk:
 * "内存不足" or what the sink put in err). */
int	problems_each(struct nb_store *s, const struct nb_store_query *q,
	    const struct problem_sink *sink, struct nb_error *err);

#endif
