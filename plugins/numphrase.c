/*
 * numphrase.c -- counts stated in the narrative (see numphrase.h).
 *
 * Arabic digits take any measure word of the list; Chinese numerals only
 * a few, and not before words they form idioms with: "一件事", "一次性",
 * "两个维护", "一条龙", "第一批" are no counts.
 */
#include <stdlib.h>
#include <string.h>

#include "numphrase.h"
#include "text.h"

/* Two-character units first: "人次" before "人". */
static const char *const units[] = {
	"人次", "件", "条", "个", "篇", "次", "项", "家", "人", "份", "期",
	"场", "起", "宗", "封", "例", "批", "名", "户", "所", "部", "本",
	"册", "元",
};
static const char *const cn_units[] = {
	"件", "起", "条", "篇", "项", "场", "期", "名", "家", "份", "宗",
	"例",
};
/* Words a Chinese numeral and its unit start rather than count. */
static const char *const cn_idiom_next[] = {
	"事", "性", "龙", "式", "窗", "网", "号", "端", "门",
};

static int
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Can a numeral (〇 零 一…九 两 十 百 千 万) start with bytes u?  Each is
 * three bytes led by E3 E4 E5 E7 or E9, the second one of eight (80 85
 * 8D 99 9B B8 B9 BA: one bit each, by its low six bits): most text
 * turns away here, without a call. */
static inline int
cn_lead(const unsigned char *u)
{
	return (u[0] == 0xe3 || u[0] == 0xe4 || u[0] == 0xe5 ||
	    u[0] == 0xe7 || u[0] == 0xe9) &&
	    ((0x070000000a002021ull >> (u[1] & 0x3f)) & 1) != 0;
}

/* The numeral at s: its digit (0-9) or -1, and in *mult its multiplier
 * (10, 100, 1000, 10000) or 0.  Returns 0 when s is no numeral.  One
 * decoding of the character and a switch: this runs at every character
 * of every section the narrative rules read. */
static int
cn_numeral(const char *s, int *digit, int *mult)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;

	*digit = -1;
	*mult = 0;
	if (!cn_lead(u))
		return 0;
	if ((u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80)
		return 0;
	cp = (unsigned)(u[0] & 0x0f) << 12 | (unsigned)(u[1] & 0x3f) << 6 |
	    (u[2] & 0x3f);
	switch (cp) {
	case 0x3007: /* 〇 */
	case 0x96f6: /* 零 */ *digit = 0; break;
	case 0x4e00: /* 一 */ *digit = 1; break;
	case 0x4e8c: /* 二 */
	case 0x4e24: /* 两 */ *digit = 2; break;
	case 0x4e09: /* 三 */ *digit = 3; break;
	case 0x56db: /* 四 */ *digit = 4; break;
	case 0x4e94: /* 五 */ *digit = 5; break;
	case 0x516d: /* 六 */ *digit = 6; break;
	case 0x4e03: /* 七 */ *digit = 7; break;
	case 0x516b: /* 八 */ *digit = 8; break;
	case 0x4e5d: /* 九 */ *digit = 9; break;
	case 0x5341: /* 十 */ *mult = 10; break;
	case 0x767e: /* 百 */ *mult = 100; break;
	case 0x5343: /* 千 */ *mult = 1000; break;
	case 0x4e07: /* 万 */ *mult = 10000; break;
	default: return 0;
	}
	return 1;
}

static int
is_cn_numeral(const char *s)
{
	int d, m;

	return cn_numeral(s, &d, &m);
}

/* Can a count start at s: a digit, or a numeral other than 万? */
static int
numphrase_may_start(const char *s)
{
	int d, m;

	if (is_digit(*s))
		return 1;
	return cn_numeral(s, &d, &m) && m != 10000;
}

/* The UTF-8 character before text+off, or NULL at the start. */
static const char *
prev_char(const char *text, size_t off)
{
	const char *s = text + off;

	if (off == 0)
		return NULL;
	do
		s--;
	while (s > text && ((unsigned char)*s & 0xc0) == 0x80);
	return s;
}

static size_t
unit_at(const char *s, const char *const *list, size_t n, char *out)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		if (text_starts(s, list[i])) {
			len = strlen(list[i]);
			memcpy(out, list[i], len + 1);
			return len;
		}
	}
	return 0;
}

/* Arabic digits at s: "1234", "1,234" (only before a unit), "3.5". */
static size_t
digits_at(const char *s, long long *n, int *fraction)
{
	const char *p = s;
	long long v = 0;

	*fraction = 0;
	while (is_digit(*p) && v < 100000000000LL)
		v = v * 10 + (*p++ - '0');
	if (is_digit(*p))
		return 0;
	/* Thousands groups: at most three digits before the first comma. */
	while (p - s <= 3 && *p == ',' && is_digit(p[1]) && is_digit(p[2]) &&
	    is_digit(p[3]) && !is_digit(p[4])) {
		v = v * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
		    (p[3] - '0');
		p += 4;
	}
	if (*p == '.' && is_digit(p[1])) {
		*fraction = 1;
		for (p++; is_digit(*p); p++)
			;
	}
	*n = v;
	return (size_t)(p - s);
}

