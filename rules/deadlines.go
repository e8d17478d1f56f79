package rules

import (
	"fmt"

	"tochuc"
	"tochuc/vn"
)

// Deadlines are counted with vn.Calendar: the day of the event never counts,
// so "within N working days of X" ends on cal.AddWorkingDays(X, N), the last
// day on which the action is still on time. The version of the rule applied
// is the one in force on the day the count starts.

// Deadline returns the last day on time for the deadline rule id counted
// from from (ISO): its working days, plus its extension when extended; a
// rule counted in calendar days (param "working" = 0) adds plain days.
func (s *Set) Deadline(cal *vn.Calendar, id, from string, extended bool) (string, error) {
	r, err := orDefault(s).rule(id, from)
	if err != nil {
		return "", err
	}
	start, _ := vn.ParseISO(from)
	n, working := r.Param("working_days"), true
	if n == 0 {
		n, working = r.Param("days"), r.Param("working") != 0
	}
	if n == 0 {
		return "", &tochuc.Error{Code: tochuc.EINTERNAL, Subject: id, Message: fmt.Sprintf("quy định %q không phải là thời hạn", id)}
	}
	if extended {
		ext, ok := r.Params["extension"]
		if !ok {
			return "", r.Refuse("Quy định này không cho phép gia hạn")
		}
		n += ext
	}
	if !working {
		return start.AddDate(0, 0, n).Format(vn.ISOLayout), nil
	}
	return cal.AddWorkingDays(start, n).Format(vn.ISOLayout), nil
}

// deadline is Deadline on the built-in set, "" when it cannot be computed.
func deadline(cal *vn.Calendar, id, from string, extended bool) string {
	d, err := Default().Deadline(cal, id, from, extended)
	if err != nil {
		return ""
	}
	return d
}

// DecisionDeadline is the last day for the competent committee to decide an
// admission: 60 working days after the cell's resolution (90 with the
// extension); "" for an invalid date.
func DecisionDeadline(cal *vn.Calendar, resolution string, extended bool) string {
	return deadline(cal, "admission.decision_deadline", resolution, extended)
}

// CeremonyDeadline is the last day for the admission ceremony: 30 working
// days after the cell received the decision.
func CeremonyDeadline(cal *vn.Calendar, received string) string {
	return deadline(cal, "admission.ceremony_deadline", received, false)
}

// ProbationEnd is the day the 12 months of probation counted from the
// ceremony are complete: the same day of the month a year later (the last
// day of a shorter month); "" for an invalid date.
func ProbationEnd(ceremony string) string {
	months := 12
	if r, ok := At("probation.length", ceremony); ok {
		months = r.Param("months")
	}
	return AddMonths(ceremony, months)
}

// OfficialDate is the date a probationary member becomes official: the end
// of probation, even when the cell or the committee decides later.
func OfficialDate(ceremony string) string { return ProbationEnd(ceremony) }

// ReviewDeadline is the last day for the cell to review a probationary
// member: 30 working days after the probation ends.
func ReviewDeadline(cal *vn.Calendar, ceremony string) string {
	end := ProbationEnd(ceremony)
	if end == "" {
		return ""
	}
	return deadline(cal, "probation.review_deadline", end, false)
}

// RecognitionDeadline is the last day for the competent committee to decide
// official recognition: 30 working days after the cell's resolution (60 with
// the extension).
func RecognitionDeadline(cal *vn.Calendar, resolution string, extended bool) string {
	return deadline(cal, "probation.recognition_deadline", resolution, extended)
}

// TransferStartDeadline is the last day for a member to start an official
// transfer: 60 working days after the decision takes effect or the move.
func TransferStartDeadline(cal *vn.Calendar, effective string) string {
	return deadline(cal, "transfer.start_deadline", effective, false)
}

// SlipDeadline is the last day to present the transfer slip to the
// receiving organization, counted from the day the member was introduced,
// with the organization's configured count (built-in: 30 working days).
func (s *Set) SlipDeadline(cal *vn.Calendar, introduced string) string {
	d, err := orDefault(s).Deadline(cal, "transfer.slip_deadline", introduced, false)
	if err != nil {
		return ""
	}
	return d
}

// SlipDeadline is Set.SlipDeadline on the built-in set.
func SlipDeadline(cal *vn.Calendar, introduced string) string {
	return Default().SlipDeadline(cal, introduced)
}
