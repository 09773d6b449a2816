package dot

// Dot is dot-imported by the app.
func Dot() string { return "." }
