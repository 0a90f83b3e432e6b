// sheet.y: the Lemon grammar of the valsheet language and of lone formulas.
// Statements are collected into the ParseCtx by ast.c constructors; every
// action is one constructor call. Formula operators follow Excel's
// precedence (LANGUAGE.md §5), including unary minus binding tighter than ^.

%name SheetParser                     // SheetParser, SheetParserAlloc, ...
%token_prefix TK_                     // token codes TK_* in sheet.h
%token_type {Token}                   // lexer tokens: type and span
%default_type {AstNode *}             // expressions are arena AST nodes
%extra_context {ParseCtx *ctx}        // parse state: arena, diags, statements
%syntax_error { parse_syntax_error(ctx, &TOKEN); }
%stack_overflow { parse_stack_overflow(ctx); }
%stack_size 2000                      // deep nesting stops with a diagnostic

%include {
#include <assert.h>
#include "parse.h"
#include "ast.h"
#include "source.h"
#define YYNOERRORRECOVERY 1
#define YYMALLOCARGTYPE size_t
}

// Every token the lexer or driver can produce, in one place.
%token FORMULA_START NEWLINE ILLEGAL BADSTRING BADERRLIT HEXCOLOR.
%token KW_TITLE KW_AUTHOR KW_SHEET KW_NAME KW_FORMAT KW_STYLE KW_WIDTH.
%token KW_FREEZE KW_SCENARIO KW_END KW_OUTPUTS KW_OPTION KW_CHART KW_ANALYSIS.
%token KW_INCLUDE KW_IMPORT.
%token RAWLINE.
%token CELLREF SHEETPREFIX IDENT NUMBER STRING ERRLIT.
%token LPAREN RPAREN COMMA.
%token LBRACE RBRACE SEMI COLRANGE ROWRANGE.

// Precedence, lowest first (Excel's order).
%left EQ NE LT LE GT GE.
%left AMP.
%left PLUS MINUS.
%left STAR SLASH.
%left CARET.
%left PERCENT.
%right UMINUS.
%left COLON.

%type target {Target}
%type cellpos {Target}
%type items {AstList *}
%type args {AstList *}
%type names {AstList *}
%type styleopts {StyleOpts}
%type styleopt {StyleOpts}
%type colspan {Target}
%type array {ArrayBuild *}
%type aelem {ArrayElem}

// ------------------------------------------------------------------ start

start ::= FORMULA_START expr(E).            { parse_formula_done(ctx, E); }
start ::= stmts.

stmts ::= .
stmts ::= stmts stmt.

// ------------------------------------------------------------- statements

stmt ::= NEWLINE.
stmt ::= KW_TITLE STRING(S) NEWLINE.        { ast_stmt_text(ctx, ST_TITLE, S); }
stmt ::= KW_AUTHOR STRING(S) NEWLINE.       { ast_stmt_text(ctx, ST_AUTHOR, S); }
stmt ::= KW_SHEET STRING(S) NEWLINE.        { ast_stmt_sheet(ctx, S); }
stmt ::= KW_SHEET IDENT(S) NEWLINE.         { ast_stmt_sheet(ctx, S); }
stmt ::= KW_SHEET CELLREF(S) NEWLINE.       { ast_stmt_sheet(ctx, S); }
stmt ::= target(T) EQ items(L) NEWLINE.     { ast_stmt_cells(ctx, &T, L); }
stmt ::= IDENT(N) EQ expr(E) NEWLINE.       { ast_stmt_override(ctx, N, E); }
stmt ::= KW_NAME IDENT(N) EQ expr(E) NEWLINE.    { ast_stmt_name(ctx, N, E); }
stmt ::= KW_NAME CELLREF(N) EQ expr(E) NEWLINE.  { ast_stmt_name(ctx, N, E); }
stmt ::= KW_FORMAT target(T) STRING(S) NEWLINE.  { ast_stmt_format(ctx, &T, S); }
stmt ::= KW_STYLE target(T) styleopts(O) NEWLINE. { ast_stmt_style(ctx, &T, &O); }
stmt ::= KW_WIDTH colspan(C) NUMBER(W) NEWLINE.  { ast_stmt_width(ctx, &C, W); }
stmt ::= KW_FREEZE cellpos(T) NEWLINE.      { ast_stmt_freeze(ctx, &T); }
stmt ::= KW_SCENARIO IDENT(N) NEWLINE.      { ast_stmt_scenario(ctx, N); }
stmt ::= KW_SCENARIO STRING(N) NEWLINE.     { ast_stmt_scenario(ctx, N); }
stmt ::= KW_END(E) NEWLINE.                 { ast_stmt_end(ctx, E); }
stmt ::= KW_OUTPUTS names(L) NEWLINE.       { ast_stmt_outputs(ctx, L); }
stmt ::= KW_OPTION IDENT(N) NEWLINE.        { ast_stmt_option(ctx, N); }
stmt ::= KW_CHART(K) RAWLINE(R) NEWLINE.    { ast_stmt_raw(ctx, ST_CHART, K, R); }
stmt ::= KW_ANALYSIS(K) RAWLINE(R) NEWLINE. { ast_stmt_raw(ctx, ST_ANALYSIS, K, R); }
stmt ::= KW_INCLUDE(K) STRING(P) NEWLINE.   { source_include(ctx, K, P); }
// import csv "file.csv" at Sheet!A1 [header]: the words are checked by source.c
stmt ::= KW_IMPORT IDENT(K) STRING(P) IDENT(A) cellpos(T) NEWLINE.
                                            { source_import(ctx, K, P, A, &T, NULL); }
