/*
 * plugdesc.h -- checks of a plugin's description (plugdesc.c), made by the
 * host after dlopen() and before the plugin's init() runs.
 */
#ifndef NB_PLUGDESC_H
#define NB_PLUGDESC_H

#include <stddef.h>

#include <nianbao/plugin.h>

#include "error.h"

/* Lower-case letters, digits and '_', 1 to 64 of them. */
int	nb_plugin_valid_name(const char *s);
/* An ABI 1.2 plugin whose descriptor has check_history. */
int	nb_plugin_has_history(const struct nb_plugin *p);
/* ABI, size, name, check() (or check_history()), and rule ids that start with "NAME.". */
int	nb_plugin_check_desc(const char *path, const struct nb_plugin *p,
	    struct nb_error *err);
/*
 * p, loaded from path (file dir/FILE.so, FILE being nl bytes of file),
 * declares the file's name, and no name or rule id of the n plugins
 * loaded before it (from paths); otherwise the error names both files.
 */
int	nb_plugin_check_unique(const char *dir, const char *path,
	    const char *file, size_t nl, const struct nb_plugin *p,
	    const struct nb_plugin *const *loaded, const char *const *paths,
	    size_t n, struct nb_error *err);

#endif
