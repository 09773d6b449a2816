package b

import "example.com/a"
