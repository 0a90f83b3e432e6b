/*
 * fuzz_eval: libFuzzer target for the whole pipeline short of the file
 * write: parse, bind, graph, evaluation and printing.
 */
#include <stdint.h>
#include <stdio.h>

#include "valsheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *devnull = fopen("/dev/null", "w");
    vs_book *b = NULL;
    if (vs_book_open_string("fuzz.vsheet", (const char *)data, size, devnull, &b) == VS_OK) {
        vs_book_recalc(b);
        vs_book_print(b, devnull, NULL, 0, VS_FORMAT_JSON);
    }
    vs_book_close(b);
    fclose(devnull);
    return 0;
}
