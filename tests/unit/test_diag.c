/*
 * test_diag: unit tests of engine/diag.h: spans, line and column numbers
 * (1-based, columns in code points), the gcc-style message with its source
 * excerpt and caret (printed into a tmpfile and compared byte for byte),
 * notes and warnings, "file:line" citations and the error cap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "test.h"

/* Adds a copy of text to d (which takes ownership of the copy). */
static uint32_t
add_file(Diags *d, const char *name, const char *text)
{
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (!copy)
        abort();
    memcpy(copy, text, n + 1);
    return diag_add_file(d, name, copy, (uint32_t)n);
}

/* What was written to f since the last call, as a string (static buffer).
 * f is an update stream: seek before switching between writing and reading. */
static const char *
slurp(FILE *f)
{
    static char buf[8192];
    static long pos;
    fflush(f);
    fseek(f, pos, SEEK_SET);
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    pos += (long)got;
    fseek(f, 0, SEEK_END);
    return buf;
}

static Span
span_of(uint32_t file, const char *text, const char *needle, uint32_t len)
{
    const char *p = strstr(text, needle);
    Span s = {file, p ? (uint32_t)(p - text) : 0, len};
    return s;
}

static void
test_line_col(void)
{
    Diags d;
    diag_init(&d, NULL);
    /* Line 2 holds a two-byte 'ü' before the 'X'; line 3 a 4-byte emoji,
     * line 4 a tab, line 5 has no newline at the end. */
    const char *text = "A1 = 1\nB1 = \"Z\xc3\xbcrich\" & X\n\xf0\x9f\x93\x88 Y\n\tZ\nlast";
    uint32_t f = add_file(&d, "m.vsheet", text);
    uint32_t line, col;

    diag_line_col(&d, f, 0, &line, &col);
    CHECK(line == 1 && col == 1);
    diag_line_col(&d, f, 5, &line, &col);           /* the '1' of "= 1" */
    CHECK(line == 1 && col == 6);
    diag_line_col(&d, f, 6, &line, &col);           /* the newline itself */
    CHECK(line == 1 && col == 7);
    diag_line_col(&d, f, 7, &line, &col);           /* 'B' */
    CHECK(line == 2 && col == 1);
    /* "B1 = "Zürich" & X": X is the 17th code point but the 18th byte. */
    Span x = span_of(f, text, "X", 1);
    CHECK(x.off == 7 + 17);
    diag_line_col(&d, f, x.off, &line, &col);
    CHECK(line == 2 && col == 17);
    Span y = span_of(f, text, "Y", 1);
    diag_line_col(&d, f, y.off, &line, &col);
    CHECK(line == 3 && col == 3);                   /* emoji is one column */
    Span z = span_of(f, text, "Z\nlast", 1);
    diag_line_col(&d, f, z.off, &line, &col);
    CHECK(line == 4 && col == 2);                   /* a tab is one column */
    uint32_t len = (uint32_t)strlen(text);
    diag_line_col(&d, f, len, &line, &col);         /* end of file */
    CHECK(line == 5 && col == 5);
    diag_line_col(&d, f, len + 100, &line, &col);   /* clamped */
    CHECK(line == 5 && col == 5);

    /* An empty file has one empty line. */
    uint32_t e = add_file(&d, "empty.vsheet", "");
    diag_line_col(&d, e, 0, &line, &col);
    CHECK(line == 1 && col == 1);
    /* A file ending in a newline: the offset after it is on a new line. */
    uint32_t nl = add_file(&d, "nl.vsheet", "A1 = 1\n");
    diag_line_col(&d, nl, 7, &line, &col);
    CHECK(line == 2 && col == 1);

    char where[64];
    diag_where(&d, x, where, sizeof where);
    CHECK_STR(where, "m.vsheet:2");
    diag_where(&d, span_none(), where, sizeof where);
    CHECK_STR(where, "(command line)");
    diag_free(&d);
}

static void
test_spans(void)
{
    Span a = {0, 10, 3};
    Span b = {0, 20, 5};
    Span j = span_join(a, b);
    CHECK(j.file == 0 && j.off == 10 && j.len == 15);
    j = span_join(b, a);
    CHECK(j.off == 10 && j.len == 15);
    Span inner = {0, 11, 1};
    j = span_join(a, inner);
    CHECK(j.off == 10 && j.len == 3);
    j = span_join(span_none(), b);
    CHECK(j.file == 0 && j.off == 20 && j.len == 5);
    j = span_join(a, span_none());
    CHECK(j.off == 10 && j.len == 3);
    CHECK(span_none().file == UINT32_MAX);
}

