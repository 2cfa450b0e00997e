/*
 * normalize.h -- Unicode normalisation of report text (libunistring).
 *
 * Reports mix full-width and half-width forms: （一） and (一), ０-９ and
 * 0-9, U+3000 ideographic spaces, non-breaking spaces.  Everything that is
 * compared (headings, row labels, rule-pack keys) goes through the same
 * function, so a key written either way in a rule pack matches either way
 * in a report.
 */
#ifndef NB_NORMALIZE_H
#define NB_NORMALIZE_H

#include <stddef.h>

/*
 * NFKC, then: every Unicode space (U+3000, U+00A0, U+2002-U+200B, U+FEFF,
 * ...) becomes an ASCII space, runs of spaces fold to one, tabs are kept
 * (they separate table cells), U+2212 MINUS SIGN becomes '-', markdown
 * noise (leading '#', '**', '<b>', '</b>', rows of only '-', '|', ':' and
 * white space such as "---\t---") is dropped, and leading/trailing white
 * space is trimmed.  A lone "-" is kept: it is a blank table cell.
 * Returns a new NUL-terminated string, or NULL on allocation failure or
 * invalid UTF-8.
 */
char	*nb_normalize(const char *s, size_t len);

/*
 * nb_normalize() of the common line (ASCII, CJK ideographs and
 * punctuation, full-width forms, no markup) written to out, which has
 * room for len + 1 bytes, without allocating: returns the length, or
 * (size_t)-1 when the line needs nb_normalize() itself (out then holds
 * nothing of use).  The same text nb_normalize() returns when it
 * succeeds.
 */
size_t	 nb_normalize_to(const char *s, size_t len, char *out);

/* Offset of the first byte of s[0, len) where the bytes stop being valid
 * UTF-8, as u8_check() finds it, or len when they all are: the same
 * answer, without a call per character. */
size_t	 nb_utf8_bad(const char *s, size_t len);

/* nb_normalize(), then every space and tab removed.  For matching keys in
 * text that may be wrapped or spaced at random. */
char	*nb_compact(const char *s, size_t len);

/* Is the token a number ("15", "1382.86", "-3")?  ASCII only: call on
 * normalised text. */
int	 nb_is_number(const char *tok, size_t len);

/* Is the token a written-out blank cell: "/", "／", "\\", "-", "--", "—",
 * "——", "－", "–", "无", "空"? */
int	 nb_is_blank_mark(const char *tok, size_t len);

#endif
