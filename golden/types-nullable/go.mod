module example.com/types-nullable

go 1.24
