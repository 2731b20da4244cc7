module example.com/header-unparsable

go 1.24
