/*
 * minhash.h -- shingles, MinHash signatures and LSH band keys of a
 * narrative, for history.copy.
 *
 * Plain C with no dependency: compiled into the store (which indexes the
 * band keys of every report it writes) and into the history plugin (which
 * computes the same keys for the report it checks, asks the host for the
 * stored reports sharing one, and then compares the shingles exactly).
 *
 * A shingle is NB_MH_K consecutive characters (code points) of the text
 * with digits and white space left out, so a narrative copied with its
 * numbers changed is still a copy.
 */
#ifndef NB_MINHASH_H
#define NB_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define NB_MH_K		5	/* characters per shingle */
/*
 * 32 bands of 3 rows: a pair whose shingle sets have Jaccard similarity J
 * shares a band with probability 1 - (1 - J^3)^32: 0.9996 at J = 0.6 (a
 * narrative 75% copied), 0.986 at J = 0.5, 3 x 10^-5 at J = 0.01
 * (unrelated text).  The keys are stored: changing these needs a migration that
 * recomputes the lsh table.
 */
#define NB_MH_N		96	/* hash functions */
#define NB_MH_BANDS	32	/* LSH bands of NB_MH_N / NB_MH_BANDS rows */
#define NB_MH_ROWS	(NB_MH_N / NB_MH_BANDS)
/* Fewer shingles than this: too short to call a copy. */
#define NB_MH_MIN	40

struct nb_shingles {
	uint64_t	*h;	/* hash of each shingle, in text order */
	size_t		*off;	/* byte offset in the text where it starts */
	size_t		*end;	/* byte offset one past its last character */
	size_t		 n;
};

/* Shingles of text; returns 0 or -1 (out of memory). */
int	 nb_shingles(const char *text, struct nb_shingles *out);
void	 nb_shingles_free(struct nb_shingles *s);

/* Signature of a shingle list; all UINT32_MAX when it is empty. */
void	 nb_minhash(const struct nb_shingles *s, uint32_t sig[NB_MH_N]);
/* One key per band; key[b] also encodes b. */
void	 nb_minhash_bands(const uint32_t sig[NB_MH_N],
	    uint64_t key[NB_MH_BANDS]);

/* The set of s->h, for nb_shingle_has(); *n is its size (not the number
 * of distinct shingles). */
uint64_t *nb_shingle_set(const struct nb_shingles *s, size_t *n);
int	 nb_shingle_has(const uint64_t *set, size_t n, uint64_t h);

#endif
