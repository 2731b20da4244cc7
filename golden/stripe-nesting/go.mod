module example.com/stripe-nesting

go 1.24