/* Chinese numerals at s: "十七", "两", "一百二十三", "三千五百". */
static size_t
cn_at(const char *s, long long *n)
{
	const char *p = s;
	long long total = 0, section = 0, digit = -1;
	int mults = 0, digits = 0;

	int d, m;

	while (cn_numeral(p, &d, &m)) {
		if (d >= 0) {
			if (digit > 0)
				return 0;	/* "一二": not a number */
			digit = d;
			digits++;
		} else if (m == 10000) {
			total += (section + (digit > 0 ? digit : 0)) * m;
			section = 0;
			digit = -1;
			mults++;
		} else {
			section += (digit > 0 ? digit : m == 10 ? 1 : 0) * m;
			digit = -1;
			mults++;
		}
		p += 3;
	}
	if (digits > 1 && mults == 0)
		return 0;
	*n = total + section + (digit > 0 ? digit : 0);
	return (size_t)(p - s);
}

static int
approx_before(const char *text, size_t off)
{
	/* One or two characters of three bytes each: their lengths known,
	 * compared by text_starts() (no strlen and strncmp per word). */
	static const char *const w1[] = { "近", "约", "逾" };
	static const char *const w2[] = { "超过", "大约", "将近", "接近" };
	size_t i;

	for (i = 0; off >= 3 && i < sizeof(w1) / sizeof(w1[0]); i++)
		if (text_starts(text + off - 3, w1[i]))
			return 1;
	for (i = 0; off >= 6 && i < sizeof(w2) / sizeof(w2[0]); i++)
		if (text_starts(text + off - 6, w2[i]))
			return 1;
	return 0;
}

int
numphrase_at(const char *text, size_t off, struct numphrase *p)
{
	const char *s = text + off, *prev, *q;
	size_t len, ulen;

	if (!numphrase_may_start(s))
		return 0;
	prev = prev_char(text, off);
	memset(p, 0, sizeof(*p));
	if (is_digit(*s)) {
		/* Not inside "3.5" or "1,234"; after a comma of a clause
		 * ("，2件结转") it is a number of its own. */
		if (prev != NULL && (is_digit(*prev) || ((*prev == '.' ||
		    *prev == ',') && prev > text && is_digit(prev[-1]))))
			return 0;
		if ((len = digits_at(s, &p->n, &p->fraction)) == 0)
			return 0;
	} else if (is_cn_numeral(s) && !text_starts(s, "万")) {
		if (prev != NULL && (is_cn_numeral(prev) ||
		    text_starts(prev, "第") || text_starts(prev, "周")))
			return 0;
		if ((len = cn_at(s, &p->n)) == 0)
			return 0;
		p->chinese = 1;
	} else
		return 0;
	q = s + len;
	/* "3万条", "1.2万人次": written rounded. */
	if (!p->chinese && text_starts(q, "万")) {
		p->n *= 10000;
		p->fraction = 1;
		q += strlen("万");
	}
	if (text_starts(q, "余") || text_starts(q, "多")) {
		p->approx = 1;
		q += 3;
	}
	ulen = p->chinese ?
	    unit_at(q, cn_units, sizeof(cn_units) / sizeof(cn_units[0]),
	    p->unit) :
	    unit_at(q, units, sizeof(units) / sizeof(units[0]), p->unit);
	if (p->chinese) {
		size_t i;

		if (ulen == 0)
			return 0;
		for (i = 0; i < sizeof(cn_idiom_next) / sizeof(cn_idiom_next[0]);
		    i++)
			if (text_starts(q + ulen, cn_idiom_next[i]))
				return 0;
	}
	q += ulen;
	if (text_starts(q, "左右") || text_starts(q, "以上"))
		p->approx = 1;
	p->approx |= approx_before(text, off);
	p->off = off;
	p->end = (size_t)(q - text);
	return 1;
}

int
numphrase_next(const char *text, size_t off, size_t lim, const char *unit,
    struct numphrase *p)
{
	while (off < lim && text[off] != '\0') {
		unsigned char b = (unsigned char)text[off];

		if (b < 0x80 && !is_digit((char)b)) {
			off++;
			continue;
		}
		if (!is_digit((char)b) && (!cn_lead((const unsigned char *)
		    text + off) ||
		    !numphrase_may_start(text + off))) {
			off += text_u8len(text + off);
			continue;
		}
		if (numphrase_at(text, off, p)) {
			if (unit == NULL || strcmp(p->unit, unit) == 0)
				return 1;
			off = p->end;
			continue;
		}
		off += text_u8len(text + off);
	}
	return 0;
}

int
numphrase_percent(const char *text, size_t off, double *v, int *decimals,
    size_t *end)
{
	const char *s = text + off, *prev = prev_char(text, off);
	char *e;

	if (!is_digit(*s) || (prev != NULL && (is_digit(*prev) ||
	    *prev == '.')))
		return 0;
	*v = strtod(s, &e);
	if (*e != '%')
		return 0;
	*decimals = 0;
	for (s = strchr(s, '.'); s != NULL && s < e && is_digit(s[1]); s++)
		(*decimals)++;
	*end = (size_t)(e + 1 - text);
	return 1;
}
