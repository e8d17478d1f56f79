package tabular

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sampleSize is how many leading bytes are inspected to guess the encoding.
const sampleSize = 64 << 10

// Encoding names reported by Reader.Encoding.
const (
	encUTF8   = "utf-8"
	encUTF16  = "utf-16"
	encCP1252 = "windows-1252"
)

// decodeInput wraps r so that it yields UTF-8, and names the encoding found:
// a UTF-8 BOM is dropped, UTF-16 (with a BOM, or plainly recognisable by its
// zero bytes) is decoded, and input whose first 64 KiB are not valid UTF-8 is
// decoded as Windows-1252.
func decodeInput(r io.Reader) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, sampleSize)
	sample, err := br.Peek(sampleSize)
	if err != nil && err != io.EOF {
		return nil, "", err
	}
	truncated := err == nil
	switch {
	case bytes.HasPrefix(sample, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, encUTF8, nil
	case bytes.HasPrefix(sample, []byte{0xFF, 0xFE}):
		_, _ = br.Discard(2)
		return utf16Reader(br, unicode.LittleEndian), encUTF16, nil
	case bytes.HasPrefix(sample, []byte{0xFE, 0xFF}):
		_, _ = br.Discard(2)
		return utf16Reader(br, unicode.BigEndian), encUTF16, nil
	}
	if e, ok := guessUTF16(sample); ok {
		return utf16Reader(br, e), encUTF16, nil
	}
	if validUTF8Sample(sample, truncated) {
		return br, encUTF8, nil
	}
	return transform.NewReader(br, charmap.Windows1252.NewDecoder()), encCP1252, nil
}

// utf16Reader decodes BOM-less UTF-16 of the given byte order.
func utf16Reader(r io.Reader, e unicode.Endianness) io.Reader {
	var enc encoding.Encoding = unicode.UTF16(e, unicode.IgnoreBOM)
	return transform.NewReader(r, enc.NewDecoder())
}

// guessUTF16 recognises BOM-less UTF-16 by zero bytes that all fall on the
// same side of each byte pair; text files never contain NUL otherwise.
func guessUTF16(sample []byte) (unicode.Endianness, bool) {
	sample = sample[:min(len(sample), 1024)&^1]
	pairs := len(sample) / 2
	if pairs < 2 {
		return unicode.LittleEndian, false
	}
	var even, odd int
	for i := 0; i < len(sample); i += 2 {
		if sample[i] == 0 {
			even++
		}
		if sample[i+1] == 0 {
			odd++
		}
	}
	switch {
	case even == 0 && odd*4 >= pairs:
		return unicode.LittleEndian, true
	case odd == 0 && even*4 >= pairs:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// validUTF8Sample reports whether sample is valid UTF-8, ignoring a rune cut
// in half at its end when the sample was truncated.
func validUTF8Sample(sample []byte, truncated bool) bool {
	if truncated {
		for i := len(sample) - 1; i >= 0 && i >= len(sample)-utf8.UTFMax; i-- {
			if utf8.RuneStart(sample[i]) {
				if !utf8.FullRune(sample[i:]) {
					sample = sample[:i]
				}
				break
			}
		}
	}
	return utf8.Valid(sample)
}
