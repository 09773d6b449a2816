pub mod net;
mod private;

pub use private::*;

pub struct Engine;

pub(crate) struct Hidden;

#[macro_export]
macro_rules! core_macro {
    () => {};
}
