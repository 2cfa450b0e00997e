/*
 * input.c -- the inputs of `nianbao check`: file arguments as given,
 * folders walked with -r (sorted, so the output is the same each run),
 * and "-", standard input, read to the end whatever it is.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"

static int
push(struct input_list *l, char *path)
{
	char	**p;

	if (path == NULL)
		return -1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;

		if ((p = reallocarray(l->paths, cap, sizeof(*p))) == NULL) {
			free(path);
			return -1;
		}
		l->paths = p;
		l->cap = cap;
	}
	l->paths[l->n++] = path;
	return 0;
}

/* Byte order, not the locale's: the same list everywhere. */
static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/*
 * Adds the regular files under dir, depth first, each folder sorted.
 * Returns how many folders could not be read (each named on stderr), or
 * -1 when out of memory.
 */
static int
walk(struct input_list *l, const char *dir, int depth)
{
	struct dirent	**ents;
	struct stat	 st;
	char		 path[PATH_MAX];
	const char	*sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
	int		 n, i, r, bad = 0;

	if (depth > 64) {
		fprintf(stderr, "nianbao: %s: 目录层次过深，不再深入\n", dir);
		return 1;
	}
	if ((n = scandir(dir, &ents, NULL, by_name)) == -1) {
		fprintf(stderr, "nianbao: %s: 无法读取目录：%s\n", dir,
		    strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;

		/* Hidden entries, "." and ".." are left alone. */
		if (bad == -1 || name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s%s%s", dir, sep, name) >=
		    (int)sizeof(path) || lstat(path, &st) == -1) {
			fprintf(stderr, "nianbao: %s%s%s: 无法访问\n", dir, sep,
			    name);
			bad++;
		} else if (S_ISDIR(st.st_mode)) {
			r = walk(l, path, depth + 1);
			bad = r == -1 ? -1 : bad + r;
		} else if (S_ISREG(st.st_mode) && push(l, strdup(path)) == -1)
			bad = -1;
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return bad;
}

int
input_add(struct input_list *l, const char *arg, int recursive)
{
	struct stat	 st;

	if (recursive && strcmp(arg, "-") != 0 && stat(arg, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return walk(l, arg, 0);
	return push(l, strdup(arg));
}

void
input_free(struct input_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

int
input_read_stdin(size_t max, char **buf, size_t *len, char *msg,
    size_t msglen)
{
	size_t	 cap = 65536, got = 0;
	char	*p, *q;
	ssize_t	 n;

	if ((p = malloc(cap)) == NULL)
		goto nomem;
	for (;;) {
		if (got == cap - 1) {
			if (cap > max + 1) {
				free(p);
				snprintf(msg, msglen, "-: 标准输入过大（上限 %zu "
				    "字节）", max);
				return -1;
			}
			if ((q = realloc(p, cap * 2)) == NULL) {
				free(p);
				goto nomem;
			}
			p = q;
			cap *= 2;
		}
		n = read(STDIN_FILENO, p + got, cap - 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(msg, msglen, "-: 无法读取标准输入：%s",
			    strerror(errno));
			free(p);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > max) {
		free(p);
		snprintf(msg, msglen, "-: 标准输入过大（上限 %zu 字节）", max);
		return -1;
	}
	p[got] = '\0';
	*buf = p;
	*len = got;
	return 0;
 nomem:
	snprintf(msg, msglen, "-: 内存不足");
	return -1;
}
