fn oops() { let x = ; }
use helper_plugin::Thing;
