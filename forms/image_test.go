package forms_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"tochuc/forms"
)

// One writer for forms and reports: a Doc holding an image prints the same through WriteDOCX
// and WriteReport, and through WritePDF and WriteReport.
func TestImageOneWriter(t *testing.T) {
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 4, 2))); err != nil {
		t.Fatal(err)
	}
	d := &forms.Doc{Title: "Báo cáo", Blocks: []forms.Block{forms.Heading("1. Tình hình"),
		forms.Image{PNG: pic.Bytes(), Width: 40, Height: 20, Alt: "Biểu đồ <cột> & chú thích"}, forms.Caption("Hình 1")}}
	for _, f := range []forms.Format{forms.DOCX, forms.PDF} {
		var a, b bytes.Buffer
		write := forms.WriteDOCX
		if f == forms.PDF {
			write = forms.WritePDF
		}
		if err := write(&a, d); err != nil {
			t.Fatal(err)
		}
		if err := forms.WriteReport(&b, d, f); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: WriteReport and the plain writer differ", f)
		}
	}
	x := string(forms.DocumentXML(d))
	for _, want := range []string{`xmlns:pic=`, `r:embed="rIdImg1"`, `descr="Biểu đồ &lt;cột&gt; &amp; chú thích"`} {
		if !strings.Contains(x, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
}
