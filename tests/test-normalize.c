/*
 * test-normalize.c -- normalisation, number and blank tokens, document
 * lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "doc.h"
#include "normalize.h"

#include "check.h"

static void
norm_is(const char *in, const char *want)
{
	char *got = nb_normalize(in, strlen(in));

	if (got == NULL || strcmp(got, want) != 0) {
		failed++;
		printf("FAIL nb_normalize(\"%s\") = \"%s\", want \"%s\"\n", in,
		    got ? got : "(null)", want);
	} else
		passed++;
	free(got);
}

static void
compact_is(const char *in, const char *want)
{
	char *got = nb_compact(in, strlen(in));

	if (got == NULL || strcmp(got, want) != 0) {
		failed++;
		printf("FAIL nb_compact(\"%s\") = \"%s\", want \"%s\"\n", in,
		    got ? got : "(null)", want);
	} else
		passed++;
	free(got);
}

static void
test_normalize(void)
{
	char *p;

	norm_is("１２３４５", "12345");
	norm_is("（一）予以公开", "(一)予以公开");
	norm_is("(一) 予以公开", "(一) 予以公开");
	norm_is("ＡＢｃ", "ABc");
	norm_is("甲\xe3\x80\x80乙", "甲 乙");		/* U+3000 */
	norm_is("甲\xc2\xa0乙", "甲 乙");		/* U+00A0 */
	norm_is("甲\xe2\x80\x83乙", "甲 乙");		/* U+2003 */
	norm_is("甲\xe2\x80\x8b乙", "甲 乙");		/* U+200B */
	norm_is("\xef\xbb\xbf甲", "甲");		/* U+FEFF, trimmed */
	norm_is("甲  \xe3\x80\x80  乙", "甲 乙");
	norm_is("\xe3\x80\x80\xe3\x80\x80（一）主动公开情况",
	    "(一)主动公开情况");
	norm_is("0\t0\t0", "0\t0\t0");
	norm_is("  a b  ", "a b");
	norm_is("## 一、总体情况", "一、总体情况");
	norm_is("# 红寺堡区 2018 年", "红寺堡区 2018 年");
	norm_is("## **六、其他需要报告的事项**", "六、其他需要报告的事项");
	norm_is("**1.主动公开政府信息的情况。**2021 年",
	    "1.主动公开政府信息的情况。2021 年");
	norm_is("<b>三、收到</b>", "三、收到");
	norm_is("---\t---\t---", "");
	norm_is("| --- | --- |", "");
	norm_is("-", "-");
	norm_is("-\t-", "-\t-");
	norm_is("１３８２．８６", "1382.86");
	norm_is("", "");
	p = nb_normalize("\xff\xfe", 2);
	CHECK(p == NULL, "invalid UTF-8 gives NULL");
	free(p);
	p = nb_normalize("\xe4\xb8", 2);
	CHECK(p == NULL, "truncated UTF-8 gives NULL");
	free(p);
	compact_is("一、 总体\t情况", "一、总体情况");
	compact_is("（七）总计", "(七)总计");
	compact_is("2022 年", "2022年");
	compact_is("3. 其他", "3.其他");
}

static void
test_number(void)
{
	CHECK(nb_is_number("15", 2), "15 is a number");
	CHECK(nb_is_number("0", 1), "0 is a number");
	CHECK(nb_is_number("1382.86", 7), "1382.86 is a number");
	CHECK(nb_is_number("-3", 2), "-3 is a number");
	CHECK(!nb_is_number("1.", 2), "1. is not a number");
	CHECK(!nb_is_number(".5", 2), ".5 is not a number");
	CHECK(!nb_is_number("1.2.3", 5), "1.2.3 is not a number");
	CHECK(!nb_is_number("-", 1), "- is not a number");
	CHECK(!nb_is_number("", 0), "empty is not a number");
	CHECK(!nb_is_number("12a", 3), "12a is not a number");
	CHECK(!nb_is_number("１５", strlen("１５")), "full-width needs NFKC");
	CHECK(nb_is_number("15 ", 2), "length is honoured");
}

