package auth

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"tochuc/vn"
)

// commonGz holds the blocklist: the 10,000 most common passwords of
// SecLists (Passwords/Common-Credentials/10k-most-common.txt, MIT licence,
// copied verbatim) followed by common Vietnamese passwords compiled for
// tochuc. Lines starting with "#" are comments. To edit it:
//
//	gunzip -c common_passwords.txt.gz > /tmp/l.txt  # edit /tmp/l.txt, then
//	gzip -9 -n -c /tmp/l.txt > common_passwords.txt.gz
//
//go:embed common_passwords.txt.gz
var commonGz []byte

// commonSet is loaded on first use: about 10,000 folded keys, a few hundred KB.
var commonSet = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(commonGz))
	if err != nil {
		panic("auth: embedded password list: " + err.Error())
	}
	set := make(map[string]struct{}, 11000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if k := listKey(line); k != "" {
			set[k] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		panic("auth: embedded password list: " + err.Error())
	}
	return set
})

// listKey is the form compared against the blocklist: Vietnamese-folded
// (lower case, tones and marks removed, đ→d) with all white space removed,
// so "Mật Khẩu", "mat khau" and "MATKHAU" are all "matkhau".
func listKey(s string) string {
	f := vn.Fold(s)
	if strings.IndexFunc(f, unicode.IsSpace) < 0 {
		return f
	}
	return strings.Join(strings.Fields(f), "")
}

// IsCommonPassword reports whether pw, folded, is on the blocklist; the
// login page can use it to urge users with an old weak password to change it.
func IsCommonPassword(pw string) bool {
	_, ok := commonSet()[listKey(pw)]
	return ok
}
