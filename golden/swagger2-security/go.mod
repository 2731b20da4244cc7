module example.com/swagger2-security

go 1.24
