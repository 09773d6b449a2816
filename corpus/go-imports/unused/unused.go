package unused

// Nothing is never imported.
const Nothing = 0
