/*
 * test_locale: an embedder that calls setlocale() with a decimal-comma
 * locale must still get the same numbers parsed and printed: the public
 * API runs under a C LC_NUMERIC. Run by tests/cli.sh with VS_TEST_LOCALE
 * naming such a locale (compiled with localedef when the system lacks one);
 * exits 77 when it cannot be set, which cli.sh reports as a failure.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "valsheet.h"

int
main(void)
{
    const char *loc = getenv("VS_TEST_LOCALE");
    if (!loc || !setlocale(LC_ALL, loc)) {
        printf("test_locale: cannot set locale '%s'\n", loc ? loc : "(unset)");
        return 77;
    }
    CHECK_STR(localeconv()->decimal_point, ",");

    /* 0.6 * 2 = 1.2; "1.5" + 1 = 2.5 (numeric text); 1.5E-07 as Excel
     * writes it. Under the locale, strtod would read "0.6" as 0. */
    static const char model[] = "sheet S\nA1 = 0.6\nB1 = A1 * 2\nC1 = \"1.5\" + 1\n"
                                "D1 = 0.00000015\n";
    vs_book *b = NULL;
    FILE *diag = tmpfile();
    CHECK(vs_book_open_string("locale.vsheet", model, sizeof model - 1, diag, &b) == VS_OK);
    CHECK(vs_book_set(b, "A1=0.75") == VS_OK);
    CHECK(vs_book_recalc(b) == VS_OK);
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    const char *refs[] = {"S!A1", "S!B1", "S!C1", "S!D1"};
    CHECK(vs_book_print(b, m, refs, 4, VS_FORMAT_TEXT) == VS_OK);
    fclose(m);
    CHECK_STR(out, "S!A1 = 0.75\nS!B1 = 1.5\nS!C1 = 2.5\nS!D1 = 1.5E-07\n");
    free(out);
    vs_book_close(b);
    fclose(diag);
    /* The embedder's own locale is left as it was. */
    CHECK_STR(localeconv()->decimal_point, ",");
    return test_report("test_locale");
}