static void
test_blank(void)
{
	static const char *yes[] = { "/", "-", "—", "－", "–", "无", "空",
	    "\\" };
	static const char *no[] = { "0", "无效", "", "1", "--3" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		CHECK(nb_is_blank_mark(yes[i], strlen(yes[i])), "%s", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!nb_is_blank_mark(no[i], strlen(no[i])), "%s", no[i]);
}

static void
test_doc(void)
{
	static const char text[] = "第一行\r\n（二）\r第三行\n\n　末行\n";
	struct nb_error err;
	struct nb_doc *d;

	nb_error_clear(&err);
	d = nb_doc_new("t.txt");
	CHECK(d != NULL, "nb_doc_new");
	if (d == NULL)
		return;
	CHECK(nb_doc_add_text(d, text, strlen(text), 0, &err) == 0,
	    "nb_doc_add_text");
	CHECK(d->nlines == 5, "five lines (final newline starts none)");
	if (d->nlines == 5) {
		CHECK(strcmp(d->lines[0].raw, "第一行") == 0, "CRLF split");
		CHECK(strcmp(d->lines[1].text, "(二)") == 0, "CR split, NFKC");
		CHECK(d->lines[2].lineno == 3, "line numbers from 1");
		CHECK(d->lines[3].raw[0] == '\0', "empty line kept");
		CHECK(strcmp(d->lines[4].raw, "　末行") == 0, "raw kept");
		CHECK(strcmp(d->lines[4].text, "末行") == 0, "text trimmed");
	}
	CHECK(nb_doc_add_line(d, "x\ty", 3, 9, 2) == 0, "add_line");
	CHECK(d->lines[d->nlines - 1].page == 2, "page kept");
	CHECK(d->lines[d->nlines - 1].lineno == 9, "lineno kept");
	nb_doc_free(d);
	nb_doc_free(NULL);
}

/* NFKC by libunistring, then every space and tab removed. */
static char *
reference_compact(const char *s)
{
	size_t n = 0;
	uint8_t *nf = u8_normalize(UNINORM_NFKC, (const uint8_t *)s, strlen(s),
	    NULL, &n);
	char *out, *o;

	if (nf == NULL || (out = malloc(n + 1)) == NULL) {
		free(nf);
		return NULL;
	}
	for (o = out, s = (const char *)nf; n-- > 0; s++)
		if (*s != ' ' && *s != '\t')
			*o++ = *s;
	*o = '\0';
	free(nf);
	return out;
}

/*
 * nb_normalize() skips libunistring for the code points reports are made
 * of: on every line of the samples that has no markdown noise, it must
 * give what the full NFKC gives.
 */
static void
test_fastpath(void)
{
	const char *src = getenv("NB_SRCDIR");
	char path[4096], line[8192];
	int lines = 0, bad = 0;

	for (int i = 0; i <= 4; i++) {
		FILE *fp;

		snprintf(path, sizeof(path), "%s/tests/data/sample-00%d.txt",
		    src ? src : ".", i);
		if ((fp = fopen(path, "r")) == NULL) {
			CHECK(0, "%s", path);
			continue;
		}
		while (fgets(line, sizeof(line), fp) != NULL) {
			char *got, *want;

			line[strcspn(line, "\r\n")] = '\0';
			if (strpbrk(line, "*#<|-") != NULL)
				continue;
			got = nb_compact(line, strlen(line));
			want = reference_compact(line);
			lines++;
			if (got == NULL || want == NULL || strcmp(got, want) != 0) {
				bad++;
				printf("FAIL fast NFKC differs: %s\n", line);
			}
			free(got);
			free(want);
		}
		fclose(fp);
	}
	CHECK(lines > 500 && bad == 0, "fast path agrees with NFKC on samples");
}

/* nb_normalize_to() against nb_normalize() on one line: the same text
 * when it takes the line; fast says whether it must take it. */
static int
one_pass_agrees(const char *in, size_t len, int fast)
{
	char out[8192 + 1], *want = nb_normalize(in, len);
	size_t n = len < sizeof(out) ? nb_normalize_to(in, len, out) :
	    (size_t)-1;
	int ok;

	if (n == (size_t)-1)
		ok = !fast;
	else
		ok = want != NULL && strlen(want) == n && strcmp(want, out) == 0;
	if (!ok)
		printf("FAIL nb_normalize_to(\"%.*s\") = %s, nb_normalize %s\n",
		    (int)len, in, n == (size_t)-1 ? "(general path)" : out,
		    want ? want : "(null)");
	free(want);
	return ok;
}

/*
 * The one-pass normalisation the document and the tokens use: on every
 * sample line (markup included) and on lines made to reach each of its
 * branches, the same text as nb_normalize(), and taken for the lines
 * reports are made of.
 */
static void
test_one_pass(void)
{
	static const struct { const char *s; int fast; } cases[] = {
		{ "本年度，主动公开政府信息。", 1 },
		{ "\xe3\x80\x80\xe3\x80\x80一、总体情况  ", 1 },
		{ " \t（一）主动公开\t", 1 },
		{ "**三、收到和处理政府信息公开申请情况**", 1 },
		{ "## 四、行政复议", 1 },
		{ "\xef\xbc\x83\xef\xbc\x83 六、其他", 1 },	/* ＃＃ */
		{ "<b>五、</b> 存在的主要问题", 1 },
		{ "---|---|---", 1 },
		{ "| --- | :--- |", 1 },
		{ "-", 1 },
		{ "-\t-", 1 },
		{ "\xef\xbc\x8d\xef\xbc\x8d\xef\xbc\x8d", 1 },	/* －－－ */
		{ "   ", 1 },
		{ "a \r\v\f b", 1 },
		{ "", 1 },
		{ "\xe2\x88\x92" "5", 0 },		/* MINUS SIGN */
		{ "\xc2\xa0x", 0 },			/* NO-BREAK SPACE */
		{ "\xe3\x8d\xbb", 0 },			/* ㍻ grows */
		{ "\xf0\x9f\x98\x80", 0 },		/* four bytes */
		{ "bad \xe4\xb8", 0 },			/* cut character */
		{ "bad \xc0\x80", 0 },			/* overlong */
		{ "bad \xed\xa0\x80", 0 },		/* surrogate */
	};
	const char *src = getenv("NB_SRCDIR");
	char path[4096], line[8192];
	int lines = 0, bad = 0;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(one_pass_agrees(cases[i].s, strlen(cases[i].s),
		    cases[i].fast), "one pass: case %zu", i);
	CHECK(one_pass_agrees("a\0b", 3, 0), "one pass: a NUL");
	for (int k = 0; k <= 4; k++) {
		FILE *fp;

		snprintf(path, sizeof(path), "%s/tests/data/sample-00%d.txt",
		    src ? src : ".", k);
		if ((fp = fopen(path, "r")) == NULL) {
			CHECK(0, "%s", path);
			continue;
		}
		while (fgets(line, sizeof(line), fp) != NULL) {
			line[strcspn(line, "\r\n")] = '\0';
			lines++;
			bad += !one_pass_agrees(line, strlen(line), 0);
		}
		fclose(fp);
	}
	CHECK(lines > 500 && bad == 0, "one pass agrees on %d sample lines",
	    lines);
}

/* nb_utf8_bad() finds what u8_check() finds: every lead byte with every
 * second byte and a choice of third and fourth ones, after nine ASCII
 * bytes (the eight-at-once path) and with ASCII after or at the end. */
static int
utf8_bad_agrees(const char *s, size_t len)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, len);
	size_t want = bad == NULL ? len : (size_t)(bad - (const uint8_t *)s);

	return nb_utf8_bad(s, len) == want;
}

