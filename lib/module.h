/*
 * module.h -- the programs' internal modules (the HTML, DOCX and PDF
 * readers, the PostgreSQL store driver): code whose libraries only some
 * inputs need, loaded the first time one of them is met (module.c).
 */
#ifndef NB_MODULE_H
#define NB_MODULE_H

#include <stddef.h>

/*
 * Opens module file ("pdf.so") from $NIANBAO_MODULE_DIR, else from
 * modules/.libs of the build tree the program runs from, else from the
 * installed folder; checked like a plugin (trust.c) and refused unless it
 * was built with this program (its nb_module_version).  Returns the
 * dlopen() handle, never closed, or NULL with the reason in why.
 */
void	*nb_module_open(const char *file, char *why, size_t whylen);

/*
 * The address of symbol in module file, opened by nb_module_open() the
 * first time it is asked for.  The process keeps one table of the modules
 * it opened or failed to open (a cache, like dlopen()'s own): a module is
 * opened once, and one that cannot be is looked for once, its reason
 * given again to every later caller.  NULL with the reason in why.
 */
void	*nb_module_sym(const char *file, const char *symbol, char *why,
	    size_t whylen);

#endif
