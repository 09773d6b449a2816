mod binary;
mod empty;
mod latin1;
use lib_rs::Thing;
