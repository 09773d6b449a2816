module example.com/lib/extra

go 1.22
