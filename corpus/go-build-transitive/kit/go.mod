module example.com/kit

go 1.21

require example.com/log v0.1.0
