module example.com/swagger2-nullable

go 1.24
