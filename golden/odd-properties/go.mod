module example.com/odd-properties

go 1.24
