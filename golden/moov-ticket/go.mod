module example.com/moov

go 1.24
