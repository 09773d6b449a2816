use ghost_plugin::haunt;
