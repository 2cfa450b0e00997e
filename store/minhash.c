/*
 * minhash.c -- shingles of a narrative, their MinHash signature and its
 * LSH band keys (see minhash.h).
 */
#include <stdlib.h>
#include <string.h>

#include "minhash.h"

/* splitmix64: a fast, well-mixed 64-bit hash step. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Length of the UTF-8 sequence starting with byte c (1 for a stray). */
static size_t
u8len(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

static int
skipped(const char *p, size_t len)
{
	unsigned char c = (unsigned char)*p;

	if (len == 1)
		return (c >= '0' && c <= '9') || c == ' ' || c == '\t' ||
		    c == '\n' || c == '\r';
	/* full-width digits U+FF10..U+FF19 and the ideographic space */
	if (len == 3 && c == 0xef && (unsigned char)p[1] == 0xbc &&
	    (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99)
		return 1;
	return len == 3 && memcmp(p, "\xe3\x80\x80", 3) == 0;
}

int
nb_shingles(const char *text, struct nb_shingles *out)
{
	size_t cap = strlen(text) + 1, nch = 0;
	uint64_t *ch;
	size_t *pos, *pend;

	memset(out, 0, sizeof(*out));
	/* Only the first nch are read: no need to clear them (calloc's
	 * memset was a tenth of a copy check). */
	ch = malloc(cap * sizeof(*ch));
	pos = malloc(cap * sizeof(*pos));
	pend = malloc(cap * sizeof(*pend));
	if (ch == NULL || pos == NULL || pend == NULL)
		goto fail;
	/* The kept characters, each as a number, with their offsets. */
	for (size_t i = 0; text[i] != '\0';) {
		size_t l = u8len((unsigned char)text[i]);
		uint64_t c = 0;

		for (size_t k = 0; k < l && text[i + k] != '\0'; k++)
			c = c << 8 | (unsigned char)text[i + k];
		if (!skipped(text + i, l)) {
			ch[nch] = c;
			pos[nch] = i;
			pend[nch++] = i + l;
		}
		while (l-- > 0 && text[i] != '\0')
			i++;
	}
	out->h = ch;
	out->off = pos;
	out->end = pend;
	if (nch < NB_MH_K)
		return 0;
	out->n = nch - NB_MH_K + 1;
	/* In place: shingle i starts at character i, so reading ahead is
	 * safe as each ch[i] is replaced only after its last use. */
	for (size_t i = 0; i < out->n; i++) {
		uint64_t h = 0;

		for (size_t k = 0; k < NB_MH_K; k++)
			h = mix(h ^ ch[i + k]);
		ch[i] = h;
		pend[i] = pend[i + NB_MH_K - 1];
	}
	return 0;
fail:
	free(ch);
	free(pos);
	free(pend);
	return -1;
}

void
nb_shingles_free(struct nb_shingles *s)
{
	free(s->h);
	free(s->off);
	free(s->end);
	memset(s, 0, sizeof(*s));
}

void
nb_minhash(const struct nb_shingles *s, uint32_t sig[NB_MH_N])
{
	for (size_t j = 0; j < NB_MH_N; j++)
		sig[j] = UINT32_MAX;
	uint64_t a[NB_MH_N], b[NB_MH_N];

	/* h_j(x) = high half of a_j x + b_j, a_j odd: x is already a
	 * well-mixed 64-bit hash, so one multiply a function is enough. */
	for (size_t j = 0; j < NB_MH_N; j++) {
		a[j] = mix(2 * j + 1) | 1;
		b[j] = mix(2 * j + 2);
	}
	for (size_t i = 0; i < s->n; i++) {
		uint64_t x = s->h[i];

		for (size_t j = 0; j < NB_MH_N; j++) {
			uint32_t v = (uint32_t)((a[j] * x + b[j]) >> 32);

			if (v < sig[j])
				sig[j] = v;
		}
	}
}

void
nb_minhash_bands(const uint32_t sig[NB_MH_N], uint64_t key[NB_MH_BANDS])
{
	for (size_t b = 0; b < NB_MH_BANDS; b++) {
		uint64_t h = b;

		for (size_t r = 0; r < NB_MH_ROWS; r++)
			h = mix(h ^ sig[b * NB_MH_ROWS + r]);
		/* Both databases store it as a signed BIGINT. */
		key[b] = h >> 1;
	}
}

/*
 * The set is an open-addressing hash table of a power of two slots, at
 * most half full, 0 marking an empty slot; one more slot after them says
 * whether the hash 0 itself is in the set.  Built in one pass and probed
 * in about one step, where a sorted copy cost a qsort per candidate and a
 * binary search per shingle (a copy check compares up to 64 candidates).
 */
uint64_t *
nb_shingle_set(const struct nb_shingles *s, size_t *n)
{
	size_t size = 16, mask;
	uint64_t *v;

	while (size < 2 * s->n)
		size *= 2;
	if ((v = calloc(size + 1, sizeof(*v))) == NULL)
		return NULL;
	mask = size - 1;
	for (size_t i = 0; i < s->n; i++) {
		uint64_t h = s->h[i];
		size_t k = (size_t)(h ^ h >> 32) & mask;

		if (h == 0) {
			v[size] = 1;
			continue;
		}
		while (v[k] != 0 && v[k] != h)
			k = (k + 1) & mask;
		v[k] = h;
	}
	*n = size;
	return v;
}

int
nb_shingle_has(const uint64_t *set, size_t n, uint64_t h)
{
	size_t mask = n - 1, k = (size_t)(h ^ h >> 32) & mask;

	if (h == 0)
		return set[n] != 0;
	while (set[k] != 0) {
		if (set[k] == h)
			return 1;
		k = (k + 1) & mask;
	}
	return 0;
}
