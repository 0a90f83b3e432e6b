#define _GNU_SOURCE /* memmem */
#include "xlsx_digits.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* zlib is already a dependency of libxlsxwriter (its pkg-config libs
 * name -lz), so this pass adds no package. Rewritten sheets are deflated
 * at zlib's fastest level: the pass must cost little next to the export
 * itself, and the workbook grows by only a few percent. */

enum { ZIP_LOCAL = 0x04034b50, ZIP_CENTRAL = 0x02014b50, ZIP_END = 0x06054b50 };

typedef struct ZipOut {
    FILE *f;
    uint32_t off;           /* bytes written so far */
    unsigned char *cd;      /* central directory being built */
    size_t cd_len, cd_cap;
    uint16_t n;
    bool ok;
} ZipOut;

static uint16_t
rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void
wr16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void
wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void
zo_write(ZipOut *z, const void *p, size_t n)
{
    if (z->ok && fwrite(p, 1, n, z->f) != n)
        z->ok = false;
    z->off += (uint32_t)n;
}

static void
zo_cd(ZipOut *z, const void *p, size_t n)
{
    if (z->cd_len + n > z->cd_cap) {
        z->cd_cap = (z->cd_len + n) * 2;
        unsigned char *v = realloc(z->cd, z->cd_cap);
        if (!v)
            arena_fatal("xlsx digits");
        z->cd = v;
    }
    memcpy(z->cd + z->cd_len, p, n);
    z->cd_len += n;
}

/* Writes one entry: local header, data; records its central entry. The
 * central entry of the source (cen) gives times and attributes. */
static void
zo_entry(ZipOut *z, const unsigned char *cen, const char *name, uint16_t nlen,
         uint16_t method, uint32_t crc, uint32_t csize, uint32_t usize,
         const unsigned char *data)
{
    unsigned char h[30];
    wr32(h, ZIP_LOCAL);
    wr16(h + 4, rd16(cen + 6));         /* version needed */
    wr16(h + 6, 0);                     /* flags: sizes are in this header */
    wr16(h + 8, method);
    wr16(h + 10, rd16(cen + 12));       /* time */
    wr16(h + 12, rd16(cen + 14));       /* date */
    wr32(h + 14, crc);
    wr32(h + 18, csize);
    wr32(h + 22, usize);
    wr16(h + 26, nlen);
    wr16(h + 28, 0);
    uint32_t off = z->off;
    zo_write(z, h, 30);
    zo_write(z, name, nlen);
    if (data)
        zo_write(z, data, csize);
    unsigned char c[46];
    memcpy(c, cen, 46);
    wr16(c + 8, 0);
    wr16(c + 10, method);
    wr32(c + 16, crc);
    wr32(c + 20, csize);
    wr32(c + 24, usize);
    wr16(c + 30, 0);                    /* no extra field */
    wr16(c + 32, 0);                    /* no comment */
    wr32(c + 42, off);
    zo_cd(z, c, 46);
    zo_cd(z, name, nlen);
    z->n++;
}

/* The sheet number of "xl/worksheets/sheetN.xml", or 0. */
static uint32_t
zip_sheet_no(const char *name, uint16_t n)
{
    static const char pre[] = "xl/worksheets/sheet";
    size_t pl = sizeof pre - 1;
    if (n <= pl + 4 || memcmp(name, pre, pl) != 0 || memcmp(name + n - 4, ".xml", 4) != 0)
        return 0;
    uint32_t v = 0;
    for (size_t i = pl; i < (size_t)n - 4; i++) {
        if (name[i] < '0' || name[i] > '9' || v > 100000)
            return 0;
        v = v * 10 + (uint32_t)(name[i] - '0');
    }
    return v;
}

/* Streams text into a raw deflate stream, appending to out. */
typedef struct Deflater {
    z_stream zs;
    unsigned char *out;
    size_t len, cap;
    uint32_t crc;
    uint32_t usize;
} Deflater;

static void
df_feed(Deflater *d, const char *p, size_t n, int flush)
{
    d->crc = (uint32_t)crc32(d->crc, (const Bytef *)p, (uInt)n);
    d->usize += (uint32_t)n;
    d->zs.next_in = (Bytef *)(uintptr_t)p;
    d->zs.avail_in = (uInt)n;
    do {
        if (d->cap - d->len < 65536) {
            d->cap = d->cap * 2 + 65536;
            unsigned char *v = realloc(d->out, d->cap);
            if (!v)
                arena_fatal("xlsx digits");
            d->out = v;
        }
        d->zs.next_out = d->out + d->len;
        d->zs.avail_out = (uInt)(d->cap - d->len);
        deflate(&d->zs, flush);
        d->len = d->cap - d->zs.avail_out;
    } while (d->zs.avail_in > 0 || (flush == Z_FINISH && d->zs.avail_out == 0));
}

