package tabular

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"
)

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"Nguyễn Văn An":            "Nguyễn Văn An",
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+84 912":                  "'+84 912",
		"-1+2":                     "'-1+2",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\t=1":                     "'\t=1",
		"\r=1":                     "'\r=1",
		"a=1":                      "a=1",
		"2010-03-01":               "2010-03-01",
		"'quoted":                  "'quoted",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeCellsCSV(t *testing.T) {
	var b bytes.Buffer
	w := SafeCells(NewCSVWriter(&b, false))
	if err := w.WriteHeader([]string{"name", "=note"}); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRow([]string{"=cmd|' /C calc'!A0", "Lê Thị Ánh"}); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRow([]string{"@x", "-y"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"name", "'=note"}, {"'=cmd|' /C calc'!A0", "Lê Thị Ánh"}, {"'@x", "'-y"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
