module example.com/types-enums

go 1.24
