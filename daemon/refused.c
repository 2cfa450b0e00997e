/*
 * refused.c -- the log-once of names not taken.  The names already logged
 * are kept in a small open-addressing set of hashes; when it fills up it
 * is emptied, so memory stays bounded and a name may, rarely, be logged a
 * second time.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "refused.h"

#define SET_SIZE	4096		/* power of two */
#define SET_MAX		(SET_SIZE / 2)

struct refused {
	uint64_t	 h[SET_SIZE];	/* 0 = empty */
	size_t		 n;
};

struct refused *
refused_new(void)
{
	return calloc(1, sizeof(struct refused));
}

void
refused_free(struct refused *r)
{
	free(r);
}

/* FNV-1a over origin, '/', name; never 0. */
static uint64_t
hash(const char *origin, const char *name)
{
	uint64_t	 h = 1469598103934665603ULL;
	const char	*p;

	for (p = origin; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ '/') * 1099511628211ULL;
	for (p = name; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return h != 0 ? h : 1;
}

/* Adds h; 1 if it was new. */
static int
add(struct refused *r, uint64_t h)
{
	size_t	 i = (size_t)h & (SET_SIZE - 1);

	while (r->h[i] != 0) {
		if (r->h[i] == h)
			return 0;
		i = (i + 1) & (SET_SIZE - 1);
	}
	if (r->n >= SET_MAX) {
		memset(r->h, 0, sizeof(r->h));
		r->n = 0;
		i = (size_t)h & (SET_SIZE - 1);
	}
	r->h[i] = h;
	r->n++;
	return 1;
}

void
refused_note(struct refused *r, const char *origin, const char *name,
    int dir)
{
	const char	*sep = origin[0] != '\0' ? "/" : "";
	size_t		 n = strlen(name);

	if (r == NULL || !add(r, hash(origin, name)))
		return;
	if (dir)
		log_notice("incoming/%s%s%s 是第二层子目录，其中的文件不会检查"
		    "（只监视 incoming/ 及其下一层目录）", origin, sep, name);
	else if (name[0] == '.')
		log_notice("incoming/%s%s%s 以点号开头（隐藏文件），不检查",
		    origin, sep, name);
	else if (strncmp(name, "~$", 2) == 0 ||
	    (n >= 5 && strcmp(name + n - 5, ".part") == 0) ||
	    (n >= 4 && strcmp(name + n - 4, ".tmp") == 0))
		log_notice("incoming/%s%s%s 是临时文件名（~$、.part、.tmp），"
		    "改为正式文件名后才检查", origin, sep, name);
}
