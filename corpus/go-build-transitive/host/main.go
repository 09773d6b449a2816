package main

import (
	"plugin"

	"example.com/api"
)

func main() {
	p, err := plugin.Open("plugins/auth.so")
	if err != nil {
		panic(err)
	}
	sym, _ := p.Lookup("Plugin")
	api.Register(sym)
	m, _ := plugin.Open("/opt/app/metrics.so")
	collect, _ := m.Lookup("Collect")
	api.Register(collect)
}
