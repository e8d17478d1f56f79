package store

// whereFilters adds the conditions of the identity filters of a member query: plain comparisons
// on members columns, every value a bind parameter.
func (q MemberQuery) whereFilters(add func(cond string, vals ...any)) {
	for _, f := range []struct{ col, val string }{
		{"m.ethnicity", q.Ethnicity}, {"m.religion", q.Religion},
		{"m.education", q.Education}, {"m.political_theory", q.PoliticalTheory},
	} {
		if f.val != "" {
			add(f.col+" = ?", f.val)
		}
	}
	if q.BornAfter != "" || q.BornOnOrBefore != "" {
		add("m.birth_date <> ''") // an unknown birth date is in no age band
	}
	if q.BornAfter != "" {
		add("m.birth_date > ?", string(q.BornAfter))
	}
	if q.BornOnOrBefore != "" {
		add("m.birth_date <= ?", string(q.BornOnOrBefore))
	}
	if q.AdmittedFrom != "" {
		add("m.admission_date >= ?", string(q.AdmittedFrom))
	}
	if q.AdmittedTo != "" {
		add("m.admission_date <> '' AND m.admission_date <= ?", string(q.AdmittedTo))
	}
}
