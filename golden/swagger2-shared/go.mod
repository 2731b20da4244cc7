module example.com/swagger2-shared

go 1.24
