module example.com/types-maps

go 1.24
