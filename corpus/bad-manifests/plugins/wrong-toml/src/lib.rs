use bom_toml::f;
