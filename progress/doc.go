// Package progress draws a one-line progress bar on a terminal for long
// imports and exports. On anything that is not a terminal it stays silent,
// so logs and redirected output are not cluttered.
package progress
