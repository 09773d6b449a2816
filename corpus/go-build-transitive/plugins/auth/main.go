package main

import "example.com/api"

// Plugin is the symbol the host looks up.
var Plugin = api.Register
