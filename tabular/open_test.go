package tabular

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestOpenExtension(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.csv", "a.TXT", "a.tsv"} {
		path := filepath.Join(dir, name)
		must(t, os.WriteFile(path, []byte("x\ty,z\n1\t2,3\n"), 0o600))
		r, err := Open(path, Options{})
		must(t, err)
		want := []string{"x", "y,z"}
		if filepath.Ext(name) == ".csv" {
			want = []string{"x\ty", "z"}
		}
		if name == "a.TXT" {
			want = []string{"x\ty", "z"} // comma wins the tie
		}
		if !reflect.DeepEqual(r.Header(), want) {
			t.Errorf("%s: header %q, want %q", name, r.Header(), want)
		}
		must(t, r.Close())
	}

	_, err := Open(filepath.Join(dir, "so.xls"), Options{})
	want := `định dạng tệp ".xls" không được hỗ trợ; hãy lưu thành .xlsx hoặc .csv`
	if err == nil || err.Error() != want {
		t.Errorf("Open(.xls) error = %v, want %s", err, want)
	}
	if _, err := Open(filepath.Join(dir, "missing.csv"), Options{}); !os.IsNotExist(err) {
		t.Errorf("missing csv error = %v", err)
	}
	if _, err := Open(filepath.Join(dir, "missing.xlsx"), Options{}); !os.IsNotExist(err) {
		t.Errorf("missing xlsx error = %v", err)
	}
}
