package fixture

import "example.com/a"
