module example.com/swagger2-consumes-produces

go 1.24
