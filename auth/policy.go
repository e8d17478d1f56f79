package auth

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tochuc"
	"tochuc/vn"
)

// Password lengths in characters (Unicode code points after NFC), per NIST
// 800-63B rev. 4: 15 when the password is the only factor, 8 with a second
// factor; the maximum only bounds hashing work and is far above the 64 that
// ASVS 6.2.9 asks to allow.
const (
	MinPasswordLen    = 15
	MinPasswordLenMFA = 8
	MaxPasswordLen    = 256
)

// Messages name the rule that was broken; tests compare against them.
const (
	msgTooShort    = "Mật khẩu phải có ít nhất 15 ký tự (hoặc 8 ký tự khi bật xác thực hai bước)."
	msgTooShortMFA = "Mật khẩu phải có ít nhất 8 ký tự."
	msgTooLong     = "Mật khẩu không được dài quá 256 ký tự."
	msgCommon      = "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn cụm từ khác."
	msgPattern     = "Mật khẩu không được là một chuỗi ký tự lặp lại hoặc liên tiếp (như “aaaa…”, “123456…”, “qwerty…”); hãy chọn cụm từ khác."
	msgContext     = "Mật khẩu không được chứa tên đăng nhập, họ tên, tên đơn vị hoặc các từ như “Đảng”, “Tổ chức” (đang chứa “%s”)."
)

// minContextLen: shorter context words ("An", "Văn", "Chi bộ 3") would
// forbid too many ordinary passphrases.
const minContextLen = 4

// partyWords are always context words: the party, the app and its users.
var partyWords = []string{"Đảng", "Đảng Cộng sản", "Cộng sản", "ĐCSVN", "Tổ chức", "Ban Tổ chức"}

// CheckPassword applies the password policy to a new password and returns a
// *tochuc.Error (EINVALID) naming the first rule broken, or nil. context
// holds the username, each part of the full name and the names (and codes)
// of the user's units; each entry is one context word. mfa tells whether the user logs
// in with a second factor, which lowers the minimum length to 8.
// There are deliberately no composition rules (ASVS 6.2.5).
func CheckPassword(pw string, context []string, mfa bool) error {
	pw = vn.NFC(pw)
	n := utf8.RuneCountInString(pw)
	switch {
	case mfa && n < MinPasswordLenMFA:
		return policyError(msgTooShortMFA)
	case !mfa && n < MinPasswordLen:
		return policyError(msgTooShort)
	case n > MaxPasswordLen:
		return policyError(msgTooLong)
	}
	key := listKey(pw)
	if isCommon(key) {
		return policyError(msgCommon)
	}
	if isPattern(key) {
		return policyError(msgPattern)
	}
	if w, ok := containsContext(pw, context); ok {
		return policyError(fmt.Sprintf(msgContext, w))
	}
	return nil
}

// policyError builds the EINVALID error about the password field.
func policyError(msg string) error {
	e := tochuc.Errorf(tochuc.EINVALID, "%s", msg)
	e.Subject = "password"
	return e
}

// isCommon: the folded password is on the blocklist, or is a listed password
// padded with digits or symbols ("dragon123456789", "!!matkhau2024!!").
func isCommon(key string) bool {
	set := commonSet()
	if _, ok := set[key]; ok {
		return true
	}
	notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
	if base := strings.TrimFunc(key, notLetter); base != "" && base != key {
		_, ok := set[base]
		return ok
	}
	return false
}

// keyboardWalks are rows and columns of the QWERTY keyboard, also used by
// Vietnamese users.
var keyboardWalks = []string{
	"qwertyuiopasdfghjklzxcvbnm",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
	"zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0",
	"qazwsxedcrfvtgbyhnujmikolp",
	"1234567890qwertyuiopasdfghjklzxcvbnm",
	"`1234567890-=",
}

