module example.com/odd-json

go 1.24
