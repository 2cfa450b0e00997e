/*
 * engine_packs.h -- the rule packs an engine checks with: the national
 * pack, and that pack adjusted by each province pack it was opened with.
 */
#ifndef NB_ENGINE_PACKS_H
#define NB_ENGINE_PACKS_H

#include "nianbao.h"
#include "pack.h"

struct nb_packs;

/* What the loaded plugins make a rule id (engine.c knows them). */
struct nb_packs_rules {
	const void	*arg;
	int		(*is_rule)(const void *arg, const char *rule);
	int		(*is_builtin)(const void *arg, const char *rule);
	/* A plugin named by the first len bytes of name is loaded. */
	int		(*is_plugin)(const void *arg, const char *name,
			    size_t len);
	int		 all_loaded;	/* every plugin of the folder */
};

struct nb_packs	*nb_packs_load(const struct nb_engine_conf *conf,
		    struct nb_error *err);
void		 nb_packs_free(struct nb_packs *ps);
/* The pack of a province as the conf named it; NULL or "": the national
 * one.  NULL when the engine was not opened with that province. */
struct nb_pack	*nb_packs_get(const struct nb_packs *ps, const char *province);
/* Refuses a pack naming a rule that is not one, with its origin. */
int		 nb_packs_check_rules(struct nb_packs *ps,
		    const struct nb_packs_rules *known, struct nb_error *err);
/* Format f's pack of p (one of ps), named but not loaded: loaded,
 * adjusted and checked as the others were at start.  1 if loaded now, 0
 * if there was nothing to load, -1 with err set. */
int		 nb_packs_load_format(struct nb_packs *ps, struct nb_pack *p,
		    enum nb_format f, struct nb_error *err);

#endif
