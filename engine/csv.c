/*
 * csv: RFC 4180 fields out of a file already loaded into Diags. The
 * reader is one pass over the bytes with a scratch buffer for the
 * unescaped field, so quoted newlines and "" cost nothing extra.
 */
#include "csv.h"

#include <string.h>

#include "str.h"

bool
csv_parse(Diags *d, uint32_t file, CsvFieldFn fn, void *arg)
{
    const SourceFile *sf = &d->files[file];
    const char *s = sf->text;
    uint32_t n = sf->len;
    size_t bad;
    if (!str_utf8_valid(s, n, &bad)) {
        Span at = {file, (uint32_t)bad, 1};
        diag_error(d, at, "invalid UTF-8 in CSV (byte 0x%02x)", (unsigned char)s[bad]);
        return false;
    }
    uint32_t p = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        p = 3;
    StrBuf field;
    strbuf_init(&field);
    bool ok = true;
    uint32_t row0 = 0, col0 = 0;
    while (p < n) {
        uint32_t start = p;
        strbuf_clear(&field);
        if (s[p] == '"') {
            p++;
            for (;;) {
                if (p >= n) {
                    Span at = {file, start, 1};
                    diag_error(d, at, "unterminated quoted field (the closing '\"' is "
                               "missing)");
                    ok = false;
                    goto done;
                }
                if (s[p] == '"') {
                    if (p + 1 < n && s[p + 1] == '"') {
                        strbuf_putc(&field, '"');
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (s[p] == '\r' && p + 1 < n && s[p + 1] == '\n')
                    p++; /* a line break in a cell is LF, as Alt+Enter types */
                strbuf_putc(&field, s[p++]);
            }
            if (p < n && s[p] != ',' && s[p] != '\n' && s[p] != '\r') {
                Span at = {file, p, 1};
                diag_error(d, at, "unexpected '%c' after a closing quote (a field is "
                           "either all quoted or not quoted)", s[p]);
                ok = false;
                goto done;
            }
        } else {
            while (p < n && s[p] != ',' && s[p] != '\n' && s[p] != '\r') {
                if (s[p] == '"') {
                    Span at = {file, p, 1};
                    diag_error(d, at, "quote inside an unquoted field (quote the whole "
                               "field and double the inner quote: \"\"\"\")");
                    ok = false;
                    goto done;
                }
                strbuf_putc(&field, s[p++]);
            }
        }
        CsvField f = {row0, col0, {file, start, p - start}, field.data ? field.data : "",
                      field.len};
        fn(arg, &f);
        if (p < n && s[p] == ',') {
            p++;
            col0++;
            if (p == n) { /* "a," at the very end: one more, empty field */
                CsvField e = {row0, col0, {file, p, 0}, "", 0};
                fn(arg, &e);
            }
            continue;
        }
        if (p < n && s[p] == '\r')
            p++;
        if (p < n && s[p] == '\n')
            p++;
        row0++;
        col0 = 0;
    }
done:
    strbuf_free(&field);
    return ok;
}
