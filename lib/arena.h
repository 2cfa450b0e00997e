/*
 * arena.h -- strings that live and die together: copied into blocks that
 * are freed at once, not allocated and freed one by one.  A document's
 * lines (doc.c), a table region's tokens (tokens.c) and a report's cell
 * tokens (fill.c) each keep theirs in one.
 */
#ifndef NB_ARENA_H
#define NB_ARENA_H

#include <stddef.h>

struct nb_arena_block;

/* All zero is an empty arena with blocks of NB_ARENA_BLOCK bytes; set
 * block first for another size. */
struct nb_arena {
	struct nb_arena_block	*blocks;
	size_t			 block;
};

#define NB_ARENA_BLOCK	4096

/* Room for size bytes at the end of the arena (a new block when the
 * current one is full), not yet taken: nb_arena_take() takes what was
 * used of it.  NULL when out of memory. */
char	*nb_arena_room(struct nb_arena *a, size_t size);
/* Takes size bytes of the room p that nb_arena_room() gave. */
void	 nb_arena_take(struct nb_arena *a, const char *p, size_t size);
/* A NUL-terminated copy of s[0..len) in the arena, or NULL. */
char	*nb_arena_copy(struct nb_arena *a, const char *s, size_t len);
/* Frees every block; the arena is empty again. */
void	 nb_arena_free(struct nb_arena *a);

#endif
