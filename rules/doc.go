// Package rules holds the Party's rules for the member lifecycle as dated
// data, so that every action is judged by the text in force on the action's
// date and every refusal names that text.
//
// A Rule is one version of a rule: its ID, its statement in Vietnamese, its
// legal basis (document symbol and clause), the dates [From, To) it was in
// force and its numbers (Params). A rule whose basis changed has a version
// per text even when its numbers did not: the regulation implementing the
// Statute went QĐ 24-QĐ/TW (30/7/2021) → QĐ 232-QĐ/TW (20/01/2025) →
// QĐ 294-QĐ/TW (1/7/2025), the Secretariat's guidance HD 01-HD/TW (2016,
// 2021) → HD 06-HD/TW (9/6/2025), the Organization Board's procedures
// HD 09-HD/BTCTW (2017) → HD 12-HD/BTCTW (18/01/2022). Dates before the
// first encoded text of a rule have no version: At returns false and the
// checks return an error asking for a decision by hand.
//
// At(id, date) returns the version in force on date; Rule.Refuse builds the
// refusal (tochuc.EINVALID, Subject = ID) whose message ends with
// " — " + Basis, e.g. "Người vào Đảng phải đủ 18 tuổi (tính theo tháng) tại
// thời điểm chi bộ xét kết nạp… — QĐ 294-QĐ/TW, điểm 1.1".
//
// Numbers marked Unverified (not confirmed against the official text, see
// docs/domain.md) and rules marked Configurable can be set per organization
// with WithOverrides; any other override is refused, naming the rule.
//
// Deadlines in working days are counted on a vn.Calendar with the
// convention that the day of the event does not count: "within 60 working
// days of the cell's resolution" ends on cal.AddWorkingDays(resolution, 60),
// the last day still on time.
//
// Rules (Params in brackets; U = Unverified, configurable):
//
//	ID                              basis (2021 → 2025 → 2025-07)        rule
//	admission.age                   QĐ 24/232/294, điểm 1.1               18–60 years in months at the cell's vote [min_months 216, max_months 720]
//	admission.age_over60            QĐ …, điểm 1.1; HD 01 → HD 06         over 60: provincial standing committee's written consent
//	admission.education             QĐ …, điểm 1.2                        lower-secondary diploma, or a Secretariat exception
//	admission.introducers           Điều lệ Điều 4.1; QĐ …, điểm 3.2      2 official introducers (1 + Youth Union resolution), 12 months together [introducers 2, youth_introducers 1, months_together 12]
//	admission.awareness_certificate HD 09 → HD 12-HD/BTCTW                U: certificate valid [valid_months 60]
//	admission.cell_vote             Điều lệ Điều 4.3                      ≥ 2/3 of the cell's official members [num 2, den 3]
//	admission.committee_vote        Điều lệ Điều 4.3                      ≥ 2/3 of the basic committee [num 2, den 3]
//	admission.decision_deadline     QĐ …, điểm 4.3.1                      decision within 60 working days of the cell's resolution [working_days 60, extension 30]
//	admission.ceremony_deadline     QĐ …, điểm 4.1                        ceremony within 30 working days of receiving the decision [working_days 30]
//	probation.length                Điều lệ Điều 5.1                      12 months from the ceremony [months 12]
//	probation.review_deadline       QĐ …, điểm 4.2                        cell review within 30 working days after probation ends [working_days 30]
//	probation.recognition_deadline  QĐ …, điểm 4.3.1                      decision within 30 working days of the cell's resolution [working_days 30, extension 30]
//	probation.official_date         QĐ …, điểm 4.2                        official date = end of probation, even when approved late
//	probation.vote                  QĐ …, điểm 4.2                        ≥ 2/3 to recognize (or to propose removal) [num 2, den 3]
//	probation.escalation            QĐ …, điểm 4.2                        after 3 votes without 2/3 the higher committee decides [votes 3]
//	partyage.start                  Điều lệ Điều 5.4                      party age from the admission decision, minus gaps
//	card.official_only              QĐ …, mục 6                           cards only for official members
//	card.check                      HD 12-HD/BTCTW                        U: technical card check [months 60]
//	transfer.start_deadline         QĐ …, điểm 6.3.1                      start an official transfer within 60 working days [working_days 60]
//	transfer.slip_deadline          QĐ …, điểm 6.3.1                      U: present the slip within 30 (working) days [days 30, working 1]
//	transfer.temporary_duration     QĐ …, mục 6                           temporary: 3 to < 12 months, study 3 to 24 [min_months 3, max_months 12, study_max_months 24]
//	removal.grounds                 QĐ …, điểm 8.1                        the five grounds of removal [absence_months 3, no_progress_months 12, violation_years 2]
//	removal.vote                    HD 01, điểm 11.1 → HD 06              ≥ 2/3 of the cell and of the basic committee [num 2, den 3]
//	withdrawal.no_violation         HD 01, điểm 11.2 → HD 06              voluntary withdrawal only without violations
//	readmission.wait                QĐ …, điểm 3.5.1                      36 months since leaving, 60 after an expunged conviction [months 36, conviction_months 60]
//	readmission.consent             QĐ …, điểm 3.5.1                      provincial standing committee's written consent
//	readmission.barred              QĐ …, điểm 3.5.2                      the five barred cases
//	readmission.once                QĐ …, điểm 3.5.3                      once only [times 1]
//	readmission.probation           QĐ …, điểm 3.5.4                      probation again
//	exemption.conditions            QĐ …, điểm 7.1; HD 27-HD/BTCTW 2009   past working age or ill ≥ 3 months, and voluntary [illness_months 3]
//
// Each Rule carries the source URL it was read from (cited in
// docs/domain.md) and a Note where the clause number could not be read in
// the text itself (the "mục 6" rules, the Statute's clauses, HD 06).
package rules
