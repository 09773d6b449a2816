module example.com/greeter

go 1.22

require example.com/shared v1.2.0
