package rules

import "tochuc/vn"

// The checks below are pure: they take the facts of an action and its date,
// apply the rule versions in force on that date, and return nil or the
// refusal naming the rule (code tochuc.EINVALID, Subject = rule ID). A nil
// set is the built-in one.

// VotePasses reports whether yes votes out of total reach two thirds, in
// integer arithmetic (3·yes ≥ 2·total): 6 of 9 passes, 5 of 9 does not.
func VotePasses(yes, total int) bool {
	return total > 0 && yes >= 0 && yes <= total && 3*yes >= 2*total
}

// Passes reports whether yes of total reach the rule's fraction num/den.
func (r Rule) Passes(yes, total int) bool {
	num, den := r.Param("num"), r.Param("den")
	return den > 0 && total > 0 && yes >= 0 && yes <= total && den*yes >= num*total
}

// CheckVote checks a vote under the vote rule id ("admission.cell_vote",
// "admission.committee_vote", "probation.vote", "removal.vote") in force on
// date.
func CheckVote(set *Set, id, date string, yes, total int) error {
	r, err := orDefault(set).rule(id, date)
	if err != nil {
		return err
	}
	if !r.Passes(yes, total) {
		return r.Refuse("%s: %d/%d tán thành", r.Title, yes, total)
	}
	return nil
}

// NeedsEscalation reports whether failedVotes votes without the two-thirds
// majority send the matter to the higher committee (3 under the rule in
// force on date).
func NeedsEscalation(set *Set, date string, failedVotes int) bool {
	r, ok := orDefault(set).At("probation.escalation", date)
	return ok && failedVotes >= r.Param("votes")
}

// Introducer is one member introducing a candidate.
type Introducer struct {
	Official       bool // an official (not probationary) member
	MonthsTogether int  // months worked, studied or lived with the candidate in the same unit
}

// CheckIntroducers checks a candidate's introducers at the cell's vote: two
// official members, or one for a Youth Union member together with the
// Union's resolution, each having been with the candidate 12 months.
func CheckIntroducers(set *Set, voteDate string, youthUnion, unionResolution bool, intro []Introducer) error {
	r, err := orDefault(set).rule("admission.introducers", voteDate)
	if err != nil {
		return err
	}
	need := r.Param("introducers")
	if youthUnion {
		if !unionResolution {
			return r.Refuse("Người vào Đảng là đoàn viên phải có nghị quyết giới thiệu của ban chấp hành đoàn cơ sở")
		}
		need = r.Param("youth_introducers")
	}
	good := 0
	for _, i := range intro {
		if !i.Official {
			return r.Refuse("Người giới thiệu phải là đảng viên chính thức")
		}
		if i.MonthsTogether < r.Param("months_together") {
			return r.Refuse("Người giới thiệu phải cùng công tác, học tập hoặc cư trú với người vào Đảng ít nhất %d tháng (mới %d tháng)",
				r.Param("months_together"), i.MonthsTogether)
		}
		good++
	}
	if good < need {
		return r.Refuse("Người vào Đảng phải được %d đảng viên chính thức giới thiệu (có %d)", need, good)
	}
	return nil
}

// CheckEducation checks the candidate's schooling: a lower-secondary
// diploma, or a case the Secretariat's guidance exempts (exception).
func CheckEducation(set *Set, voteDate string, lowerSecondary, exception bool) error {
	r, err := orDefault(set).rule("admission.education", voteDate)
	if err != nil {
		return err
	}
	if !lowerSecondary && !exception {
		return r.Refuse("")
	}
	return nil
}

// CertificateExpires returns the first day the awareness-class certificate
// issued on issued is no longer valid under the rule in force on that day
// (built-in: 60 months later); "" for an invalid date.
func (s *Set) CertificateExpires(issued string) string {
	r, ok := orDefault(s).At("admission.awareness_certificate", issued)
	if !ok {
		return ""
	}
	return AddMonths(issued, r.Param("valid_months"))
}

// CheckCertificate checks that the awareness-class certificate is still
// valid on the cell's vote, with the validity in force on the vote date.
func CheckCertificate(set *Set, issued, voteDate string) error {
	r, err := orDefault(set).rule("admission.awareness_certificate", voteDate)
	if err != nil {
		return err
	}
	exp := AddMonths(issued, r.Param("valid_months"))
	if exp == "" || issued > voteDate || voteDate >= exp {
		return r.Refuse("Giấy chứng nhận bồi dưỡng nhận thức về Đảng cấp ngày %s không còn giá trị (%d tháng) vào ngày chi bộ xét %s",
			isoDisplay(issued), r.Param("valid_months"), isoDisplay(voteDate))
	}
	return nil
}

// CheckCard refuses a card for a member who is not official on date.
func CheckCard(set *Set, date string, official bool) error {
	r, err := orDefault(set).rule("card.official_only", date)
	if err != nil {
		return err
	}
	if !official {
		return r.Refuse("")
	}
	return nil
}

// CardCheckDue reports whether a card last checked on lastCheck is due for
// its periodic check on on (built-in: every 60 months).
func CardCheckDue(set *Set, lastCheck, on string) bool {
	r, ok := orDefault(set).At("card.check", on)
	if !ok {
		return false
	}
	next := AddMonths(lastCheck, r.Param("months"))
	return next != "" && on >= next
}

