module example.com/path-query

go 1.24
