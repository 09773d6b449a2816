package pkg

// Name names the library.
func Name() string { return "lib" }