// RemovalDue reports whether missing meetings or dues for monthsMissed
// months of a year, without good reason, is a ground for removal (3).
func RemovalDue(set *Set, date string, monthsMissed int) bool {
	r, ok := orDefault(set).At("removal.grounds", date)
	return ok && monthsMissed >= r.Param("absence_months")
}

// CheckWithdrawal refuses a voluntary withdrawal by a member with a
// violation not yet dealt with by discipline.
func CheckWithdrawal(set *Set, date string, hasViolation bool) error {
	r, err := orDefault(set).rule("withdrawal.no_violation", date)
	if err != nil {
		return err
	}
	if hasViolation {
		return r.Refuse("")
	}
	return nil
}

// TransferKind distinguishes the temporary transfers by their time limits.
type TransferKind int

// Temporary transfer kinds.
const (
	TempMove  TransferKind = iota // change of residence or workplace
	TempStudy                     // full-time study in the country
)

// CheckTemporaryTransfer checks the planned length in months of a
// temporary transfer: 3 to under 12 months, or 3 to 24 months of study.
func CheckTemporaryTransfer(set *Set, date string, kind TransferKind, months int) error {
	r, err := orDefault(set).rule("transfer.temporary_duration", date)
	if err != nil {
		return err
	}
	min := r.Param("min_months")
	ok := months >= min && months < r.Param("max_months")
	if kind == TempStudy {
		ok = months >= min && months <= r.Param("study_max_months")
	}
	if !ok {
		return r.Refuse("%s (dự kiến %d tháng)", r.Title, months)
	}
	return nil
}

// ExitReason is why a former member left, as far as re-admission cares.
type ExitReason string

// Exit reasons; the last five bar re-admission (clause 3.5.2).
const (
	ExitOther        ExitReason = ""
	ExitDroppedOut   ExitReason = "dropped_out"   // tự bỏ sinh hoạt đảng
	ExitWithdrew     ExitReason = "withdrew"      // xin ra khỏi Đảng (except family hardship)
	ExitDisunity     ExitReason = "disunity"      // gây mất đoàn kết nội bộ nghiêm trọng
	ExitCorruption   ExitReason = "corruption"    // bị kết án về tội tham nhũng
	ExitSeriousCrime ExitReason = "serious_crime" // bị kết án về tội nghiêm trọng trở lên
)

// Readmission holds the facts a re-admission depends on.
type Readmission struct {
	LeftOn            string     // ISO date of leaving the Party
	Reason            ExitReason // why the person left
	FamilyHardship    bool       // a withdrawal for special family hardship (not barred)
	ExpungedOn        string     // ISO date a less-serious conviction was expunged; "" if none
	TimesReadmitted   int        // earlier re-admissions
	ProvincialConsent bool       // the provincial standing committee agreed in writing
}

// CheckReadmission checks a re-admission decided on date: not a barred
// case, not readmitted before, 36 months since leaving (60 since the
// expunging of a conviction), and the provincial written consent.
func CheckReadmission(set *Set, date string, c Readmission) error {
	set = orDefault(set)
	barred, err := set.rule("readmission.barred", date)
	if err != nil {
		return err
	}
	switch c.Reason {
	case ExitDroppedOut, ExitDisunity, ExitCorruption, ExitSeriousCrime:
		return barred.Refuse("")
	case ExitWithdrew:
		if !c.FamilyHardship {
			return barred.Refuse("")
		}
	}
	once, err := set.rule("readmission.once", date)
	if err != nil {
		return err
	}
	if c.TimesReadmitted >= once.Param("times") {
		return once.Refuse("")
	}
	wait, err := set.rule("readmission.wait", date)
	if err != nil {
		return err
	}
	from, months := c.LeftOn, wait.Param("months")
	if c.ExpungedOn != "" {
		from, months = c.ExpungedOn, wait.Param("conviction_months")
	}
	earliest := AddMonths(from, months)
	if earliest == "" || date < earliest {
		return wait.Refuse("%s; sớm nhất từ ngày %s", wait.Title, isoDisplay(earliest))
	}
	consent, err := set.rule("readmission.consent", date)
	if err != nil {
		return err
	}
	if !c.ProvincialConsent {
		return consent.Refuse("")
	}
	return nil
}

// CheckExemption checks a request for exemption from work and meetings:
// past working age or ill for 3 months or more, and voluntary.
func CheckExemption(set *Set, date string, pastWorkingAge bool, illnessMonths int, voluntary bool) error {
	r, err := orDefault(set).rule("exemption.conditions", date)
	if err != nil {
		return err
	}
	if !voluntary || (!pastWorkingAge && illnessMonths < r.Param("illness_months")) {
		return r.Refuse("")
	}
	return nil
}

// isoDisplay shows an ISO date as dd/mm/yyyy, or the text as given.
func isoDisplay(s string) string {
	t, err := vn.ParseISO(s)
	if err != nil {
		return s
	}
	return t.Format(vn.DateLayout)
}
