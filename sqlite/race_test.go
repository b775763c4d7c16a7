//go:build race

package sqlite_test

// raceEnabled is true when the tests run under the race detector, which
// slows the transpiled SQLite engine by an order of magnitude.
const raceEnabled = true
