module example.com/required-undeclared

go 1.24
