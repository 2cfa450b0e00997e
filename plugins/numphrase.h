/*
 * numphrase.h -- the counts a report's narrative states: "369条", "17 件",
 * "十七件", "两起", "1,234条", "860余条", "88.9%".  One scanner for every
 * narrative rule, so that they all read a number the same way.
 *
 * Text is section_text() of the host: NFKC, white space removed.
 */
#ifndef NB_PLUGIN_NUMPHRASE_H
#define NB_PLUGIN_NUMPHRASE_H

#include <stddef.h>

struct numphrase {
	long long	 n;		/* the value (integer part) */
	size_t		 off;		/* first byte of the number */
	size_t		 end;		/* byte after the unit (after the
					 * number when there is no unit) */
	int		 chinese;	/* written in Chinese numerals */
	int		 approx;	/* 余, 多, 近, 约, 超过, 以上 ... */
	int		 fraction;	/* 1.5万, 3.2: not an exact count */
	char		 unit[8];	/* measure word, "" if none */
};

/* A count at text+off: a number starting there (not in the middle of
 * one), optionally 余/多 and a measure word.  Returns 1 and fills *p. */
int	numphrase_at(const char *text, size_t off, struct numphrase *p);
/* The next count at or after off and before lim whose unit is `unit`
 * (any unit when NULL).  Returns 1 and fills *p, or 0. */
int	numphrase_next(const char *text, size_t off, size_t lim,
	    const char *unit, struct numphrase *p);
/* A percentage at text+off ("88.9%", "100%"): its value and number of
 * decimals; *end is the byte after '%'.  Returns 1 or 0. */
int	numphrase_percent(const char *text, size_t off, double *v,
	    int *decimals, size_t *end);

#endif
