/*
 * engine_init.c -- the engine configuration of a worker or the history
 * stage, from the daemon's init message.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "engine_init.h"

int
engine_init_conf(struct engine_init *ei, const json_t *init,
    struct nb_error *err)
{
	const json_t *plugins = json_object_get(init, "plugins");
	struct nb_engine_conf *c = &ei->conf;

	memset(ei, 0, sizeof(*ei));
	c->rules_path = json_string_value(json_object_get(init, "rules"));
	c->plugin_dir = json_string_value(json_object_get(init,
	    "plugin_dir"));
	c->limits.max_bytes = (size_t)json_integer_value(
	    json_object_get(init, "max_bytes"));
	/* With a store ("model": the worker sends its model to the
	 * history stage) the engine fills what the store keeps. */
	c->history = json_is_true(json_object_get(init, "model")) ||
	    json_object_get(init, "store") != NULL;
	if (json_array_size(plugins) > 0) {
		ei->names = calloc(json_array_size(plugins),
		    sizeof(*ei->names));
		if (ei->names == NULL)
			return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		/* A plain loop: cppcheck does not know jansson's macros. */
		for (size_t i = 0; i < json_array_size(plugins); i++)
			ei->names[i] = json_string_value(
			    json_array_get(plugins, i));
		c->plugins = ei->names;
		c->nplugins = json_array_size(plugins);
	}
	/* Options of nianbaod.conf's plugins group override the rule pack's;
	 * the engine only reads them. */
	c->plugin_options = (json_t *)json_object_get(init, "plugin_options");
	if ((c->nprovinces = conf_origin_provinces(json_object_get(init,
	    "origins"), ei->provinces, NB_MAX_PROVINCES)) > 0)
		c->provinces = ei->provinces;
	return 0;
}

void
engine_init_free(struct engine_init *ei)
{
	free(ei->names);
	ei->names = NULL;
}
