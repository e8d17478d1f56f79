//go:build race

package cli_test

// raceEnabled reports whether the race detector is on: the whole-country demo on the
// instrumented pure-Go SQLite takes minutes then, so those tests skip unless asked for.
const raceEnabled = true
