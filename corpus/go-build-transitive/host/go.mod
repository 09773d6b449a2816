module example.com/host

go 1.21

toolchain go1.22.4

require (
	example.com/api v1.0.0
	example.com/kit v1.1.0 // indirect
)

replace example.com/api => ../api
