module example.com/swagger2-collection-format

go 1.24
