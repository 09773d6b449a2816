fn main() {
    codegen_plugin::generate();
}
