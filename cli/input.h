/*
 * input.h -- what the command line names: files, "-" for standard input,
 * and with -r the files under a folder.
 */
#ifndef NB_CLI_INPUT_H
#define NB_CLI_INPUT_H

#include <stddef.h>

struct input_list {
	char	**paths;	/* owned; "-" is standard input */
	size_t	  n, cap;
};

/*
 * Adds arg: itself, or with recursive and a folder every regular file
 * under it whose name and folders do not start with '.', sorted.
 * Returns how many folders could not be read (named on stderr; what was
 * found stays in the list), or -1 when out of memory.
 */
int	input_add(struct input_list *l, const char *arg, int recursive);
void	input_free(struct input_list *l);

/* Reads all of standard input, at most max bytes; 0, or -1 with msg. */
int	input_read_stdin(size_t max, char **buf, size_t *len, char *msg,
	    size_t msglen);

#endif
