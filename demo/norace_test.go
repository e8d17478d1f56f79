//go:build !race

package demo_test

// raceEnabled reports whether the race detector is on.
const raceEnabled = false
