package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tochuc"
)

// CandidateKeys are the derived columns of a candidate: the collation key and the folded name.
type CandidateKeys struct {
	SortKey  []byte
	NameFold string
}

const candidateCols = `c.id, c.org_id, o.code, c.surname, c.middle_name, c.given_name, c.full_name, c.sex, c.birth_date,
	c.citizen_id, c.ethnicity, c.religion, c.education, c.occupation, c.residence, c.youth_union, c.stage,
	COALESCE(c.member_id, 0), c.note`

const candidateFrom = ` FROM candidates c JOIN orgs o ON o.id = c.org_id`

func scanCandidate(sc interface{ Scan(...any) error }) (tochuc.Candidate, error) {
	var c tochuc.Candidate
	var yu int
	err := sc.Scan(&c.ID, &c.OrgID, &c.OrgCode, &c.Surname, &c.MiddleName, &c.GivenName, &c.FullName, &c.Sex, &c.BirthDate,
		&c.CitizenID, &c.Ethnicity, &c.Religion, &c.Education, &c.Occupation, &c.Residence, &yu, &c.Stage,
		&c.MemberID, &c.Note)
	c.YouthUnion = yu != 0
	return c, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// InsertCandidate stores a new candidate and returns its id.
func (tx *Tx) InsertCandidate(ctx context.Context, c *tochuc.Candidate, k CandidateKeys) (int64, error) {
	ts := now()
	id, err := insertID(ctx, tx.q(), `INSERT INTO candidates (org_id, surname, middle_name, given_name, full_name, sex,
		birth_date, citizen_id, ethnicity, religion, education, occupation, residence, youth_union, stage, note,
		sort_key, name_fold, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)`,
		c.OrgID, c.Surname, c.MiddleName, c.GivenName, c.FullName, c.Sex, c.BirthDate, c.CitizenID, c.Ethnicity,
		c.Religion, c.Education, c.Occupation, c.Residence, boolInt(c.YouthUnion), c.Stage, c.Note,
		k.SortKey, k.NameFold, ts)
	if err != nil {
		return 0, fmt.Errorf("store: insert candidate: %w", err)
	}
	c.ID = id
	return id, nil
}

// UpdateCandidate rewrites a candidate's identity fields and cell (never its stage or steps).
func (tx *Tx) UpdateCandidate(ctx context.Context, c *tochuc.Candidate, k CandidateKeys) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE candidates SET org_id = $2, surname = $3, middle_name = $4, given_name = $5,
		full_name = $6, sex = $7, birth_date = $8, citizen_id = $9, ethnicity = $10, religion = $11, education = $12,
		occupation = $13, residence = $14, youth_union = $15, note = $16, sort_key = $17, name_fold = $18, updated_at = $19
		WHERE id = $1`,
		c.ID, c.OrgID, c.Surname, c.MiddleName, c.GivenName, c.FullName, c.Sex, c.BirthDate, c.CitizenID, c.Ethnicity,
		c.Religion, c.Education, c.Occupation, c.Residence, boolInt(c.YouthUnion), c.Note, k.SortKey, k.NameFold, now())
	if err != nil {
		return fmt.Errorf("store: update candidate: %w", err)
	}
	return nil
}

// SetCandidateStage records the stage a candidate reached and, after the ceremony, its member.
func (tx *Tx) SetCandidateStage(ctx context.Context, id int64, stage string, memberID int64) error {
	var m any
	if memberID != 0 {
		m = memberID
	}
	_, err := tx.q().ExecContext(ctx, `UPDATE candidates SET stage = $2, member_id = COALESCE($3, member_id), updated_at = $4
		WHERE id = $1`, id, stage, m, now())
	if err != nil {
		return fmt.Errorf("store: candidate stage: %w", err)
	}
	return nil
}

// InsertCandidateStep appends one step with its introducers.
func (tx *Tx) InsertCandidateStep(ctx context.Context, st *tochuc.CandidateStep) (int64, error) {
	id, err := insertID(ctx, tx.q(), `INSERT INTO candidate_steps (candidate_id, stage, step_date, number, history_date,
		union_resolution, result, yes_votes, total_votes, committee, extended, consent, exception_doc, document, doc_date,
		doc_signer, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		st.CandidateID, st.Stage, st.Date, st.Number, st.HistoryDate, st.UnionResolution, st.Result, st.Yes, st.Total,
		st.Committee, boolInt(st.Extended), st.Consent, st.Exception, st.Document, st.DocDate, st.Signer, st.Note, now())
	if err != nil {
		return 0, fmt.Errorf("store: insert candidate step: %w", err)
	}
	st.ID = id
	for _, in := range st.Introducers {
		if _, err := tx.q().ExecContext(ctx, `INSERT INTO candidate_introducers (step_id, candidate_id, member_id, since)
			VALUES ($1, $2, $3, $4)`, id, st.CandidateID, in.MemberID, in.Since); err != nil {
			return 0, fmt.Errorf("store: insert introducer: %w", err)
		}
	}
	return id, nil
}

