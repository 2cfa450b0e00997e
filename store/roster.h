/*
 * roster.h -- the roster of agencies obliged to report (roster.csv), and
 * the issuer identity every report is matched and stored by.
 *
 * roster.csv, UTF-8, one header line then one agency a line:
 *   name,aliases,level,parent,region,deadline
 * aliases separated by ';'; level one of 部门, 本级政府, 乡镇, 街道;
 * parent the name of the government it belongs to ("" for none); region
 * the administrative division code; deadline "MM-DD" of the year after the
 * report's year, "" for the law's (条例 art. 49: 01-31 for departments,
 * 03-31 for a government's own report).
 */
#ifndef NB_ROSTER_H
#define NB_ROSTER_H

#include <stddef.h>

#include "error.h"

struct nb_roster_entry {
	char	*name;		/* as written in the roster */
	char	*key;		/* nb_issuer_key(name) */
	char	**aliases;	/* keys */
	size_t	 naliases;
	char	*level;		/* 部门, 本级政府, 乡镇, 街道 */
	char	*parent;	/* key of the parent entry, "" if none */
	char	*region;
	char	 deadline[6];	/* "MM-DD", "" for the law's */
	size_t	 line;		/* in roster.csv, for messages */
};

struct nb_roster {
	struct nb_roster_entry *v;
	size_t	 n;
};

/* Loads roster.csv; a bad line is an error naming the file and line. */
struct nb_roster *nb_roster_load(const char *path, struct nb_error *err);
void	 nb_roster_free(struct nb_roster *r);

/* The entry of an issuer: by normalised name, by alias, or else by the
 * drop subfolder (origin, a name or alias too); NULL if none. */
const struct nb_roster_entry *nb_roster_match(const struct nb_roster *r,
	    const char *issuer, const char *origin);
const struct nb_roster_entry *nb_roster_find(const struct nb_roster *r,
	    const char *key);

/* "MM-DD" the entry's report of year is due, the year after (the
 * entry's own deadline, else the law's by its level). */
const char *nb_roster_deadline(const struct nb_roster_entry *e, int year);

/*
 * The identity an issuer is stored and compared by: NFKC (full-width
 * forms), no spaces, 人民政府 -> 政府, 办公室 -> 办.  Caller frees; NULL
 * on allocation failure.  "" stays "".
 */
char	*nb_issuer_key(const char *name);

#endif
