pub fn haunt() { theme_plugin::palette(); }
