module example.com/types-formats

go 1.24
