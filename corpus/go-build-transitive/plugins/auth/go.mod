module example.com/auth/v2

go 1.22.4

require (
	example.com/api v1.0.0
	example.com/kit v1.2.0 // indirect
	example.com/log v0.0.0-20240102150405-abcdef123456 // indirect
)
