/*
 * ocr.c -- characters an OCR pass reads for digits inside a table row:
 * "l", "I", "|" or "丨" for 1 and "O" for 0, alone ("27 0 0 2 0 | 30")
 * or within a number ("l54" for 154), and stray marks between two numbers
 * ("0 ′ 0").  Only among numbers: a letter in a label stays a letter.
 * One line's tokens at a time, before its empty fields are resolved.
 */
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "table.h"

static const char *const one[] = { "l", "I", "|", "丨" };
static const char *const zero[] = { "O", "o" };
static const char *const stray[] = { "·", "_", "′", "'", "`", "´", "，",
    "," };

/* The digit a whole token stands for, or '\0'. */
static char
lookalike(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (strcmp(s, one[i]) == 0)
			return '1';
	for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		if (strcmp(s, zero[i]) == 0)
			return '0';
	return '\0';
}

static int
is_stray(const char *s)
{
	for (size_t i = 0; i < sizeof(stray) / sizeof(stray[0]); i++)
		if (strcmp(s, stray[i]) == 0)
			return 1;
	return 0;
}

/* A number read as such ("0", "382.86"), not a blank mark. */
static int
digits(const struct tok *t)
{
	return t->kind == TK_NUM && !t->blank && t->norm[0] != '\0';
}

static int
is_pipe(const struct tok *t)
{
	return t->kind == TK_TEXT && strcmp(t->norm, "|") == 0;
}

/*
 * Lone '|'s part a table's cells ("规章 | 0 | 0 | 0") when there are two
 * or more and no field between them holds two numbers; else they are
 * OCR'd ones ("| 0 0 O 0 0 |").
 */
static int
pipe_cells(const struct region *g, size_t first)
{
	size_t i, pipes = 0, nums = 0;

	for (i = first; i < g->nt; i++) {
		if (is_pipe(&g->t[i])) {
			pipes++;
			nums = 0;
		} else if (pipes > 0 && digits(&g->t[i]) && ++nums > 1)
			return 0;
	}
	return pipes > 1;
}

/* Is the token a number or a digit look-alike? */
static int
numeric(const struct tok *t)
{
	return digits(t) || (t->kind == TK_TEXT && lookalike(t->norm));
}

/* Tokens i and i + 1 are one field of the raw line (no space between). */
static int
touching(const struct tok *a, const struct tok *b)
{
	return a->li == b->li && a->off + a->len == b->off;
}

/* The nearest token before (dir -1) or after (+1) i that is not an empty
 * field or a stray mark; NULL at the line's end. */
static const struct tok *
neighbour(const struct region *g, size_t first, size_t i, int dir)
{
	for (size_t j = i; dir < 0 ? j-- > first : ++j < g->nt;)
		if (g->t[j].kind != TK_EMPTY && !is_stray(g->t[j].norm))
			return &g->t[j];
	return NULL;
}

/* Joins tokens [a, b) into token a as the number they spell. */
static int
merge(struct region *g, size_t a, size_t b)
{
	size_t i, n = 0;
	char *s;

	for (i = a; i < b; i++)
		n += strlen(g->t[i].norm);
	if ((s = nb_arena_room(&g->text, n + 1)) == NULL)
		return -1;
	for (n = 0, i = a; i < b; i++) {
		char d = g->t[i].kind == TK_TEXT ? lookalike(g->t[i].norm) : 0;

		if (d != '\0')
			s[n++] = d;
		else {
			memcpy(s + n, g->t[i].norm, strlen(g->t[i].norm));
			n += strlen(g->t[i].norm);
		}
		if (i > a)
			g->t[i].norm = NULL;
	}
	s[n] = '\0';
	nb_arena_take(&g->text, s, n + 1);
	g->t[a].norm = s;
	g->t[a].kind = TK_NUM;
	g->t[a].blank = 0;
	g->t[a].len = g->t[b - 1].off + g->t[b - 1].len - g->t[a].off;
	return 0;
}

static void
drop(struct region *g, size_t i)
{
	g->t[i].norm = NULL;
}

/*
 * One token of digits with look-alike letters in it ("l6", "l382.86",
 * "2O"): the number it spells.  0 when it is not one, 1 when it was
 * turned into a number.
 */
static int
mixed(struct region *g, struct tok *t)
{
	char *p;
	int digit = 0, look = 0;

	if (t->kind != TK_TEXT)
		return 0;
	for (p = t->norm; *p != '\0'; p++) {
		digit |= *p >= '0' && *p <= '9';
		look |= strchr("lIOo", *p) != NULL;
		if (strchr("0123456789lIOo.", *p) == NULL)
			return 0;
	}
	if (!digit || !look ||
	    (p = nb_arena_copy(&g->text, t->norm, strlen(t->norm))) == NULL)
		return 0;
	for (size_t i = 0; p[i] != '\0'; i++)
		if (strchr("lI", p[i]) != NULL)
			p[i] = '1';
		else if (strchr("Oo", p[i]) != NULL)
			p[i] = '0';
	if (!nb_is_number(p, strlen(p)))
		return 0;
	t->norm = p;
	t->kind = TK_NUM;
	return 1;
}

int
nb_ocr_digits(struct region *g, size_t first)
{
	size_t i, b, w;
	int pipes = pipe_cells(g, first), any = 0;

	for (i = first; i < g->nt; i++)
		any |= mixed(g, &g->t[i]) || digits(&g->t[i]);
	/* Look-alikes are digits only on a line with numbers. */
	for (i = first; any && i < g->nt; i = b) {
		int look = 0, real = 0;

		for (b = i; b < g->nt && numeric(&g->t[b]) &&
		    (b == i || touching(&g->t[b - 1], &g->t[b])); b++) {
			look |= !digits(&g->t[b]);
			real |= digits(&g->t[b]);
		}
		if (b == i) {
			b = i + 1;
			continue;
		}
		if (!look || (pipes && is_pipe(&g->t[i])))
			continue;
		if (b - i == 1) {
			/* A lone look-alike: a digit beside a number or
			 * another look-alike. */
			const struct tok *p = neighbour(g, first, i, -1),
			    *n = neighbour(g, first, i, 1);

			if ((p == NULL || !numeric(p)) &&
			    (n == NULL || !numeric(n)))
				continue;
		} else if (!real)
			continue;
		if (merge(g, i, b) == -1)
			return -1;
	}
	/* Stray marks between numbers, and the pipes left, go. */
	for (i = first; i < g->nt; i++) {
		const struct tok *p, *n;

		if (g->t[i].norm == NULL || g->t[i].kind != TK_TEXT)
			continue;
		if (is_pipe(&g->t[i])) {
			drop(g, i);
			continue;
		}
		if (!is_stray(g->t[i].norm))
			continue;
		p = neighbour(g, first, i, -1);
		n = neighbour(g, first, i, 1);
		if (p != NULL && digits(p) && (n == NULL || digits(n)))
			drop(g, i);
	}
	for (i = w = first; i < g->nt; i++)
		if (g->t[i].norm != NULL || g->t[i].kind == TK_EMPTY)
			g->t[w++] = g->t[i];
	g->nt = w;
	return 0;
}
