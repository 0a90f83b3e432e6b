/*
 * lex.re: the valsheet lexer (re2c). One function per mode, one rule per
 * line; actions only set the token type. Comments ('#' not starting an
 * error literal) and horizontal whitespace are skipped; a newline is a
 * token (the driver drops it inside parentheses).
 */
#include "lex.h"

#include <ctype.h>
#include <stddef.h>

#include "sheet.h"

/*!re2c
    re2c:define:YYCTYPE  = "unsigned char";
    re2c:yyfill:enable   = 0;
    re2c:eof             = 0;

    digit       = [0-9];
    letter      = [A-Za-z_];
    hex         = [0-9A-Fa-f];
    utf8        = [\x80-\xff];
    ident       = (letter | utf8) (letter | digit | "." | utf8)*;
    number      = (digit+ ("." digit*)? | "." digit+) ([eE] [+-]? digit+)?;
    string      = "\"" ([^"\x00\n] | "\"\"")* "\"";
    badstring   = "\"" ([^"\x00\n] | "\"\"")*;
    cellref     = "$"? [A-Za-z]{1,3} "$"? digit+;
    colrange    = "$"? [A-Za-z]{1,3} ":" "$"? [A-Za-z]{1,3};
    rowrange    = "$"? digit+ ":" "$"? digit+;
    qsheet      = "'" ([^'\x00\n] | "''")+ "'";
    sheetprefix = (qsheet | ident) "!";
    errlit      = "#" ( 'NULL!' | 'DIV/0!' | 'VALUE!' | 'REF!' | 'NAME?'
                      | 'NUM!' | 'N/A' | 'GETTING_DATA' | 'SPILL!' | 'CALC!' );
    baderrlit   = "#" [A-Za-z] [A-Za-z0-9/_]* [!?];
    comment     = "#" [^\n\x00]*;
    ws          = [ \t\r\f\v]+;
*/

void
lex_init(Lexer *lx, const char *text, uint32_t len, uint32_t file)
{
    lx->text = (const unsigned char *)text;
    lx->len = len;
    lx->pos = 0;
    lx->file = file;
    /* A UTF-8 byte-order mark, as some editors write, is not content. */
    if (len >= 3 && lx->text[0] == 0xEF && lx->text[1] == 0xBB && lx->text[2] == 0xBF)
        lx->pos = 3;
}

static Token
lex_make(const Lexer *lx, int type, uint32_t start, uint32_t end)
{
    Token t;
    t.type = type;
    t.span.file = lx->file;
    t.span.off = start;
    t.span.len = end - start;
    return t;
}

/* The comment rule is longer than an error literal it starts with
 * ("#N/A, 3" versus "#N/A"), so longest-match would take the comment:
 * an error literal at the start wins, and the cursor is moved back. */
static int
lex_errlit_prefix(const unsigned char *start, const unsigned char **cursor)
{
    static const char *const lits[] = {
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
        "#GETTING_DATA", "#SPILL!", "#CALC!",
    };
    for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++) {
        size_t k = 0;
        while (lits[i][k] && start + k < *cursor &&
               toupper(start[k]) == (unsigned char)lits[i][k])
            k++;
        if (!lits[i][k]) {
            *cursor = start + k;
            return 1;
        }
    }
    return 0;
}

/* Likewise "#DDEBF7 border" is longer as a comment than as a colour: a
 * '#' with six hex digits and no more word characters is a colour. */
static int
lex_hexcolor_prefix(const unsigned char *start, const unsigned char *end)
{
    if (end - start < 7)
        return 0;
    for (int i = 1; i <= 6; i++)
        if (!isxdigit(start[i]))
            return 0;
    return end - start == 7 || !(isalnum(start[7]) || start[7] == '_');
}

