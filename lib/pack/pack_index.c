/*
 * pack_index.c -- finding a pack's cells and tables by id: the sorted id
 * index and the hash built once when the pack loads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"

/* FNV-1a of an id: ids are short ASCII strings ("T3.r5.c2"). */
static size_t
id_hash(const char *id)
{
	uint32_t h = 2166136261u;

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

long
nb_pack_cell_index(const struct nb_pack *p, const char *id)
{
	/* Plugins look cells up by id on every relation of every report:
	 * one hash and, as a rule, one strcmp. */
	if (p->hash == NULL) {
		for (size_t i = 0; i < p->ncells; i++)
			if (strcmp(p->cells[i].id, id) == 0)
				return (long)i;
		return -1;
	}
	for (size_t s = id_hash(id) & p->hmask; p->hash[s] != 0;
	    s = (s + 1) & p->hmask)
		if (strcmp(p->cells[p->hash[s] - 1].id, id) == 0)
			return (long)(p->hash[s] - 1);
	return -1;
}

/* The hash of the ids, after nb_pack_index_cells() has refused duplicates. */
static int
hash_cells(struct nb_pack *p)
{
	size_t n = 16;

	while (n < 2 * p->ncells)
		n *= 2;
	if ((p->hash = calloc(n, sizeof(*p->hash))) == NULL)
		return -1;
	p->hmask = n - 1;
	for (size_t i = 0; i < p->ncells; i++) {
		size_t s = id_hash(p->cells[i].id) & p->hmask;

		while (p->hash[s] != 0)
			s = (s + 1) & p->hmask;
		p->hash[s] = i + 1;
	}
	return 0;
}

/* Insertion sort of the id index: a few hundred cells, once per load. */
int
nb_pack_index_cells(struct nb_pack *p)
{
	if ((p->by_id = calloc(p->ncells + 1, sizeof(*p->by_id))) == NULL)
		return -1;
	for (size_t i = 0; i < p->ncells; i++) {
		size_t j = i;
		while (j > 0 && strcmp(p->cells[p->by_id[j - 1]].id,
		    p->cells[i].id) > 0) {
			p->by_id[j] = p->by_id[j - 1];
			j--;
		}
		p->by_id[j] = i;
	}
	for (size_t i = 1; i < p->ncells; i++)
		if (strcmp(p->cells[p->by_id[i - 1]].id,
		    p->cells[p->by_id[i]].id) == 0)
			return -2;
	return hash_cells(p);
}

long
nb_pack_table_index(const struct nb_pack *p, const char *id)
{
	for (size_t i = 0; i < p->ntables; i++)
		if (strcmp(p->tables[i].id, id) == 0)
			return (long)i;
	return -1;
}
