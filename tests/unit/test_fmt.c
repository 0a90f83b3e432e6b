/*
 * test_fmt: unit tests of engine/fmt.h on sources the CLI cannot give it:
 * statements the grammar of this version does not have (another branch's
 * `include` and `import csv`) must be kept byte for byte, as must every
 * other line fmt does not understand, while the lines around them are
 * formatted. Expected texts are written by hand.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "str.h"
#include "test.h"

static void
check_fmt(const char *in, const char *want)
{
    StrBuf b;
    strbuf_init(&b);
    fmt_source(in, (uint32_t)strlen(in), &b);
    CHECK_STR(b.data ? b.data : "", want);
    /* And formatting the result changes nothing. */
    StrBuf b2;
    strbuf_init(&b2);
    char *again = strdup(b.data ? b.data : "");
    fmt_source(again, (uint32_t)strlen(again), &b2);
    CHECK_STR(b2.data ? b2.data : "", want);
    free(again);
    strbuf_free(&b);
    strbuf_free(&b2);
}

static void
test_unknown_lines(void)
{
    check_fmt("include   \"shared.vsheet\"   # assumptions\n"
              "import csv \"a.csv\" at Data!A1   header  \n"
              "sheet  S\n"
              "a1=1\n",
              "include   \"shared.vsheet\"   # assumptions\n"
              "import csv \"a.csv\" at Data!A1   header\n"
              "sheet S\n"
              "A1 = 1\n");
    /* An identifier with no '=' after it is not an override. */
    check_fmt("frobnicate the   model\n", "frobnicate the   model\n");
}

static void
test_edges(void)
{
    check_fmt("", "");
    check_fmt("\n\n\n", "");
    check_fmt("# only a comment", "# only a comment\n");
    /* A byte-order mark is not content; a last line needs no newline. */
    check_fmt("\xEF\xBB\xBF" "A1=2", "A1 = 2\n");
    /* Row-list columns count code points, not bytes: "été" with its
     * quotes is 5 wide (7 bytes), "abcd" 6. */
    check_fmt("A1:B1 = \"\xC3\xA9t\xC3\xA9\", 1\nA2:B2 = \"abcd\", 2\n",
              "A1:B1 = \"\xC3\xA9t\xC3\xA9\",  1\nA2:B2 = \"abcd\", 2\n");
}

int
main(void)
{
    test_unknown_lines();
    test_edges();
    return test_report("test_fmt");
}
