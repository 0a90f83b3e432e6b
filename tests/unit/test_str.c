/*
 * test_str: unit tests of engine/str.h: the identifier intern table
 * (case-insensitive keys, equal names give equal pointers, first spelling
 * kept), non-interned strings, StrBuf and the engine's number printing,
 * and UTF-8 validation and length. Expected values are worked out by hand.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "str.h"
#include "test.h"

static void
test_intern(void)
{
    Arena a;
    StrTable t;
    arena_init(&a);
    str_table_init(&t, &a);

    const Str *rate = str_intern(&t, "Rate", 4);
    CHECK(rate != NULL);
    CHECK_STR(rate->s, "Rate");
    CHECK(rate->len == 4);
    CHECK(rate->s[rate->len] == '\0');
    /* Same name in any case: the same pointer, the first spelling. */
    CHECK(str_intern(&t, "RATE", 4) == rate);
    CHECK(str_intern(&t, "rate", 4) == rate);
    CHECK(str_intern(&t, "rAtE", 4) == rate);
    CHECK_STR(str_intern(&t, "RATE", 4)->s, "Rate");
    /* Only the first n bytes count. */
    CHECK(str_intern(&t, "rate_x", 4) == rate);
    /* Different names differ. */
    const Str *rates = str_intern(&t, "rates", 5);
    CHECK(rates != rate);
    CHECK(str_intern(&t, "rat", 3) != rate);
    CHECK(str_intern(&t, "Rate2", 5) != rate);
    CHECK(t.count == 4); /* Rate, rates, rat, Rate2 */

    /* Lookup never creates. */
    CHECK(str_lookup(&t, "RATES", 5) == rates);
    CHECK(str_lookup(&t, "growth", 6) == NULL);
    CHECK(t.count == 4);

    /* Equal keys hash equally whatever the case. */
    CHECK(str_hash_fold("Deal Terms", 10) == str_hash_fold("DEAL terms", 10));
    CHECK(rate->hash == str_hash_fold("RATE", 4));
    CHECK(str_eq_fold("Sheet1", 6, "SHEET1", 6));
    CHECK(!str_eq_fold("Sheet1", 6, "Sheet2", 6));
    CHECK(!str_eq_fold("Sheet", 5, "Sheet1", 6));
    CHECK(str_eq_fold("", 0, "", 0));

    /* The empty name and non-ASCII names are keys like any other;
     * folding is ASCII only, so "É" and "é" stay different. */
    const Str *empty = str_intern(&t, "", 0);
    CHECK(empty != NULL && empty->len == 0);
    CHECK(str_intern(&t, "", 0) == empty);
    const Str *e1 = str_intern(&t, "\xc3\x89t\xc3\xa9", 5); /* Été */
    CHECK(str_intern(&t, "\xc3\x89T\xc3\xa9", 5) == e1);      /* ÉTé */
    CHECK(str_intern(&t, "\xc3\xa9t\xc3\xa9", 5) != e1);      /* été */

    /* Growth: many names, each still found at its first pointer. */
    enum { N = 5000 };
    static const Str *seen[N];
    char buf[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "name_%d", i);
        seen[i] = str_intern(&t, buf, (size_t)n);
    }
    int same = 0;
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "NAME_%d", i);
        same += str_intern(&t, buf, (size_t)n) == seen[i];
    }
    CHECK(same == N);
    CHECK(str_intern(&t, "RATE", 4) == rate);
    CHECK(t.count == 4 + 3 + N); /* + "", Été, été */

    /* str_new copies and is never the interned pointer. */
    const Str *copy = str_new(&a, "Rate", 4);
    CHECK(copy != rate);
    CHECK_STR(copy->s, "Rate");
    CHECK(copy->len == 4);
    const Str *withnul = str_new(&a, "a\0b", 3);
    CHECK(withnul->len == 3 && withnul->s[1] == '\0' && withnul->s[2] == 'b');

    str_table_free(&t);
    arena_free(&a);
}

