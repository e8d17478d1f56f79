package tabular

// Options configures a Reader.
type Options struct {
	// Sheet is the XLSX worksheet to read; empty means the first sheet.
	Sheet string
	// Comma is the CSV field delimiter; 0 detects ',', ';' or '\t' from the
	// header line.
	Comma rune
	// Decode, when not nil, transforms every cell before it is trimmed and
	// normalised (for example to convert legacy TCVN3/VNI text).
	Decode func(string) string
}
