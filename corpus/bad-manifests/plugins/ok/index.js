import "version-number";
import "deps-array";
import "main-object";
import "dup";
import "bom";