/* 17 significant digits always read back as x; the writer's 16 did not,
 * and fewer never do when 16 do not. */
static int
digits_text(double x, char *buf, size_t n)
{
    return snprintf(buf, n, "%.17G", x);
}

/* Parses a cell reference "AB12" into zero-based row and column. */
static bool
digits_ref(const char *p, const char *end, uint32_t *row0, uint32_t *col0)
{
    uint32_t c = 0, r = 0;
    while (p < end && *p >= 'A' && *p <= 'Z') {
        c = c * 26 + (uint32_t)(*p - 'A' + 1);
        p++;
    }
    while (p < end && *p >= '0' && *p <= '9') {
        r = r * 10 + (uint32_t)(*p - '0');
        p++;
    }
    if (p != end || c == 0 || r == 0)
        return false;
    *row0 = r - 1;
    *col0 = c - 1;
    return true;
}

/* Rewrites the numeric <v> values of a piece of one sheet's XML into d.
 * The sheet is inflated piece by piece (a million-cell sheet is over
 * 100 MB of XML), so a piece may end inside a cell: everything before
 * that cell is written and its length returned; the caller keeps the rest
 * and appends the next piece. With last set the whole piece is written. */
static size_t
digits_sheet(const Book *b, uint32_t sheet, const char *x, size_t n, bool last, Deflater *d)
{
    const char *p = x, *end = x + n, *flushed = x;
    /* Where the unwritten tail starts: an incomplete cell, or the last
     * bytes that could begin one ("<c r=\"" split across pieces). */
    const char *keep = n > 5 ? end - 5 : x;
    while (p < end) {
        const char *c = memmem(p, (size_t)(end - p), "<c r=\"", 6);
        if (!c)
            break;
        keep = c;
        const char *r0 = c + 6, *r1 = memchr(r0, '"', (size_t)(end - r0));
        const char *gt = r1 ? memchr(r1, '>', (size_t)(end - r1)) : NULL;
        if (!gt)
            break;
        p = gt + 1;
        if (gt[-1] == '/')
            continue; /* <c .../>: no value */
        /* A typed cell (t="s", "str", "b", "e", "inlineStr") holds no number. */
        if (memmem(r1, (size_t)(gt - r1), " t=\"", 4) &&
            !memmem(r1, (size_t)(gt - r1), " t=\"n\"", 6))
            continue;
        const char *ce = memmem(p, (size_t)(end - p), "</c>", 4);
        if (!ce)
            break;
        keep = n > 5 ? end - 5 : x;
        const char *v = memmem(p, (size_t)(ce - p), "<v>", 3);
        const char *ve = v ? memmem(v, (size_t)(ce - v), "</v>", 4) : NULL;
        uint32_t row0, col0;
        if (!ve || !digits_ref(r0, r1, &row0, &col0)) {
            p = ce + 4;
            continue;
        }
        Value val = book_cell_value(b, sheet, row0, col0);
        char cur[40], want[40];
        size_t vl = (size_t)(ve - (v + 3));
        if (val.kind == VK_NUMBER && vl < sizeof cur) {
            memcpy(cur, v + 3, vl);
            cur[vl] = '\0';
            if (strtod(cur, NULL) != val.u.num && isfinite(val.u.num)) {
                int wl = digits_text(val.u.num, want, sizeof want);
                df_feed(d, flushed, (size_t)(v + 3 - flushed), Z_NO_FLUSH);
                df_feed(d, want, (size_t)wl, Z_NO_FLUSH);
                flushed = ve;
            }
        }
        p = ce + 4;
    }
    if (last) {
        df_feed(d, flushed, (size_t)(end - flushed), Z_FINISH);
        return n;
    }
    if (keep < flushed)
        keep = flushed;
    df_feed(d, flushed, (size_t)(keep - flushed), Z_NO_FLUSH);
    return (size_t)(keep - x);
}

/* Inflates one sheet's deflated XML piece by piece through digits_sheet
 * into d (which the caller set up). False when the data is not a valid
 * raw deflate stream of usize bytes. */
static bool
digits_stream(const Book *b, uint32_t sheet, const unsigned char *data, uint32_t csize,
              uint32_t usize, Deflater *d)
{
    z_stream is;
    memset(&is, 0, sizeof is);
    if (inflateInit2(&is, -MAX_WBITS) != Z_OK)
        return false;
    is.next_in = (Bytef *)(uintptr_t)data;
    is.avail_in = csize;
    size_t cap = 4u << 20, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        arena_fatal("xlsx digits");
    int zr = Z_OK;
    bool ok = true;
    while (ok) {
        if (cap - len < 65536) {
            /* One cell larger than the buffer (a long inline string). */
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                arena_fatal("xlsx digits");
            buf = nb;
        }
        is.next_out = (Bytef *)buf + len;
        is.avail_out = (uInt)(cap - len);
        zr = inflate(&is, Z_NO_FLUSH);
        len = cap - is.avail_out;
        if (zr != Z_OK && zr != Z_STREAM_END) {
            ok = false;
            break;
        }
        bool last = zr == Z_STREAM_END;
        if (last && is.total_out != usize) {
            ok = false;
            break;
        }
        size_t used = digits_sheet(b, sheet, buf, len, last, d);
        if (last)
            break;
        if (zr == Z_OK && is.avail_in == 0 && is.avail_out != 0) {
            ok = false; /* truncated stream */
            break;
        }
        memmove(buf, buf + used, len - used);
        len -= used;
    }
    inflateEnd(&is);
    free(buf);
    return ok;
}

