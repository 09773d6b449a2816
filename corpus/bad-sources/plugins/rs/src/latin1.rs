// café
use lib_rs::Other;
