/*
 * module_version.c -- linked into each internal module: the build it
 * belongs to, which nb_module_open() compares with its own.
 */
extern const char nb_module_version[];
const char nb_module_version[] = PACKAGE_VERSION;
