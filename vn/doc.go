// Package vn holds the Vietnamese text helpers shared by every layer of the
// register: Unicode normalisation, accent-insensitive folding, Vietnamese
// collation, name splitting, number and date formatting, partial dates,
// citizen-ID (CCCD) checks and conversion from the legacy TCVN3 and VNI
// encodings.
//
// All user-facing error messages are Vietnamese (NFC) and name the rule
// that was broken.
package vn
