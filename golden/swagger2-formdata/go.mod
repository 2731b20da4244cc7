module example.com/swagger2-formdata

go 1.24
