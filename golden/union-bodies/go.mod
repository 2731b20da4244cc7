module example.com/union-bodies

go 1.24
