package x

import "example.com/a"
