" Checks syntax groups in editors/vscode/test/reference.vsheet (the
" TextMate grammar's reference file): each case names a source line, a
" piece of it and the group that piece must have. Writes failures, then
" "TESTS passed failed", to the file named by g:out.
let s:cases = [
  \ ['^title ', 'title', 'vsheetKeyword'],
  \ ['^title ', '"Deal', 'vsheetString'],
  \ ['^title ', '# a comment', 'vsheetComment'],
  \ ['^include ', 'include', 'vsheetKeyword'],
  \ ['^import ', 'import', 'vsheetImportKeyword'],
  \ ['^import ', 'csv', 'vsheetImportWord'],
  \ ['^import ', 'at Data', 'vsheetImportWord'],
  \ ['^import ', 'Data!', 'vsheetSheet'],
  \ ['^import ', 'header', 'vsheetImportWord'],
  \ ['^A1:B1 ', 'A1:B1', 'vsheetReference'],
  \ ['^A1:B1 ', '""hi', 'vsheetEscape'],
  \ ['^A1:B1 ', '12.5%', 'vsheetPercent'],
  \ ['^B2 ', '$A$1', 'vsheetReference'],
  \ ['^B2 ', '1.5e6', 'vsheetNumber'],
  \ ['^B2 ', '''Deal terms''!', 'vsheetSheet'],
  \ ['^B2 ', 'C4:$D$9', 'vsheetReference'],
  \ ['^B3 ', 'IFERROR', 'vsheetFunction'],
  \ ['^B3 ', 'rate', 'vsheetName'],
  \ ['^B3 ', '#N/A', 'vsheetError'],
  \ ['^B3 ', '# why', 'vsheetComment'],
  \ ['^B4 ', 'LOG10', 'vsheetFunction'],
  \ ['^B4 ', 'TRUE', 'vsheetBoolean'],
  \ ['^style ', '#DDEBF7', 'vsheetColor'],
  \ ['^width ', 'B:L', 'vsheetReference'],
  \ ['^  chart = ', 'chart', 'vsheetName'],
  \ ['^end', 'end', 'vsheetKeyword'],
  \ ['^analysis ', 'analysis', 'vsheetKeyword'],
  \ ]
let s:pass = 0
let s:fail = 0
let s:out = []
for [s:line, s:piece, s:group] in s:cases
  call cursor(1, 1)
  let s:lnum = search(s:line, 'cW')
  let s:col = s:lnum ? stridx(getline(s:lnum), s:piece) : -1
  let s:got = s:col < 0 ? '(not found)' : synIDattr(synID(s:lnum, s:col + 1, 1), 'name')
  if s:got ==# s:group
    let s:pass += 1
  else
    let s:fail += 1
    call add(s:out, 'FAIL vim: ' . s:piece . ' in line ' . s:lnum . ' is ' . s:got . ', not ' . s:group)
  endif
endfor
call add(s:out, 'TESTS ' . s:pass . ' ' . s:fail)
call writefile(s:out, g:out)
qa!
