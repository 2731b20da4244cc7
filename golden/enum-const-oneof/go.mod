module example.com/enum-const-oneof

go 1.24
