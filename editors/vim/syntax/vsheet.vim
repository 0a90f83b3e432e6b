" Vim syntax file
" Language: valsheet models (.vsheet)
" The same token classes as editors/vscode/syntaxes/vsheet.tmLanguage.json.
if exists('b:current_syntax')
  finish
endif
syntax case ignore

" Later rules win at the same column, so the general ones come first.
syntax match vsheetName /\<[A-Za-z_][A-Za-z0-9_.]*\>/
syntax match vsheetOperator /<>\|<=\|>=\|[-+*\/^&=<>%:]/
syntax match vsheetNumber /\%([A-Za-z0-9_.$]\)\@<!\%(\d\+\%(\.\d*\)\=\|\.\d\+\)\%([eE][+-]\=\d\+\)\=/
syntax match vsheetPercent /\%([A-Za-z0-9_.$]\)\@<!\%(\d\+\%(\.\d*\)\=\|\.\d\+\)\%([eE][+-]\=\d\+\)\=%/
syntax keyword vsheetBoolean TRUE FALSE
" A1, $A$1, A1:B9, Sheet!A1, 'Deal terms'!B3, A:C, 2:5
syntax match vsheetReference /\%([A-Za-z0-9_.$']\)\@<!\%(\%('\%([^']\|''\)\+'\|[A-Za-z_][A-Za-z0-9_.]*\)!\)\=\%(\$\=\a\{1,3}\$\=\d\+\%(:\$\=\a\{1,3}\$\=\d\+\)\=\|\$\=\a\{1,3}:\$\=\a\{1,3}\>\|\$\=\d\+:\$\=\d\+\)\%([A-Za-z0-9_.(]\)\@!/ contains=vsheetSheet
syntax match vsheetSheet /\%('\%([^']\|''\)\+'\|[A-Za-z_][A-Za-z0-9_.]*\)!/ contained
syntax match vsheetFunction /\<[A-Za-z_][A-Za-z0-9_.]*\ze\s*(/
syntax region vsheetString start=/"/ skip=/""/ end=/"/ contains=vsheetEscape oneline
syntax match vsheetEscape /""/ contained
syntax match vsheetComment /#.*$/ contains=vsheetTodo
syntax keyword vsheetTodo TODO FIXME XXX contained
syntax match vsheetError /#\%(DIV\/0!\|N\/A\|NAME?\|NULL!\|NUM!\|REF!\|VALUE!\|GETTING_DATA\|SPILL!\|CALC!\)/
syntax match vsheetColor /=\@<=#\x\{6}\>/
" Statement keywords head a line; `chart = 5` in a scenario is a name.
syntax match vsheetKeyword /^\s*\zs\%(sheet\|name\|format\|style\|width\|freeze\|scenario\|end\|outputs\|option\|title\|author\|chart\|analysis\|include\)\>\%(\s*=\)\@!/
syntax match vsheetImport /^\s*\zsimport\>\%(\s*=\)\@!.*$/ contains=vsheetImportKeyword,vsheetImportWord,vsheetString,vsheetReference,vsheetComment
syntax match vsheetImportKeyword /^\s*\zsimport\>/ contained
syntax match vsheetImportWord /\<\%(csv\|at\|header\)\>/ contained

highlight default link vsheetComment Comment
highlight default link vsheetTodo Todo
highlight default link vsheetString String
highlight default link vsheetEscape SpecialChar
highlight default link vsheetNumber Number
highlight default link vsheetPercent Float
highlight default link vsheetBoolean Boolean
highlight default link vsheetError Constant
highlight default link vsheetColor Constant
highlight default link vsheetReference Identifier
highlight default link vsheetSheet Type
highlight default link vsheetFunction Function
highlight default link vsheetName Normal
highlight default link vsheetOperator Operator
highlight default link vsheetKeyword Statement
highlight default link vsheetImportKeyword Statement
highlight default link vsheetImportWord Keyword

let b:current_syntax = 'vsheet'
