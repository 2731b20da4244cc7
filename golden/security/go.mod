module example.com/security

go 1.24
