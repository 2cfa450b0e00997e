/*
 * arena.c -- strings kept in blocks freed at once (arena.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct nb_arena_block {
	struct nb_arena_block	*next;
	size_t			 used, size;
	char			 data[];
};

char *
nb_arena_room(struct nb_arena *a, size_t size)
{
	struct nb_arena_block *b = a->blocks;
	size_t bs = a->block ? a->block : NB_ARENA_BLOCK;

	if (b == NULL || b->size - b->used < size) {
		size_t bsize = size > bs ? size : bs;

		if (size >= SIZE_MAX - sizeof(*b) ||
		    (b = malloc(sizeof(*b) + bsize)) == NULL)
			return NULL;
		b->used = 0;
		b->size = bsize;
		/* A string larger than a block gets its own, behind the
		 * current one, which keeps filling. */
		if (a->blocks != NULL && bsize > bs) {
			b->next = a->blocks->next;
			a->blocks->next = b;
		} else {
			b->next = a->blocks;
			a->blocks = b;
		}
	}
	return b->data + b->used;
}

void
nb_arena_take(struct nb_arena *a, const char *p, size_t size)
{
	struct nb_arena_block *b = a->blocks;

	/* a string larger than a block has the block behind the current */
	if (p != b->data + b->used)
		b = b->next;
	b->used += size;
}

char *
nb_arena_copy(struct nb_arena *a, const char *s, size_t len)
{
	char *p;

	if ((p = nb_arena_room(a, len + 1)) == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	nb_arena_take(a, p, len + 1);
	return p;
}

void
nb_arena_free(struct nb_arena *a)
{
	struct nb_arena_block *b;

	while ((b = a->blocks) != NULL) {
		a->blocks = b->next;
		free(b);
	}
}
