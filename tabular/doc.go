// Package tabular reads and writes registers as rows of text cells, from and
// to CSV and XLSX files, streaming so that memory stays flat on files with
// millions of rows.
//
// Readers trim every cell, normalise it to Unicode NFC, pad short rows to the
// header width and report each row with its line number as a spreadsheet user
// sees it, so callers can report errors by line.
package tabular
