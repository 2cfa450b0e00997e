/*
 * pack_json.c -- a rule pack's JSON parsed into a jansson tree in one pass
 * over the bytes, for the packs that are well formed (all of them, as a
 * rule).  jansson's own parser takes every byte through a stream, a
 * lexer and a string buffer, which was a third of a one-file check
 * (6.8 M of 19.5 M instructions for three packs).
 *
 * It builds exactly the tree json_loadb(JSON_REJECT_DUPLICATES) builds and
 * accepts only what that accepts; anything it does not handle the same
 * way -- an error of any kind, a duplicate key, a number that is not a
 * plain integer, a \u0000, nesting deeper than any pack's -- makes it
 * return NULL without a message, and the caller parses the bytes again
 * with json_loadb, so every message about a bad pack is still jansson's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"

/* Deeper than any pack, and well within jansson's own limit (2048). */
#define JSON_MAX_DEPTH	256

struct jp {
	const unsigned char *p, *end;
	char	*tmp;		/* unescaped strings */
	size_t	 tmpcap;
};

static json_t	*value(struct jp *j, int depth);

static void
skip_ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
	    *j->p == '\t' || *j->p == '\r'))
		j->p++;
}

static int
hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned c = s[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		v = v << 4 | c;
	}
	*out = v;
	return 0;
}

static int
tmp_room(struct jp *j, size_t n)
{
	char *t;
	size_t cap = j->tmpcap ? j->tmpcap : 256;

	if (n <= j->tmpcap)
		return 0;
	while (cap < n)
		cap *= 2;
	if ((t = realloc(j->tmp, cap)) == NULL)
		return -1;
	j->tmp = t;
	j->tmpcap = cap;
	return 0;
}

/*
 * The string at j->p (just after its '"'): *s and *len its bytes, in the
 * input when it has no escape, else in j->tmp; never a NUL (a control
 * byte or \u0000 gives up).  *ascii when every byte is below 0x80: such
 * a string is valid UTF-8; any other is checked by the caller
 * (json_stringn, json_object_setn_new), as jansson's lexer checks it.
 */
static int
string(struct jp *j, const char **s, size_t *len, int *ascii)
{
	const unsigned char *start = j->p, *q = j->p;
	unsigned char hi = 0;
	size_t n = 0;

	while (q < j->end && *q != '"' && *q != '\\' && *q >= 0x20)
		hi |= *q++;
	if (q >= j->end || *q < 0x20)
		return -1;
	*ascii = 0;
	if (*q == '"') {
		*s = (const char *)start;
		*len = (size_t)(q - start);
		*ascii = hi < 0x80;
		j->p = q + 1;
		return 0;
	}
	/* Escapes: unescaped into tmp (never longer than the input). */
	if (tmp_room(j, (size_t)(j->end - start)) == -1)
		return -1;
	memcpy(j->tmp, start, (size_t)(q - start));
	n = (size_t)(q - start);
	while (q < j->end && *q != '"') {
		unsigned u, lo;

		if (*q < 0x20)
			return -1;
		if (*q != '\\') {
			j->tmp[n++] = (char)*q++;
			continue;
		}
		if (++q >= j->end)
			return -1;
		switch (*q++) {
		case '"': j->tmp[n++] = '"'; continue;
		case '\\': j->tmp[n++] = '\\'; continue;
		case '/': j->tmp[n++] = '/'; continue;
		case 'b': j->tmp[n++] = '\b'; continue;
		case 'f': j->tmp[n++] = '\f'; continue;
		case 'n': j->tmp[n++] = '\n'; continue;
		case 'r': j->tmp[n++] = '\r'; continue;
		case 't': j->tmp[n++] = '\t'; continue;
		case 'u': break;
		default: return -1;
		}
		if (j->end - q < 4 || hex4(q, &u) == -1 || u == 0)
			return -1;
		q += 4;
		if (u >= 0xDC00 && u <= 0xDFFF)
			return -1;
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (j->end - q < 6 || q[0] != '\\' || q[1] != 'u' ||
			    hex4(q + 2, &lo) == -1 || lo < 0xDC00 || lo > 0xDFFF)
				return -1;
			q += 6;
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
		}
		/* \uXXXX is at least six bytes; its UTF-8 at most four. */
		if (u < 0x80)
			j->tmp[n++] = (char)u;
		else if (u < 0x800) {
			j->tmp[n++] = (char)(0xC0 | u >> 6);
			j->tmp[n++] = (char)(0x80 | (u & 0x3F));
		} else if (u < 0x10000) {
			j->tmp[n++] = (char)(0xE0 | u >> 12);
			j->tmp[n++] = (char)(0x80 | (u >> 6 & 0x3F));
			j->tmp[n++] = (char)(0x80 | (u & 0x3F));
		} else {
			j->tmp[n++] = (char)(0xF0 | u >> 18);
			j->tmp[n++] = (char)(0x80 | (u >> 12 & 0x3F));
			j->tmp[n++] = (char)(0x80 | (u >> 6 & 0x3F));
			j->tmp[n++] = (char)(0x80 | (u & 0x3F));
		}
	}
	if (q >= j->end)
		return -1;
	j->p = q + 1;
	*s = j->tmp;
	*len = n;
	return 0;
}

