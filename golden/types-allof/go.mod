module example.com/types-allof

go 1.24