static void
test_strbuf(void)
{
    StrBuf b;
    strbuf_init(&b);
    CHECK(b.len == 0);
    strbuf_puts(&b, "");
    CHECK(b.len == 0 && b.data && b.data[0] == '\0');
    strbuf_puts(&b, "NPV(");
    strbuf_add(&b, "rate, xyz", 4);
    strbuf_putc(&b, ',');
    strbuf_printf(&b, "%s%d)", "B", 4);
    CHECK_STR(b.data, "NPV(rate,B4)");
    CHECK(b.len == 12);
    strbuf_clear(&b);
    CHECK(b.len == 0);
    CHECK_STR(b.data, "");
    strbuf_add(&b, "x", 0);
    CHECK_STR(b.data, "");

    /* Growth past many doublings keeps every byte. */
    for (int i = 0; i < 100000; i++)
        strbuf_putc(&b, (char)('a' + i % 26));
    CHECK(b.len == 100000);
    CHECK(b.data[100000] == '\0');
    CHECK(b.data[0] == 'a' && b.data[25] == 'z' && b.data[26] == 'a');
    CHECK(b.data[99999] == (char)('a' + 99999 % 26)); /* 99999 = 26*3846+3: 'd' */
    CHECK(b.data[99999] == 'd');
    strbuf_clear(&b);
    strbuf_printf(&b, "%0500d", 7);
    CHECK(b.len == 500 && b.data[0] == '0' && b.data[499] == '7');
    strbuf_free(&b);

    /* Numbers as the engine prints them: %.15g, -0 as 0. */
    static const struct {
        double x;
        const char *want;
    } nums[] = {
        {0, "0"},
        {-0.0, "0"},
        {1, "1"},
        {-2.5, "-2.5"},
        {0.1 + 0.2, "0.3"},             /* 0.30000000000000004 to 15 digits */
        {1.0 / 3, "0.333333333333333"},
        {2.0 / 3, "0.666666666666667"},
        {224, "224"},
        {200 * 1.12, "224"},            /* 224.00000000000003 */
        {123456789012345.0, "123456789012345"},
        {1234567890123456.0, "1.23456789012346E+15"},
        {1e20, "1E+20"},
        {1e-7, "1E-07"},
        {0.0001, "0.0001"},
        {1048576, "1048576"},
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        StrBuf n;
        strbuf_init(&n);
        strbuf_number(&n, nums[i].x);
        CHECK_STR(n.data, nums[i].want);
        strbuf_free(&n);
    }
}

static void
test_utf8(void)
{
    size_t bad = 12345;
    CHECK(str_utf8_valid("", 0, &bad));
    CHECK(bad == 12345); /* untouched on success */
    CHECK(str_utf8_valid("A1 = 1\n", 7, &bad));
    CHECK(str_utf8_valid("Z\xc3\xbcrich", 7, &bad));           /* Zürich */
    CHECK(str_utf8_valid("\xe2\x82\xac", 3, &bad));            /* € */
    CHECK(str_utf8_valid("\xf0\x9f\x93\x88", 4, &bad));        /* 📈 U+1F4C8 */
    CHECK(str_utf8_valid("\xef\xbb\xbf", 3, &bad));            /* BOM U+FEFF */
    CHECK(str_utf8_valid("\xf4\x8f\xbf\xbf", 4, &bad));        /* U+10FFFF */
    CHECK(str_utf8_valid("\xed\x9f\xbf", 3, &bad));            /* U+D7FF */
    CHECK(str_utf8_valid("\xc2\x80", 2, &bad));                /* U+0080 */
    CHECK(str_utf8_valid("a\0b", 3, &bad));                    /* NUL is valid UTF-8 */
    CHECK(str_utf8_valid("", 0, NULL));

    /* Each bad case with the offset of the first bad sequence. */
    static const struct {
        const char *s;
        size_t n;
        size_t off;
    } bads[] = {
        {"\x80", 1, 0},                         /* lone continuation */
        {"ab\xbf", 3, 2},
        {"caf\xc3", 4, 3},                      /* truncated at the end */
        {"caf\xc3" "e", 5, 3},                  /* lead without continuation */
        {"\xe2\x82", 2, 0},                     /* truncated 3-byte */
        {"x\xc0\xaf", 3, 1},                    /* overlong '/' */
        {"\xc1\xbf", 2, 0},                     /* overlong U+007F */
        {"\xe0\x80\xaf", 3, 0},                 /* overlong 3-byte */
        {"\xf0\x82\x82\xac", 4, 0},             /* overlong 4-byte */
        {"ok \xed\xa0\x80", 6, 3},              /* surrogate U+D800 */
        {"\xed\xbf\xbf", 3, 0},                 /* surrogate U+DFFF */
        {"\xf4\x90\x80\x80", 4, 0},             /* U+110000 */
        {"\xff", 1, 0},
        {"\xfe\xff", 2, 0},
        {"\xf8\x88\x80\x80\x80", 5, 0},         /* 5-byte form */
        {"\xc3\xa9\xc3\xa9\xff\xc3\xa9", 7, 4}, /* after two good ones */
    };
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        bad = 999;
        CHECK(!str_utf8_valid(bads[i].s, bads[i].n, &bad));
        CHECK(bad == bads[i].off);
        if (bad != bads[i].off)
            printf("  case %zu: bad_off %zu, want %zu\n", i, bad, bads[i].off);
    }
    CHECK(!str_utf8_valid("\xff", 1, NULL));

    /* Lengths in code points. */
    CHECK(str_utf8_len("", 0) == 0);
    CHECK(str_utf8_len("abc", 3) == 3);
    CHECK(str_utf8_len("Z\xc3\xbcrich", 7) == 6);
    CHECK(str_utf8_len("\xe2\x82\xac" "100", 6) == 4);
    CHECK(str_utf8_len("\xf0\x9f\x93\x88", 4) == 1);
    CHECK(str_utf8_len("Z\xc3\xbcrich", 3) == 2); /* "Zü" */
}

int
main(void)
{
    test_intern();
    test_strbuf();
    test_utf8();
    return test_report("test_str");
}
