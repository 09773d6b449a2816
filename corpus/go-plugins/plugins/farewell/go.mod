module example.com/farewell

go 1.21

require example.com/shared v1.3.0