static void
test_utf8_bad(void)
{
	static const unsigned char more[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f,
	    0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff };
	char buf[32];
	int bad = 0, n = 0;

	memcpy(buf, "abcdefghi", 9);
	for (unsigned b0 = 0; b0 < 256; b0++)
		for (unsigned b1 = 0; b1 < 256; b1++)
			for (size_t k = 0; k < sizeof(more); k++)
				/* a fourth byte matters after F0-F7 only */
				for (size_t m = 0; m < (b0 >= 0xf0 ?
				    sizeof(more) : 1); m++) {
					buf[9] = (char)b0;
					buf[10] = (char)b1;
					buf[11] = (char)more[k];
					buf[12] = (char)more[m];
					memcpy(buf + 13, "xyz", 3);
					for (size_t len = 10; len <= 16; len++) {
						bad += !utf8_bad_agrees(buf, len);
						n++;
					}
				}
	CHECK(bad == 0, "nb_utf8_bad agrees with u8_check on %d inputs (%d "
	    "differ)", n, bad);
	CHECK(nb_utf8_bad("", 0) == 0, "nb_utf8_bad of nothing");
}

int
main(void)
{
	test_normalize();
	test_number();
	test_blank();
	test_doc();
	test_fastpath();
	test_one_pass();
	test_utf8_bad();
	return check_done();
}