stmt ::= KW_IMPORT IDENT(K) STRING(P) IDENT(A) cellpos(T) IDENT(H) NEWLINE.
                                            { source_import(ctx, K, P, A, &T, &H); }

target(T) ::= cellpos(A).                   { T = A; }
target(T) ::= cellpos(A) COLON CELLREF(B).  { T = ast_target_range(ctx, &A, B); }

cellpos(T) ::= CELLREF(A).                  { T = ast_target(ctx, NULL, A); }
cellpos(T) ::= SHEETPREFIX(S) CELLREF(A).   { T = ast_target(ctx, &S, A); }

colspan(C) ::= IDENT(A).                    { C = ast_colspan(ctx, A, A); }
colspan(C) ::= IDENT(A) COLON IDENT(B).     { C = ast_colspan(ctx, A, B); }

items(L) ::= expr(E).                       { L = ast_list(ctx, NULL, E); }
items(L) ::= items(A) COMMA expr(E).        { L = ast_list(ctx, A, E); }

names(L) ::= expr(E).                       { L = ast_list(ctx, NULL, E); }
names(L) ::= names(A) COMMA expr(E).        { L = ast_list(ctx, A, E); }

styleopts(O) ::= styleopt(A).               { O = A; }
styleopts(O) ::= styleopts(A) styleopt(B).  { O = ast_style_merge(ctx, &A, &B); }
styleopt(O) ::= IDENT(K).                   { O = ast_style_flag(ctx, K); }
styleopt(O) ::= IDENT(K) EQ HEXCOLOR(V).    { O = ast_style_color(ctx, K, V); }

// --------------------------------------------------------------- formulas

expr(E) ::= expr(A) EQ|NE|LT|LE|GT|GE(OP) expr(B).  { E = ast_binary(ctx, OP, A, B); }
expr(E) ::= expr(A) AMP(OP) expr(B).                { E = ast_binary(ctx, OP, A, B); }
expr(E) ::= expr(A) PLUS|MINUS(OP) expr(B).         { E = ast_binary(ctx, OP, A, B); }
expr(E) ::= expr(A) STAR|SLASH(OP) expr(B).         { E = ast_binary(ctx, OP, A, B); }
expr(E) ::= expr(A) CARET(OP) expr(B).              { E = ast_binary(ctx, OP, A, B); }
expr(E) ::= expr(A) COLON(OP) expr(B).              { E = ast_binary(ctx, OP, A, B); }
expr(E) ::= expr(A) PERCENT(OP).                    { E = ast_percent(ctx, OP, A); }
expr(E) ::= MINUS|PLUS(OP) expr(A). [UMINUS]        { E = ast_unary(ctx, OP, A); }
expr(E) ::= LPAREN(L) expr(A) RPAREN(R).            { E = ast_group(ctx, L, A, R); }
expr(E) ::= IDENT(N) LPAREN args(L) RPAREN(R).      { E = ast_call(ctx, N, L, R); }
expr(E) ::= IDENT(N).                               { E = ast_name(ctx, N); }

args(L) ::= arg(A).                         { L = ast_list(ctx, NULL, A); }
args(L) ::= args(A) COMMA arg(B).           { L = ast_list(ctx, A, B); }

%type arg {AstNode *}
arg(A) ::= expr(E).                         { A = E; }
arg(A) ::= .                                { A = ast_emptyarg(ctx); }

// ------------------------------------------------------------- references

expr(E) ::= CELLREF(T).                     { E = ast_ref(ctx, NULL, T); }
expr(E) ::= SHEETPREFIX(S) CELLREF(T).      { E = ast_ref(ctx, &S, T); }
expr(E) ::= COLRANGE|ROWRANGE(T).           { E = ast_ref_whole(ctx, NULL, T); }
expr(E) ::= SHEETPREFIX(S) COLRANGE|ROWRANGE(T). { E = ast_ref_whole(ctx, &S, T); }

// --------------------------------------------------------------- literals

expr(E) ::= NUMBER(T).                      { E = ast_number(ctx, T); }
expr(E) ::= STRING(T).                      { E = ast_string(ctx, T); }
expr(E) ::= ERRLIT(T).                      { E = ast_errlit(ctx, T); }

// Array constants: {1,2;3,4}, ',' between columns and ';' between rows.
expr(E) ::= LBRACE(L) array(A) RBRACE(R).   { E = ast_array(ctx, L, A, R); }
array(A) ::= aelem(X).                      { A = ast_array_add(ctx, NULL, X, false); }
array(A) ::= array(B) COMMA aelem(X).       { A = ast_array_add(ctx, B, X, false); }
array(A) ::= array(B) SEMI aelem(X).        { A = ast_array_add(ctx, B, X, true); }
aelem(X) ::= NUMBER|STRING|ERRLIT|IDENT(T). { X = ast_array_elem(ctx, NULL, T); }
aelem(X) ::= MINUS(M) NUMBER(T).            { X = ast_array_elem(ctx, &M, T); }
