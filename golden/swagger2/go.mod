module example.com/swagger2

go 1.24
