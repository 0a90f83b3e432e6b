/*
 * fuzz_export: libFuzzer target for the exporter: any model that loads and
 * evaluates is written as an .xlsx to a temporary file, which is removed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "valsheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *devnull = fopen("/dev/null", "w");
    vs_book *b = NULL;
    if (vs_book_open_string("fuzz.vsheet", (const char *)data, size, devnull, &b) == VS_OK &&
        vs_book_recalc(b) == VS_OK) {
        char path[] = "/tmp/valsheet-fuzz-XXXXXX";
        int fd = mkstemp(path);
        if (fd >= 0) {
            close(fd);
            vs_book_write_xlsx(b, path, 0);
            unlink(path);
        }
    }
    vs_book_close(b);
    fclose(devnull);
    return 0;
}