static unsigned char *
digits_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        arena_fatal("xlsx digits");
    for (;;) {
        if (n == cap) {
            cap *= 2;
            unsigned char *v = realloc(buf, cap);
            if (!v)
                arena_fatal("xlsx digits");
            buf = v;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

bool
xlsx_digits_fix(Book *b, const char *src, const char *target, AtomicFile *out)
{
    size_t len = 0;
    unsigned char *zip = digits_read(src, &len);
    if (!zip) {
        diag_error(b->diags, span_none(), "cannot read back '%s': %s", src, strerror(errno));
        return false;
    }
    /* The end record: the last 22 bytes when there is no zip comment. */
    const unsigned char *eocd = NULL;
    for (size_t i = len >= 22 ? len - 22 : 0; i + 22 <= len && i + 65557 >= len; i--) {
        if (rd32(zip + i) == ZIP_END) {
            eocd = zip + i;
            break;
        }
        if (i == 0)
            break;
    }
    bool ok = eocd != NULL;
    uint16_t n_entries = ok ? rd16(eocd + 10) : 0;
    uint32_t cd_off = ok ? rd32(eocd + 16) : 0;
    int out_fd = -1;
    if (atomic_open(out, target, 0666))
        out_fd = dup(out->fd);
    ZipOut z = {out_fd >= 0 ? fdopen(out_fd, "wb") : NULL, 0, NULL, 0, 0, 0, true};
    if (!z.f) {
        if (out_fd >= 0)
            close(out_fd);
        ok = false;
    }
    const unsigned char *cen = zip + cd_off;
    for (uint16_t e = 0; ok && e < n_entries; e++) {
        if ((size_t)(cen - zip) + 46 > len || rd32(cen) != ZIP_CENTRAL) {
            ok = false;
            break;
        }
        uint16_t method = rd16(cen + 10), nlen = rd16(cen + 28);
        uint32_t crc = rd32(cen + 16), csize = rd32(cen + 20), usize = rd32(cen + 24);
        uint32_t loc = rd32(cen + 42);
        const char *name = (const char *)cen + 46;
        if ((size_t)loc + 30 > len || rd32(zip + loc) != ZIP_LOCAL) {
            ok = false;
            break;
        }
        const unsigned char *data = zip + loc + 30 + rd16(zip + loc + 26) + rd16(zip + loc + 28);
        if ((size_t)(data - zip) + csize > len) {
            ok = false;
            break;
        }
        uint32_t sheet = zip_sheet_no(name, nlen);
        if (sheet == 0 || sheet > b->n_sheets || method != Z_DEFLATED) {
            zo_entry(&z, cen, name, nlen, method, crc, csize, usize, data);
        } else {
            Deflater d;
            memset(&d, 0, sizeof d);
            d.crc = (uint32_t)crc32(0, Z_NULL, 0);
            if (deflateInit2(&d.zs, Z_BEST_SPEED, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
                arena_fatal("xlsx digits");
            bool inflated = digits_stream(b, sheet - 1, data, csize, usize, &d);
            deflateEnd(&d.zs);
            if (!inflated) {
                free(d.out);
                ok = false;
                break;
            }
            zo_entry(&z, cen, name, nlen, Z_DEFLATED, d.crc, (uint32_t)d.len, d.usize,
                     d.out);
            free(d.out);
        }
        cen += 46 + nlen + rd16(cen + 30) + rd16(cen + 32);
    }
    if (ok) {
        uint32_t cd_start = z.off;
        zo_write(&z, z.cd, z.cd_len);
        unsigned char end[22];
        memset(end, 0, sizeof end);
        wr32(end, ZIP_END);
        wr16(end + 8, z.n);
        wr16(end + 10, z.n);
        wr32(end + 12, (uint32_t)z.cd_len);
        wr32(end + 16, cd_start);
        zo_write(&z, end, 22);
        ok = z.ok;
    }
    if (z.f && fclose(z.f) != 0)
        ok = false;
    if (!ok) {
        diag_error(b->diags, span_none(), "cannot write '%s': rewriting its numbers failed",
                   target);
        atomic_abort(out);
    }
    free(z.cd);
    free(zip);
    return ok;
}
