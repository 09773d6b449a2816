pub struct Thing;
pub struct Deep;