// Candidate reads one candidate with its steps.
func (db *DB) Candidate(ctx context.Context, id int64) (tochuc.Candidate, error) {
	return candidate(ctx, db.q(), id)
}

// Candidate reads one candidate with its steps inside the transaction.
func (tx *Tx) Candidate(ctx context.Context, id int64) (tochuc.Candidate, error) {
	return candidate(ctx, tx.q(), id)
}

func candidate(ctx context.Context, q querier, id int64) (tochuc.Candidate, error) {
	c, err := scanCandidate(q.QueryRowContext(ctx, `SELECT `+candidateCols+candidateFrom+` WHERE c.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy quần chúng ưu tú số %d", id)
	} else if err != nil {
		return c, fmt.Errorf("store: candidate %d: %w", id, err)
	}
	c.Steps, err = candidateSteps(ctx, q, id)
	return c, err
}

func candidateSteps(ctx context.Context, q querier, id int64) ([]tochuc.CandidateStep, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, candidate_id, stage, step_date, number, history_date, union_resolution,
		result, yes_votes, total_votes, committee, extended, consent, exception_doc, document, doc_date, doc_signer, note
		FROM candidate_steps WHERE candidate_id = $1 ORDER BY step_date, id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: candidate steps: %w", err)
	}
	var out []tochuc.CandidateStep
	for rows.Next() {
		var st tochuc.CandidateStep
		var ext int
		if err := rows.Scan(&st.ID, &st.CandidateID, &st.Stage, &st.Date, &st.Number, &st.HistoryDate, &st.UnionResolution,
			&st.Result, &st.Yes, &st.Total, &st.Committee, &ext, &st.Consent, &st.Exception, &st.Document, &st.DocDate,
			&st.Signer, &st.Note); err != nil {
			rows.Close()
			return nil, err
		}
		st.Extended = ext != 0
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	irows, err := q.QueryContext(ctx, `SELECT i.step_id, i.member_id, m.full_name, i.since FROM candidate_introducers i
		JOIN members m ON m.id = i.member_id WHERE i.candidate_id = $1 ORDER BY i.step_id, i.since, i.member_id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: candidate introducers: %w", err)
	}
	defer irows.Close()
	for irows.Next() {
		var step int64
		var in tochuc.CandidateIntroducer
		if err := irows.Scan(&step, &in.MemberID, &in.Name, &in.Since); err != nil {
			return nil, err
		}
		for i := range out {
			if out[i].ID == step {
				out[i].Introducers = append(out[i].Introducers, in)
			}
		}
	}
	return out, irows.Err()
}

// CandidateQuery selects the candidates of a subtree.
type CandidateQuery struct {
	Path  string      // the subtree as of AsOf; "" = everywhere
	AsOf  tochuc.Date // the date the subtree is read on
	Stage string      // "" any stage
	Limit int         // 0: 2000
}

// ListCandidates returns the candidates a query selects, by name in Vietnamese order, with
// their steps.
func (db *DB) ListCandidates(ctx context.Context, q CandidateQuery) ([]tochuc.Candidate, error) {
	where, args := "WHERE CAST($1 AS TEXT) IS NOT NULL", []any{q.AsOf}
	if q.Path != "" {
		lo, hi := tochuc.SubtreeRange(q.Path)
		args = append(args, lo, hi)
		where += ` AND c.org_id IN (SELECT sv.org_id FROM org_versions sv WHERE sv.path >= $2 AND sv.path < $3
			AND sv.valid_from <= $1 AND sv.valid_to > $1)`
	}
	if q.Stage != "" {
		args = append(args, q.Stage)
		where += fmt.Sprintf(" AND c.stage = $%d", len(args))
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 2000
	}
	rows, err := db.q().QueryContext(ctx, `SELECT `+candidateCols+candidateFrom+` `+where+
		fmt.Sprintf(` ORDER BY c.sort_key, c.id LIMIT %d`, limit), args...)
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	var out []tochuc.Candidate
	for rows.Next() {
		c, err := scanCandidate(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Steps, err = candidateSteps(ctx, db.q(), out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
