/*
 * numbers.c -- where the numbers are in a token of table text.
 *
 * Crawled pages and converters lose the boundary between cells and
 * labels: "数量713000074二、上年结转…", "1.属于国家秘密00000002.其他法律…".
 * A token is cut where digits meet other text; the numeral of a list item
 * ("2." of "2.其他…", "(1)") stays with its label, and a unit written
 * after a number ("1382.86万元", "3件") stays with the number.
 */
#include <stddef.h>
#include <string.h>

#include "table.h"

/* Bytes of the digit (ASCII or full-width) at s, within n; else 0. */
static size_t
digit_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && u[0] >= '0' && u[0] <= '9')
		return 1;
	if (n >= 3 && u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 &&
	    u[2] <= 0x99)
		return 3;
	return 0;
}

/* Bytes of the literal at s, within n, else 0. */
static size_t
lit(const char *s, size_t n, const char *l)
{
	size_t ll = strlen(l);

	return n >= ll && memcmp(s, l, ll) == 0 ? ll : 0;
}

static size_t
any_of(const char *s, size_t n, const char *const *ls, size_t nls)
{
	for (size_t i = 0; i < nls; i++) {
		size_t l = lit(s, n, ls[i]);

		if (l > 0)
			return l;
	}
	return 0;
}

/* A list numeral's mark after its digit: "1." "1．" "1、". */
static size_t
numeral_mark(const char *s, size_t n)
{
	static const char *const marks[] = { ".", "．", "、" };

	return any_of(s, n, marks, 3);
}

static size_t
minus_len(const char *s, size_t n)
{
	static const char *const minus[] = { "-", "−", "－" };

	return any_of(s, n, minus, 3);
}

/*
 * The number at s (n bytes): digits, "," groups of three, one fraction.
 * Sets *digits to the number of digits and *last to the bytes of the
 * last one.  Returns its bytes.
 */
static size_t
scan_number(const char *s, size_t n, size_t *digits, size_t *last)
{
	size_t i = 0, pl;
	int point = 0;

	*digits = 0;
	for (;;) {
		size_t dl = digit_len(s + i, n - i);

		if (dl > 0) {
			*last = dl;
			(*digits)++;
			i += dl;
			continue;
		}
		if (i + 4 <= n && s[i] == ',' && digit_len(s + i + 1, 1) &&
		    digit_len(s + i + 2, 1) && digit_len(s + i + 3, 1) &&
		    !digit_len(s + i + 4, n - i - 4) && !point) {
			i++;
			continue;
		}
		if (!point && (pl = (s[i] == '.' ? 1 : lit(s + i, n - i, "．"))) &&
		    digit_len(s + i + pl, n - i - pl) > 0) {
			point = 1;
			i += pl;
			continue;
		}
		return i;
	}
}

/* Does a number start at byte i of s, given what comes before it? */
static int
number_starts(const char *s, size_t n, size_t i)
{
	unsigned char prev;

	if (digit_len(s + i, n - i) == 0)
		return 0;
	if (i == 0)
		return 1;
	prev = (unsigned char)s[i - 1];
	/* "P2", "A-1": ASCII words keep their digits. */
	return prev >= 0x80 || prev == ')' || prev == ']' || prev == ' ' ||
	    prev == '\t';
}

/*
 * Is the number [i, e) of s a list numeral: one digit before "." or "、"
 * with text after it ("2.其他"), or a digit in brackets ("(1)")?
 */
static int
is_numeral(const char *s, size_t n, size_t i, size_t e, size_t digits)
{
	static const char *const open[] = { "(", "（" };
	static const char *const close[] = { ")", "）" };
	size_t m;

	if (digits <= 2 && i > 0 && e < n && any_of(s + e, n - e, close, 2) &&
	    (lit(s + i - 1, n - i + 1, "(") || (i >= 3 &&
	    any_of(s + i - 3, n - i + 3, open, 2))))
		return 1;
	if ((m = numeral_mark(s + e, n - e)) == 0)
		return 0;
	/* "1.5" is a number; "2." at the end of a token, or before text. */
	return e + m == n || digit_len(s + e + m, n - e - m) == 0;
}

static size_t
unit_after(const char *s, size_t n)
{
	/* "元" too: "5000元" in a 万元 column is for the fees plugin to
	 * report, so the token stays whole. */
	static const char *const units[] = { "万元", "件", "元" };

	return any_of(s, n, units, 3);
}

/*
 * The next piece of token s (n bytes): its length, and whether it is a
 * number (*num).  Text runs up to the next number; a number ends where
 * its digits do, less a list numeral that belongs to the next label.
 */
size_t
nb_next_piece(const char *s, size_t n, int *num)
{
	size_t i = 0, digits, last = 0, ml;

	ml = minus_len(s, n);
	if (digit_len(s + ml, n - ml) > 0) {
		size_t e = ml + scan_number(s + ml, n - ml, &digits, &last);
		if (!is_numeral(s, n, ml, e, digits)) {
			*num = 1;
			return e + unit_after(s + e, n - e);
		}
		/* "00000002.": the last digit numbers the next label. */
		if (digits > 1 && ml == 0 && numeral_mark(s + e, n - e)) {
			*num = 1;
			return e - last;
		}
		i = e;		/* the numeral starts the text */
	}
	*num = 0;
	if (i == 0 && ml > 0)
		i = ml;
	while (i < n && !number_starts(s, n, i))
		i += ((unsigned char)s[i] & 0xc0) == 0xc0 ?
		    (((unsigned char)s[i] >= 0xf0) ? 4 :
		    ((unsigned char)s[i] >= 0xe0) ? 3 : 2) : 1;
	/* A numeral in text ("第1.2条"?) is not cut: only numbers after
	 * non-ASCII text start a new piece. */
	return i > n ? n : i;
}
