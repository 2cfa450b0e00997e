/*
 * conf.h -- nianbaod.conf(5), read with libconfig into a fresh struct so
 * that a reload can be refused without touching the running configuration.
 */
#ifndef NBD_CONF_H
#define NBD_CONF_H

#include <stddef.h>

#include <jansson.h>

struct nbd_conf {
	char		*file;		/* the file it was read from */
	char		*spool;		/* spool root */
	int		 workers;	/* worker processes */
	int		 time_limit;	/* seconds per report */
	long long	 max_size;	/* bytes per input */
	char		*rules;		/* rule pack */
	char		*plugin_dir;
	char		**plugins;	/* enabled plugins; NULL = all */
	size_t		 nplugins;
	json_t		*plugin_options; /* {plugin: {key: "value"}} */
	int		 facility;	/* LOG_DAEMON, ... */
	int		 threshold;	/* enum nb_severity */
	char		*syslog_socket;	/* NULL: syslog(3) */
	long long	 memory_limit;	/* per worker: -1 auto, 0 off, bytes */
	int		 seccomp;	/* system call filter on workers */
	char		*user;		/* workers' user when started as root */
	int		 min_free;	/* % of blocks and inodes: else pause */
	/* The history store (conf.c: store_of): a SQLite file or a
	 * postgresql:// URI; NULL when off.  Then the roster. */
	char		*store;
	char		*roster;	/* roster.csv, NULL for none */
	json_t		*origins;	/* {origin: province pack}, never NULL
					 * once loaded (conf_origins.c) */
};

/*
 * Reads file; spool, when not NULL, replaces the configured spool root.
 * Returns NULL with a Chinese reason in err (naming the file and line).
 */
struct nbd_conf	*conf_load(const char *file, const char *spool,
		    char *err, size_t errlen);
void		 conf_free(struct nbd_conf *conf);

/* conf_origins.c: the "origins" table; the distinct province packs of
 * such a table (at most max, pointers into it), for the engine. */
struct config_t;
int		 conf_get_origins(const struct config_t *cf,
		    struct nbd_conf *c, const char *confdir, char *err,
		    size_t errlen);
size_t		 conf_origin_provinces(const json_t *origins, const char **out,
		    size_t max);

#endif
