package kit

import "example.com/log"

// Use logs v.
func Use(v any) { log.Print(v) }
