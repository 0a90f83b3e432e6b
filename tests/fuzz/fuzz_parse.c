/*
 * fuzz_parse: libFuzzer target for the lexer, parser and binder. Any input
 * must give diagnostics or a book, never a crash, hang or leak.
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
    vs_book_open_string("fuzz.vsheet", (const char *)data, size, devnull, &b);
    vs_book_close(b);
    fclose(devnull);
    return 0;
}
