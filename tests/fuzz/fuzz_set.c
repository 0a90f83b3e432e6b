/*
 * fuzz_set: libFuzzer target for the --set value parser: the input is the
 * text after NAME_OR_REF= (NUL bytes cut it short, as on a command line),
 * applied to a small model that is then recalculated.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "valsheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_model[] =
    "sheet S\nA1 = 1\nB1 = A1 * 2\nC1 = SUM(A1:B1)\nname rate = $A$1\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first byte picks the target: a name, a reference or garbage. */
    static const char *const targets[] = {"rate=", "S!A1=", "A1=", "D9=", "B1=", "=", "x="};
    const char *t = targets[size ? data[0] % 7 : 0];
    size_t tn = strlen(t);
    char *arg = malloc(tn + size + 1);
    if (!arg)
        return 0;
    memcpy(arg, t, tn);
    if (size > 1)
        memcpy(arg + tn, data + 1, size - 1);
    arg[tn + (size ? size - 1 : 0)] = '\0';
    FILE *devnull = fopen("/dev/null", "w");
    vs_book *b = NULL;
    if (vs_book_open_string("fuzz.vsheet", fuzz_model, sizeof fuzz_model - 1, devnull, &b) ==
        VS_OK) {
        vs_book_set(b, arg);
        vs_book_recalc(b);
        vs_book_print(b, devnull, NULL, 0, VS_FORMAT_CSV);
    }
    vs_book_close(b);
    fclose(devnull);
    free(arg);
    return 0;
}
