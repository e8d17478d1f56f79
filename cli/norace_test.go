//go:build !race

package cli_test

// raceEnabled reports whether the race detector is on.
const raceEnabled = false