static void
test_messages(FILE *out)
{
    Diags d;
    diag_init(&d, out);
    const char *text = "A1 = 1\nB1 = \"Z\xc3\xbcrich\" & NOPE(1)\n\tC1 = 2\nD1 = 1\r\nE1 = 2";
    uint32_t f = add_file(&d, "deal.vsheet", text);

    /* Caret under a span after a multibyte character, tildes for its
     * remaining code points. */
    Span call = span_of(f, text, "NOPE(1)", 7);
    diag_error(&d, call, "unknown function '%s'; did you mean '%s'?", "NOPE", "NOT");
    CHECK_STR(slurp(out),
              "deal.vsheet:2:17: error: unknown function 'NOPE'; did you mean 'NOT'?\n"
              "    2 | B1 = \"Z\xc3\xbcrich\" & NOPE(1)\n"
              "      |                 ^~~~~~~\n");
    CHECK(d.n_errors == 1);

    /* A span over multibyte text: 8 code points ("Zürich" and quotes),
     * 9 bytes, so one caret and seven tildes. */
    Span str = span_of(f, text, "\"Z", 9);
    diag_warning(&d, str, "text '%s'", "Z\xc3\xbcrich");
    CHECK_STR(slurp(out),
              "deal.vsheet:2:6: warning: text 'Z\xc3\xbcrich'\n"
              "    2 | B1 = \"Z\xc3\xbcrich\" & NOPE(1)\n"
              "      |      ^~~~~~~~\n");
    CHECK(d.n_errors == 1 && d.n_warnings == 1);

    /* A tab is shown as one space, so the caret stays aligned. */
    Span c1 = span_of(f, text, "C1", 2);
    diag_note(&d, c1, "%s first assigned here", "Sheet1!C1");
    CHECK_STR(slurp(out),
              "deal.vsheet:3:2: note: Sheet1!C1 first assigned here\n"
              "    3 |  C1 = 2\n"
              "      |  ^~\n");

    /* A CRLF line: the excerpt stops before the carriage return. */
    Span d1 = span_of(f, text, "D1 = 1", 6);
    diag_error(&d, d1, "x");
    CHECK_STR(slurp(out),
              "deal.vsheet:4:1: error: x\n"
              "    4 | D1 = 1\n"
              "      | ^~~~~~\n");

    /* A span running past the end of its line is cut at the line end;
     * the last line has no newline. */
    Span e1 = span_of(f, text, "E1 = 2", 50);
    diag_error(&d, e1, "y");
    CHECK_STR(slurp(out),
              "deal.vsheet:5:1: error: y\n"
              "    5 | E1 = 2\n"
              "      | ^~~~~~\n");

    /* An empty span still gets a caret (end of file). */
    Span eof = {f, (uint32_t)strlen(text), 0};
    diag_error(&d, eof, "unexpected end of file");
    CHECK_STR(slurp(out),
              "deal.vsheet:5:7: error: unexpected end of file\n"
              "    5 | E1 = 2\n"
              "      |       ^\n");

    /* No location: "valsheet: kind: message", no excerpt. */
    diag_error(&d, span_none(), "cannot write '%s'", "/x/y.xlsx");
    CHECK_STR(slurp(out), "valsheet: error: cannot write '/x/y.xlsx'\n");
    CHECK(d.n_errors == 5);
    diag_free(&d);

    /* Control bytes in the excerpt are shown as '?'. */
    diag_init(&d, out);
    const char ctl[] = "A1 = 2\x01 + 3";
    char *copy = malloc(sizeof ctl);
    memcpy(copy, ctl, sizeof ctl);
    f = diag_add_file(&d, "ctl.vsheet", copy, (uint32_t)(sizeof ctl - 1));
    Span bad = {f, 6, 1};
    diag_error(&d, bad, "unexpected character");
    CHECK_STR(slurp(out),
              "ctl.vsheet:1:7: error: unexpected character\n"
              "    1 | A1 = 2? + 3\n"
              "      |       ^\n");
    diag_free(&d);

    /* Line numbers wider than the gutter's 5 columns still line up the
     * bar for typical files: line 12 is right-aligned. */
    diag_init(&d, out);
    char many[256] = "";
    for (int i = 1; i <= 12; i++) {
        char line[16];
        snprintf(line, sizeof line, "A%d = %d\n", i, i);
        strcat(many, line);
    }
    f = add_file(&d, "long.vsheet", many);
    Span a12 = span_of(f, many, "A12", 3);
    diag_error(&d, a12, "z");
    CHECK_STR(slurp(out),
              "long.vsheet:12:1: error: z\n"
              "   12 | A12 = 12\n"
              "      | ^~~\n");
    diag_free(&d);
}

static void
test_cap(FILE *out)
{
    Diags d;
    diag_init(&d, out);
    uint32_t f = add_file(&d, "m.vsheet", "A1 = 1\n");
    Span s = {f, 0, 2};
    for (int i = 0; i < DIAG_MAX_ERRORS; i++)
        diag_error(&d, s, "e%d", i);
    const char *all = slurp(out);
    CHECK(strstr(all, "error: e0\n") != NULL);
    CHECK(strstr(all, "error: e19\n") != NULL);
    CHECK(strstr(all, "too many errors") == NULL);
    /* The 21st and later: counted, one line says so, nothing else. */
    diag_error(&d, s, "e20");
    diag_error(&d, s, "e21");
    diag_warning(&d, s, "w");
    diag_note(&d, s, "n");
    CHECK_STR(slurp(out), "valsheet: error: too many errors, stopping reports\n");
    CHECK(d.n_errors == 22);
    diag_free(&d);

    /* A NULL stream is silent but still counts. */
    diag_init(&d, NULL);
    f = add_file(&d, "m.vsheet", "A1 = 1\n");
    Span t = {f, 0, 2};
    diag_error(&d, t, "quiet");
    diag_warning(&d, t, "quiet");
    CHECK(d.n_errors == 1 && d.n_warnings == 1);
    diag_free(&d);
}

int
main(void)
{
    FILE *out = tmpfile();
    if (!out) {
        perror("tmpfile");
        return 1;
    }
    test_spans();
    test_line_col();
    test_messages(out);
    test_cap(out);
    fclose(out);
    return test_report("test_diag");
}
