package ui

// Appearance is how the program looks, from the configuration. The zero
// value is the default look.
type Appearance struct {
	// Theme is "auto" (follow the terminal's background), "dark" or
	// "light"; "" means auto.
	Theme string
	// Style is a Glamour JSON style for articles (a style file's
	// contents); nil means newsline's own styles.
	Style []byte
	// DateFormat is the Go time layout of the list's dates; "" means
	// "2006-01-02".
	DateFormat string
	// Wide and Medium are the smallest widths with three panes side by
	// side and with the sidebar next to the list; 0 means 120 and 80.
	Wide, Medium int
}
