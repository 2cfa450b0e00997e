/*
 * serve.h -- the entry of `nianbao serve` (board/serve.c) for the command.
 */
#ifndef NB_BOARD_SERVE_H
#define NB_BOARD_SERVE_H

/* `nianbao serve ARGS`; argv[0] is "serve".  Returns the exit status. */
int	 board_serve(int argc, char **argv);

#endif
