// Package codes holds the code lists of the party member register as data:
// sex, ethnicity, religion, education, qualifications, occupations, kinds of
// party organization, settings (loại hình) and member statuses.
//
// Every list keeps a stable code (stored in the database), the Vietnamese name
// (NFC, full diacritics) and an English name. Lookup matches free text typed
// by people or found in imported spreadsheets against a list.
package codes

import (
	"strings"
	"unicode"
)

// Code is one entry of a code list.
type Code struct {
	Code   string // stable code stored in the register
	Name   string // Vietnamese name, NFC
	NameEN string // English name
}

// Alias maps a common alternative spelling or abbreviation to a code of its list.
type Alias struct {
	Text string // the alternative text, compared after folding
	Code string // the code it stands for
}

// List is a named code list.
type List struct {
	Name    string  // short English name of the list
	Items   []Code  // entries in their official or display order
	Aliases []Alias // extra texts accepted by Lookup, tried in order
}

// ByCode returns the entry with exactly this code.
func (l List) ByCode(code string) (Code, bool) {
	for _, c := range l.Items {
		if c.Code == code {
			return c, true
		}
	}
	return Code{}, false
}

// Codes returns the codes of the list in order.
func (l List) Codes() []string {
	out := make([]string, len(l.Items))
	for i, c := range l.Items {
		out[i] = c.Code
	}
	return out
}

// Lookup finds the entry that s stands for: by code (exact, case-insensitive,
// or a one-digit number for a two-digit code), then by Name, NameEN or code
// compared after fold, then by the list's aliases compared after fold. fold is
// the caller's diacritic-insensitive fold; nil means none. After fold, case,
// spaces, hyphens, dashes, apostrophes, dots and underscores are ignored, so
// "Ê Đê", "Ê-đê" and "ê đê" are the same text.
func Lookup(l List, s string, fold func(string) string) (Code, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Code{}, false
	}
	if c, ok := l.ByCode(t); ok {
		return c, true
	}
	for _, c := range l.Items {
		if strings.EqualFold(c.Code, t) {
			return c, true
		}
	}
	if len(t) == 1 && t[0] >= '0' && t[0] <= '9' {
		if c, ok := l.ByCode("0" + t); ok {
			return c, true
		}
	}
	key := normalize(t, fold)
	if key == "" {
		return Code{}, false
	}
	for _, c := range l.Items {
		if normalize(c.Name, fold) == key || normalize(c.NameEN, fold) == key || normalize(c.Code, fold) == key {
			return c, true
		}
	}
	for _, a := range l.Aliases {
		if normalize(a.Text, fold) == key {
			return l.ByCode(a.Code)
		}
	}
	return Code{}, false
}

// normalize applies fold, lowercases and drops the separators Lookup ignores.
func normalize(s string, fold func(string) string) string {
	if fold != nil {
		s = fold(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '\t', '-', '–', '—', '\'', '’', '‘', '.', '_':
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// All returns every list of the package, for seeding code tables and checks.
func All() []List {
	return []List{Sex, Ethnicities, Religions, Education, ProfessionalQualification,
		PoliticalTheory, AcademicTitle, Occupations, OrgKinds, Settings, MemberStatuses}
}