// isPattern: the folded password (at least 8 characters) is empty (only
// spaces), periodic ("abcabcabc…", "passwordpassword"), a run of
// consecutive characters ("123456789012345", "abcdefgh…") or a keyboard walk.
func isPattern(key string) bool {
	r := []rune(key)
	if len(r) == 0 {
		return true
	}
	if p := period(r); p < len(r) {
		if p <= 4 {
			return true
		}
		if _, ok := commonSet()[string(r[:p])]; ok {
			return true
		}
	}
	if isSequence(r) {
		return true
	}
	rev := []rune(key)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	for _, w := range keyboardWalks {
		if strings.Contains(w, key) || strings.Contains(w, string(rev)) {
			return true
		}
	}
	return false
}

// period returns the smallest p such that r[i] == r[i-p] for every i and r
// holds at least two whole copies of r[:p]; len(r) when there is none.
func period(r []rune) int {
	for p := 1; 2*p <= len(r); p++ {
		ok := true
		for i := p; i < len(r); i++ {
			if r[i] != r[i-p] {
				ok = false
				break
			}
		}
		if ok {
			return p
		}
	}
	return len(r)
}

// isSequence: every step is +1 or every step is −1 (digits wrap 9→0).
func isSequence(r []rune) bool {
	step := func(a, b rune) int {
		switch {
		case b == a+1 || (a == '9' && b == '0'):
			return 1
		case b == a-1 || (a == '0' && b == '9'):
			return -1
		}
		return 0
	}
	dir := step(r[0], r[1])
	if dir == 0 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if step(r[i-1], r[i]) != dir {
			return false
		}
	}
	return true
}

// letters is a password or context word reduced to its letters and digits,
// both lower-cased (NFC) and Vietnamese-folded, rune for rune.
type letters struct {
	lower, fold []rune
}

// toLetters drops spaces, punctuation and symbols and keeps both forms.
func toLetters(s string) letters {
	var l letters
	for _, r := range vn.NFC(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		for _, f := range vn.Fold(string(r)) {
			l.lower = append(l.lower, unicode.ToLower(r))
			l.fold = append(l.fold, f)
		}
	}
	return l
}

// contextWord is one word to keep out of passwords, with its display form.
type contextWord struct {
	letters
	show     string
	accented bool // has Vietnamese marks, so "đảng" is not "đang"
}

// contextWords prepares the caller's entries and the party words. Each
// entry is one word, compared without its spaces and punctuation: the
// caller passes the parts of a full name separately ("Nguyễn", "Văn",
// "An") and a unit name whole ("Chi bộ Phòng Tổ chức"), so that generic
// words inside unit names ("phòng", "khối") stay usable.
func contextWords(context []string) []contextWord {
	var out []contextWord
	for _, c := range append(append([]string(nil), context...), partyWords...) {
		l := toLetters(c)
		if len(l.fold) < minContextLen {
			continue
		}
		accented := false
		for _, r := range l.lower {
			accented = accented || r >= utf8.RuneSelf
		}
		out = append(out, contextWord{letters: l, show: strings.TrimSpace(vn.NFC(c)), accented: accented})
	}
	return out
}

// containsContext finds a context word in the password, comparing folded.
// One refinement for Vietnamese: where the password itself spells the
// matching part with marks, the marks must agree too. Otherwise every
// passphrase with "đang" (now), "đăng", "dạng" or the surname "Đặng" would be
// rejected as containing "Đảng"; an unaccented "dang" is still rejected.
func containsContext(pw string, context []string) (string, bool) {
	p := toLetters(pw)
	for _, w := range contextWords(context) {
		n := len(w.fold)
		for i := 0; i+n <= len(p.fold); i++ {
			if !slices.Equal(p.fold[i:i+n], w.fold) {
				continue
			}
			if !w.accented || isASCII(p.lower[i:i+n]) || slices.Equal(p.lower[i:i+n], w.lower) {
				return w.show, true
			}
		}
	}
	return "", false
}

// isASCII: the span was typed without Vietnamese marks.
func isASCII(r []rune) bool {
	for _, c := range r {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
