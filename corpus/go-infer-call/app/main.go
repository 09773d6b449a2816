package main

import "example.com/app/registry"

const store = "example.com/store"

func main() {
	registry.Need("metrics")
	// plugdep-ignore-next-line undeclared-dependency -- the host always loads the store
	registry.Need(store)
	registry.Need("nothing")
}
