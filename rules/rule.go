package rules

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"sync"

	"tochuc"
	"tochuc/vn"
)

// Rule is one version of one of the Party's rules: what it says, the text
// and clause it comes from, and the dates [From, To) during which that text
// was in force.
type Rule struct {
	ID           string         // stable identifier, e.g. "admission.age"; the same for every version
	Title        string         // the rule stated in Vietnamese
	Basis        string         // document symbol and clause, e.g. "QĐ 294-QĐ/TW, điểm 1.1"
	From, To     string         // ISO dates; in force from From up to the day before To; To "" = still in force
	Params       map[string]int // the rule's numbers (months, days, thresholds)
	Unverified   bool           // a number not confirmed against the official text (domain.md UNVERIFIED)
	Configurable bool           // an organization may set its own value (implied by Unverified)
	Source       string         // where the rule was read (a URL cited in docs/domain.md)
	Note         string         // internal remark on the basis or the sources, never shown in refusals
}

// Param returns a number of the rule (0 when the rule has no such number).
func (r Rule) Param(name string) int { return r.Params[name] }

// InForce reports whether this version governs an action dated date (ISO).
func (r Rule) InForce(date string) bool {
	return r.From <= date && (r.To == "" || date < r.To)
}

// Refuse builds the refusal of an action under this rule: a Vietnamese
// message (the rule's Title when format is "") ending with " — " and the
// legal basis, so every refusal names the text in force on the action's date.
func (r Rule) Refuse(format string, args ...any) *tochuc.Error {
	msg := r.Title
	if format != "" {
		msg = fmt.Sprintf(format, args...)
	}
	return &tochuc.Error{Code: tochuc.EINVALID, Message: msg + " — " + r.Basis, Subject: r.ID}
}

// clone returns a copy whose Params can be changed without touching r.
func (r Rule) clone() Rule {
	r.Params = maps.Clone(r.Params)
	return r
}

// Set is a registry of rules with every version of each, possibly with an
// organization's values for the configurable numbers. A Set is immutable.
type Set struct {
	byID map[string][]Rule // versions in date order
}

// Overrides are an organization's values for configurable numbers:
// rule ID → parameter name → value; they apply to every version of the rule.
type Overrides map[string]map[string]int

var (
	defaultOnce sync.Once
	defaultSet  *Set
)

// Default returns the built-in rules with the numbers of the texts.
func Default() *Set {
	defaultOnce.Do(func() {
		defaultSet = &Set{byID: map[string][]Rule{}}
		for _, r := range registry() {
			defaultSet.byID[r.ID] = append(defaultSet.byID[r.ID], r)
		}
		for _, vs := range defaultSet.byID {
			sort.Slice(vs, func(i, j int) bool { return vs[i].From < vs[j].From })
		}
	})
	return defaultSet
}

// At returns the version of rule id in force on date (ISO "YYYY-MM-DD") in
// the built-in set; false when the id is unknown, the date invalid, or no
// encoded text covered that date.
func At(id, date string) (Rule, bool) { return Default().At(id, date) }

// All returns every version of every built-in rule, by ID then date.
func All() []Rule { return Default().All() }

// WithOverrides returns the built-in set with an organization's values.
func WithOverrides(o Overrides) (*Set, error) { return Default().WithOverrides(o) }

// At returns the version of rule id in force on date in this set.
func (s *Set) At(id, date string) (Rule, bool) {
	if _, err := vn.ParseISO(date); err != nil {
		return Rule{}, false
	}
	for _, r := range s.byID[id] {
		if r.InForce(date) {
			return r.clone(), true
		}
	}
	return Rule{}, false
}

// All returns every version of every rule of the set, by ID then date.
func (s *Set) All() []Rule {
	var out []Rule
	for _, id := range s.IDs() {
		for _, r := range s.byID[id] {
			out = append(out, r.clone())
		}
	}
	return out
}

// IDs returns the rule IDs of the set in order.
func (s *Set) IDs() []string {
	ids := make([]string, 0, len(s.byID))
	for id := range s.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// WithOverrides returns a copy of the set with an organization's values; a
// rule that is neither Unverified nor Configurable, an unknown rule or
// parameter, or a negative value is refused with an error naming the rule.
func (s *Set) WithOverrides(o Overrides) (*Set, error) {
	out := &Set{byID: make(map[string][]Rule, len(s.byID))}
	for id, vs := range s.byID {
		cp := make([]Rule, len(vs))
		for i, r := range vs {
			cp[i] = r.clone()
		}
		out.byID[id] = cp
	}
	ids := make([]string, 0, len(o))
	for id := range o {
		ids = append(ids, id)
	}
	sort.Strings(ids) // report the first bad rule in a stable order
	for _, id := range ids {
		vs, ok := out.byID[id]
		if !ok {
			return nil, &tochuc.Error{Code: tochuc.EINVALID, Subject: id, Message: fmt.Sprintf("không có quy định %q", id)}
		}
		last := vs[len(vs)-1]
		if !last.Unverified && !last.Configurable {
			return nil, &tochuc.Error{Code: tochuc.EINVALID, Subject: id,
				Message: fmt.Sprintf("quy định %q (%s) đã đối chiếu với văn bản, không được thay đổi", id, last.Basis)}
		}
		for name, v := range o[id] {
			if _, ok := last.Params[name]; !ok {
				return nil, &tochuc.Error{Code: tochuc.EINVALID, Subject: id,
					Message: fmt.Sprintf("quy định %q không có tham số %q (có: %s)", id, name, strings.Join(paramNames(last), ", "))}
			}
			if v < 0 {
				return nil, &tochuc.Error{Code: tochuc.EINVALID, Subject: id,
					Message: fmt.Sprintf("tham số %q của quy định %q không được âm", name, id)}
			}
			for i := range vs {
				vs[i].Params[name] = v
			}
		}
	}
	return out, nil
}

// paramNames lists a rule's parameter names in order.
func paramNames(r Rule) []string {
	names := make([]string, 0, len(r.Params))
	for n := range r.Params {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// rule returns the version of id in force on date, or an error saying no
// encoded text covers that date (the caller decides by hand).
func (s *Set) rule(id, date string) (Rule, error) {
	if _, err := vn.ParseISO(date); err != nil {
		return Rule{}, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ (định dạng yyyy-mm-dd)", date)
	}
	r, ok := s.At(id, date)
	if !ok {
		return Rule{}, &tochuc.Error{Code: tochuc.EINVALID, Subject: id,
			Message: fmt.Sprintf("chưa có quy định %q áp dụng cho ngày %s; cần xem xét theo văn bản khi đó", id, date)}
	}
	return r, nil
}