Token
lex_sheet_token(Lexer *lx)
{
    const unsigned char *YYCURSOR, *YYMARKER, *YYLIMIT, *start;
    int type;
    YYLIMIT = lx->text + lx->len;
again:
    YYCURSOR = lx->text + lx->pos;
    start = YYCURSOR;
    /*!re2c
        ws            { lx->pos = (uint32_t)(YYCURSOR - lx->text); goto again; }
        comment       { if (lex_hexcolor_prefix(start, YYCURSOR)) {
                            YYCURSOR = start + 7;
                            type = TK_HEXCOLOR;
                            goto done;
                        }
                        lx->pos = (uint32_t)(YYCURSOR - lx->text); goto again; }
        "\n"          { type = TK_NEWLINE; goto done; }
        cellref       { type = TK_CELLREF; goto done; }
        sheetprefix   { type = TK_SHEETPREFIX; goto done; }
        ident         { type = TK_IDENT; goto done; }
        number        { type = TK_NUMBER; goto done; }
        string        { type = TK_STRING; goto done; }
        badstring     { type = TK_BADSTRING; goto done; }
        "="           { type = TK_EQ; goto done; }
        ":"           { type = TK_COLON; goto done; }
        ","           { type = TK_COMMA; goto done; }
        "-"           { type = TK_MINUS; goto done; }
        $             { type = 0; goto done; }
        *             { type = TK_ILLEGAL; goto done; }
    */
done:
    lx->pos = (uint32_t)(YYCURSOR - lx->text);
    return lex_make(lx, type, (uint32_t)(start - lx->text), lx->pos);
}

Token
lex_formula_token(Lexer *lx)
{
    const unsigned char *YYCURSOR, *YYMARKER, *YYLIMIT, *start;
    int type;
    YYLIMIT = lx->text + lx->len;
again:
    YYCURSOR = lx->text + lx->pos;
    start = YYCURSOR;
    /*!re2c
        ws            { lx->pos = (uint32_t)(YYCURSOR - lx->text); goto again; }
        errlit        { type = TK_ERRLIT; goto done; }
        baderrlit     { if (lex_errlit_prefix(start, &YYCURSOR)) {
                            type = TK_ERRLIT;
                            goto done;
                        }
                        type = TK_BADERRLIT; goto done; }
        comment       { if (lex_errlit_prefix(start, &YYCURSOR)) {
                            type = TK_ERRLIT;
                            goto done;
                        }
                        lx->pos = (uint32_t)(YYCURSOR - lx->text); goto again; }
        "\n"          { type = TK_NEWLINE; goto done; }
        cellref       { type = TK_CELLREF; goto done; }
        colrange      { type = TK_COLRANGE; goto done; }
        rowrange      { type = TK_ROWRANGE; goto done; }
        sheetprefix   { type = TK_SHEETPREFIX; goto done; }
        ident         { type = TK_IDENT; goto done; }
        number        { type = TK_NUMBER; goto done; }
        string        { type = TK_STRING; goto done; }
        badstring     { type = TK_BADSTRING; goto done; }
        "{"           { type = TK_LBRACE; goto done; }
        "}"           { type = TK_RBRACE; goto done; }
        ";"           { type = TK_SEMI; goto done; }
        "<>"          { type = TK_NE; goto done; }
        "<="          { type = TK_LE; goto done; }
        ">="          { type = TK_GE; goto done; }
        "<"           { type = TK_LT; goto done; }
        ">"           { type = TK_GT; goto done; }
        "="           { type = TK_EQ; goto done; }
        "+"           { type = TK_PLUS; goto done; }
        "-"           { type = TK_MINUS; goto done; }
        "*"           { type = TK_STAR; goto done; }
        "/"           { type = TK_SLASH; goto done; }
        "^"           { type = TK_CARET; goto done; }
        "&"           { type = TK_AMP; goto done; }
        "%"           { type = TK_PERCENT; goto done; }
        "("           { type = TK_LPAREN; goto done; }
        ")"           { type = TK_RPAREN; goto done; }
        ","           { type = TK_COMMA; goto done; }
        ":"           { type = TK_COLON; goto done; }
        $             { type = 0; goto done; }
        *             { type = TK_ILLEGAL; goto done; }
    */
done:
    lx->pos = (uint32_t)(YYCURSOR - lx->text);
    return lex_make(lx, type, (uint32_t)(start - lx->text), lx->pos);
}
