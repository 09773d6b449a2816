module example.com/bad

require (
	example.com/a v1.0.0
