/*
 * verify: vs_book_verify_xlsx, the check behind `valsheet verify`. Since
 * builds are byte-identical for identical input (xlsx.h), a workbook came
 * from a model exactly when rebuilding the model gives the same bytes.
 * The rebuild goes to a private temporary directory that is always
 * removed; the workbook under test is only read.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp */

#include "valsheet.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "vsbook.h"

/* The whole file at path, malloc'd into *out (caller frees); false with
 * errno set when it cannot be read. */
static bool
verify_read(const char *path, unsigned char **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        arena_fatal("verify");
    size_t got;
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            unsigned char *nb = realloc(buf, cap);
            if (!nb)
                arena_fatal("verify");
            buf = nb;
        }
    }
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        free(buf);
        errno = err;
        return false;
    }
    *out = buf;
    *n = len;
    return true;
}

vs_status
vs_book_verify_xlsx(vs_book *vb, const char *path, int64_t created)
{
    unsigned char *want = NULL;
    size_t n_want = 0;
    if (!verify_read(path, &want, &n_want)) {
        diag_error(&vb->diags, span_none(), "cannot read '%s': %s", path, strerror(errno));
        return VS_ERR_IO;
    }
    const char *tmpdir = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/valsheet-verify.XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir)) {
        diag_error(&vb->diags, span_none(), "cannot create a temporary directory in '%s': %s",
                   tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
        free(want);
        return VS_ERR_IO;
    }
    char rebuilt[4200];
    snprintf(rebuilt, sizeof rebuilt, "%s/rebuilt.xlsx", dir);
    vs_status s = vs_book_write_xlsx(vb, rebuilt, created);
    unsigned char *got = NULL;
    size_t n_got = 0;
    if (s == VS_OK && !verify_read(rebuilt, &got, &n_got)) {
        diag_error(&vb->diags, span_none(), "cannot read the rebuilt workbook: %s",
                   strerror(errno));
        s = VS_ERR_IO;
    }
    unlink(rebuilt);
    rmdir(dir);
    if (s == VS_OK) {
        size_t i = 0;
        while (i < n_want && i < n_got && want[i] == got[i])
            i++;
        if (i < n_want || i < n_got) {
            diag_error(&vb->diags, span_none(),
                       "'%s' does not match a rebuild of '%s' (first difference at "
                       "byte %zu of %zu): it was built from another text, other --set "
                       "values, another SOURCE_DATE_EPOCH or another valsheet version "
                       "than %s",
                       path, vb->diags.n_files ? vb->diags.files[0].name : "the model",
                       i, n_want, VS_VERSION);
            s = VS_ERR_DIFFERS;
        }
    }
    free(want);
    free(got);
    return s;
}
