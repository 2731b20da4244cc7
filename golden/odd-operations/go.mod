module example.com/odd-operations

go 1.24
