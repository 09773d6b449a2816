package main

import (
	"fmt"
	lib "example.com/lib/pkg"
	. "example.com/lib/extra/dot"
	_ "example.com/util"
	"golang.org/x/text/language"
)

func main() {
	fmt.Println(lib.Name(), Dot(), language.English)
}