/* An integer as jansson reads one; a fraction or an exponent (a real,
 * whose conversion is jansson's own) or an overflow gives up. */
static json_t *
integer(struct jp *j)
{
	const unsigned char *q = j->p;
	int neg = 0;
	uint64_t v = 0;

	if (*q == '-') {
		neg = 1;
		q++;
	}
	if (q >= j->end || *q < '0' || *q > '9')
		return NULL;
	if (*q == '0' && q + 1 < j->end && q[1] >= '0' && q[1] <= '9')
		return NULL;
	for (; q < j->end && *q >= '0' && *q <= '9'; q++) {
		v = v * 10 + (uint64_t)(*q - '0');
		if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
			return NULL;
	}
	if (q < j->end && (*q == '.' || *q == 'e' || *q == 'E'))
		return NULL;
	j->p = q;
	return json_integer(neg ? (json_int_t)(0 - v) : (json_int_t)v);
}

static int
word(struct jp *j, const char *w, size_t n)
{
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return -1;
	j->p += n;
	return 0;
}

static json_t *
object(struct jp *j, int depth)
{
	json_t *o = json_object(), *v;
	const char *k;
	size_t klen, before;
	int ascii;


	if (o == NULL)
		return NULL;
	skip_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return o;
	}
	for (;;) {
		char *copy = NULL;

		if (j->p >= j->end || *j->p++ != '"' ||
		    string(j, &k, &klen, &ascii) == -1)
			goto fail;
		/* A key unescaped into tmp is copied: the value may reuse it. */
		if (k == j->tmp) {
			if ((copy = malloc(klen + 1)) == NULL)
				goto fail;
			memcpy(copy, k, klen);
			k = copy;
		}
		skip_ws(j);
		if (j->p >= j->end || *j->p++ != ':' ||
		    (v = value(j, depth)) == NULL) {
			free(copy);
			goto fail;
		}
		before = json_object_size(o);
		/* Either takes v; json_object_setn_new checks the UTF-8. */
		if ((ascii ? json_object_setn_new_nocheck(o, k, klen, v) :
		    json_object_setn_new(o, k, klen, v)) == -1 ||
		    json_object_size(o) == before) {
			free(copy);
			goto fail;	/* a duplicate: jansson says which */
		}
		free(copy);
		skip_ws(j);
		if (j->p >= j->end)
			goto fail;
		if (*j->p == '}') {
			j->p++;
			return o;
		}
		if (*j->p++ != ',')
			goto fail;
		skip_ws(j);
	}
fail:
	json_decref(o);
	return NULL;
}

static json_t *
array(struct jp *j, int depth)
{
	json_t *a = json_array(), *v;

	if (a == NULL)
		return NULL;
	skip_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return a;
	}
	for (;;) {
		if ((v = value(j, depth)) == NULL ||
		    json_array_append_new(a, v) == -1)
			goto fail;
		skip_ws(j);
		if (j->p >= j->end)
			goto fail;
		if (*j->p == ']') {
			j->p++;
			return a;
		}
		if (*j->p++ != ',')
			goto fail;
	}
fail:
	json_decref(a);
	return NULL;
}

static json_t *
value(struct jp *j, int depth)
{
	const char *s;
	size_t len;
	int ascii;

	skip_ws(j);
	if (j->p >= j->end)
		return NULL;
	switch (*j->p) {
	case '{':
		if (depth >= JSON_MAX_DEPTH)
			return NULL;
		j->p++;
		return object(j, depth + 1);
	case '[':
		if (depth >= JSON_MAX_DEPTH)
			return NULL;
		j->p++;
		return array(j, depth + 1);
	case '"':
		j->p++;
		if (string(j, &s, &len, &ascii) == -1)
			return NULL;
		return ascii ? json_stringn_nocheck(s, len) :
		    json_stringn(s, len);
	case 't':
		return word(j, "true", 4) ? NULL : json_true();
	case 'f':
		return word(j, "false", 5) ? NULL : json_false();
	case 'n':
		return word(j, "null", 4) ? NULL : json_null();
	default:
		return integer(j);
	}
}

json_t *
nb_pack_parse_json(const char *buf, size_t len)
{
	struct jp j = { (const unsigned char *)buf,
	    (const unsigned char *)buf + len, NULL, 0 };
	json_t *root = NULL;

	skip_ws(&j);
	if (j.p < j.end && (*j.p == '{' || *j.p == '['))
		root = value(&j, 0);
	free(j.tmp);
	if (root == NULL)
		return NULL;
	skip_ws(&j);
	if (j.p != j.end) {
		json_decref(root);
		return NULL;
	}
	return root;
}
