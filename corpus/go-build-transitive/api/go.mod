module example.com/api

go 1.21

require example.com/kit v1.2.0
