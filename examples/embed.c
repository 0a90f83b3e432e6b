/*
 * embed.c: valsheet as a library, through valsheet.h alone. Opens a model
 * from a string, sets an input, recalculates, reads a cell and a name,
 * exports a workbook, and walks the diagnostics of a broken model.
 *
 * Build against an installed valsheet:
 *     cc embed.c $(pkg-config --cflags --libs valsheet) -o embed
 *     ./embed deal.xlsx
 */
#include <stdio.h>
#include <string.h>

#include <valsheet.h>

static const char model[] =
    "sheet Deal\n"
    "A1:B1 = \"Price\",   100\n"
    "A2:B2 = \"Units\",   20\n"
    "A3:B3 = \"Revenue\", B1 * B2\n"
    "A4:B4 = \"Margin\",  25%\n"
    "A5:B5 = \"Profit\",  B3 * B4\n"
    "name units  = $B$2\n"
    "name profit = $B$5\n";

static const char broken[] =
    "sheet S\n"
    "A1 = SUMM(1, 2)\n"
    "A2 = AVERAGEE(A1)\n";

int
main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "embed.xlsx";
    printf("library %s, header %s\n", vs_version(), VS_VERSION);

    vs_book *b = NULL;
    if (vs_book_open_string("deal.vsheet", model, strlen(model), stderr, &b) != VS_OK ||
        vs_book_recalc(b) != VS_OK) {
        vs_book_close(b);
        return 1;
    }
    double revenue = 0;
    double profit = 0;
    vs_book_get(b, "Deal!B3", &revenue, NULL, 0);
    vs_book_get(b, "profit", &profit, NULL, 0);
    printf("revenue %g, profit %g\n", revenue, profit);

    /* Only the dependents of units are evaluated again: B3 and B5. */
    if (vs_book_set(b, "units=24") != VS_OK || vs_book_recalc(b) != VS_OK) {
        vs_book_close(b);
        return 1;
    }
    char text[64];
    vs_book_get(b, "Deal!B3", &revenue, NULL, 0);
    vs_book_get(b, "profit", &profit, text, sizeof text);
    printf("units=24: revenue %g, profit %s, %u cells recalculated\n", revenue, text,
           (unsigned)vs_book_last_recalc_count(b));

    vs_status s = vs_book_write_xlsx(b, out, 0);
    printf("export %s: %s\n", out, vs_strerror(s));
    vs_book_close(b);

    /* Diagnostics without printing them: diag NULL, then the iterator. */
    vs_open_options quiet = {NULL, VS_COLOR_NEVER};
    s = vs_book_open_string_opt("broken.vsheet", broken, strlen(broken), &quiet, &b);
    printf("broken: %s, %u errors\n", vs_strerror(s), vs_book_error_count(b));
    vs_diagnostic d;
    for (size_t i = 0; vs_book_diag(b, i, &d); i++)
        printf("  %s:%u:%u: %s: %s\n", d.file ? d.file : "-", d.line, d.column,
               d.severity == 'e' ? "error" : d.severity == 'w' ? "warning" : "note",
               d.message);
    vs_book_close(b);
    return 0;
}
