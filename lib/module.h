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

#endif
