pub struct Thing;
pub struct Other;
