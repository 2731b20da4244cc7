module example.com/types-unions

go 1.24
