/*
 * test_target: the function-availability table behind `valsheet check
 * --target` (stdlib/fn_target.c). The expectations are the list:
 * XLOOKUP/XMATCH missing in Excel 2010 and LibreOffice 7.4; CONCAT,
 * TEXTJOIN, IFS, SWITCH, MINIFS, MAXIFS missing in Excel 2010 only;
 * everything present in Excel 365; unlisted functions present everywhere.
 */
#include <stdio.h>

#include "fn_target.h"
#include "test.h"

static void
test_parse(void)
{
    CHECK(fn_target_parse("excel2010") == FN_TARGET_EXCEL2010);
    CHECK(fn_target_parse("excel365") == FN_TARGET_EXCEL365);
    CHECK(fn_target_parse("libreoffice") == FN_TARGET_LIBREOFFICE);
    CHECK(fn_target_parse("Excel2010") == -1);
    CHECK(fn_target_parse("") == -1);
    CHECK_STR(fn_target_label(FN_TARGET_LIBREOFFICE), "LibreOffice 7.4");
}

static void
test_lacks(void)
{
    static const char *const x[] = {"XLOOKUP", "XMATCH"};
    static const char *const newer[] = {"CONCAT", "TEXTJOIN", "IFS", "SWITCH", "MINIFS",
                                        "MAXIFS"};
    for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
        CHECK(fn_target_lacks(FN_TARGET_EXCEL2010, x[i]));
        CHECK(fn_target_lacks(FN_TARGET_LIBREOFFICE, x[i]));
        CHECK(!fn_target_lacks(FN_TARGET_EXCEL365, x[i]));
    }
    for (size_t i = 0; i < sizeof newer / sizeof newer[0]; i++) {
        CHECK(fn_target_lacks(FN_TARGET_EXCEL2010, newer[i]));
        CHECK(!fn_target_lacks(FN_TARGET_LIBREOFFICE, newer[i]));
        CHECK(!fn_target_lacks(FN_TARGET_EXCEL365, newer[i]));
    }
    static const char *const everywhere[] = {"VLOOKUP", "INDEX", "SUM", "RNPV", "ABS",
                                             "ZZZ"};
    for (size_t i = 0; i < sizeof everywhere / sizeof everywhere[0]; i++)
        for (int t = 0; t < FN_TARGET_COUNT; t++)
            CHECK(!fn_target_lacks((FnTarget)t, everywhere[i]));
}

int
main(void)
{
    test_parse();
    test_lacks();
    return test_report("test_target");
}
