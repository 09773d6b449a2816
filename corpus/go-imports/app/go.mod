module example.com/app

go 1.22

require (
	example.com/lib v0.0.0-00010101000000-000000000000
	example.com/lib/extra v1.0.0
	example.com/util v1.4.0 // indirect
	example.com/unused v1.0.0
	golang.org/x/text 0.14.0
)

replace example.com/lib => ../lib

exclude example.com/unused v2.0.0
