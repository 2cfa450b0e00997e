/*
 * module.c -- opening an internal module (see module.h).
 *
 * poppler-glib, libxml2, libzip and libpq bring some sixty shared
 * libraries with them; mapping and relocating those is most of what a
 * one-file text check would cost.  Code that needs them is a module of
 * its own, in a folder of its own (never scanned for rule plugins), and
 * opened when an input needs it.  A module is built from the same tree as
 * the program and says so; one of another build is refused rather than
 * trusted to lay out a document or a driver the same way.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "module.h"
#include "trust.h"

#ifndef NB_MODULE_DIR
#define NB_MODULE_DIR	"/usr/local/lib/nianbao/modules"
#endif

/* Does dir/modules/.libs/file exist (a build tree's modules)? */
static int
built_here(const char *dir, size_t dlen, const char *file, char *out,
    size_t len)
{
	char try[PATH_MAX + 64];

	snprintf(try, sizeof(try), "%.*s/modules/.libs/%s", (int)dlen, dir,
	    file);
	if (access(try, F_OK) != 0)
		return 0;
	snprintf(out, len, "%.*s/modules/.libs", (int)dlen, dir);
	return 1;
}

/*
 * The folder: the one the environment names, else modules/.libs of the
 * build tree a program runs from (cli/nianbao, daemon/nianbaod, tests/x,
 * tests/y/x), else the installed one.
 */
static void
module_dir(const char *file, char *dir, size_t len)
{
	const char *env = getenv("NIANBAO_MODULE_DIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (env != NULL && env[0] != '\0') {
		snprintf(dir, len, "%s", env);
		return;
	}
	snprintf(dir, len, "%s", NB_MODULE_DIR);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return;
	exe[n] = '\0';
	for (int up = 0; up < 2; up++) {
		char *slash;

		if ((slash = strrchr(exe, '/')) == NULL || slash == exe)
			return;
		*slash = '\0';
		if ((slash = strrchr(exe, '/')) == NULL)
			return;
		if (built_here(exe, (size_t)(slash - exe), file, dir, len))
			return;
	}
}

void *
nb_module_open(const char *file, char *why, size_t whylen)
{
	char dir[PATH_MAX], path[PATH_MAX + 64], self[64];
	const char *version;
	struct nb_error err;
	void *dl;
	int fd;

	module_dir(file, dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	nb_error_clear(&err);
	/* The file checked is the file loaded: by its descriptor. */
	if ((fd = nb_trust_open(path, &err)) == -1) {
		snprintf(why, whylen, "%s", err.msg);
		return NULL;
	}
	nb_trust_fd_path(fd, self, sizeof(self));
	/* fd stays open while the module is loaded: glibc knows a module
	 * by the name it was opened under, and /proc/self/fd/N of a closed
	 * fd would name the next module the same. */
	if ((dl = dlopen(self, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, whylen, "%s: %s", path, dlerror());
		close(fd);
		return NULL;
	}
	version = dlsym(dl, "nb_module_version");
	if (version == NULL || strcmp(version, PACKAGE_VERSION) != 0) {
		snprintf(why, whylen, "%s: 不是本版本（%s）的模块", path,
		    PACKAGE_VERSION);
		dlclose(dl);
		close(fd);
		return NULL;
	}
	return dl;
}

/*
 * What nb_module_sym() has opened.  The only state the library keeps for
 * the process: a handle can be neither shared through a caller's object
 * (nb_ingest() has none) nor opened again without another descriptor.
 */
#define NB_MAX_MODULES	8

static struct {
	char	 file[32];
	void	*dl;			/* NULL: failed, why says why */
	char	 why[PATH_MAX + 1100];
} opened[NB_MAX_MODULES];

void *
nb_module_sym(const char *file, const char *symbol, char *why, size_t whylen)
{
	size_t i;
	void *sym;

	for (i = 0; i < NB_MAX_MODULES && opened[i].file[0] != '\0'; i++)
		if (strcmp(opened[i].file, file) == 0)
			break;
	if (i == NB_MAX_MODULES || strlen(file) >= sizeof(opened[i].file)) {
		snprintf(why, whylen, "%s: 模块过多", file);
		return NULL;
	}
	if (opened[i].file[0] == '\0') {
		snprintf(opened[i].file, sizeof(opened[i].file), "%s", file);
		opened[i].dl = nb_module_open(file, opened[i].why,
		    sizeof(opened[i].why));
	}
	if (opened[i].dl == NULL) {
		snprintf(why, whylen, "%s", opened[i].why);
		return NULL;
	}
	if ((sym = dlsym(opened[i].dl, symbol)) == NULL)
		snprintf(why, whylen, "%s: 缺少 %s", file, symbol);
	return sym;
}
