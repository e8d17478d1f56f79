//go:build !race

package tabular

// raceEnabled reports whether the race detector is on.
const raceEnabled = false
