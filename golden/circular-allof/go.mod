module example.com/circular-allof

go 1.24
