package main

import (
	"fmt"
	"plugin"

	"example.com/shared"
)

const pluginDir = "plugins/"

func main() {
	g, err := plugin.Open(pluginDir + "greeter.so")
	if err != nil {
		panic(err)
	}
	greet, err := g.Lookup("Greet")
	if err != nil {
		panic(err)
	}
	greet.(func(string))(shared.Name())

	f, err := plugin.Open("plugins/farewell.so")
	if err != nil {
		panic(err)
	}
	bye, err := f.Lookup("SayGoodbye")
	if err != nil {
		panic(err)
	}
	n, err := f.Lookup("Farewells")
	fmt.Println(bye, n, err)
}
