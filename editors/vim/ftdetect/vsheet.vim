" valsheet models
autocmd BufRead,BufNewFile *.vsheet setfiletype vsheet
