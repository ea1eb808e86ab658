//go:build race

package index

// raceEnabled is true when the tests run under the race detector, which
// makes the transpiled SQLite some twenty times slower.
const raceEnabled = true
