module example.com/types-recursive

go 1.24
