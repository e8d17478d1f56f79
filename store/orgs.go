package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tochuc"
)

const orgCols = `v.org_id, o.code, v.name, v.kind, v.setting, COALESCE(v.parent_id, 0), COALESCE(p.code, ''),
	v.admin_unit_code, v.attrs, v.path, v.depth, v.valid_from, v.valid_to`

const orgFrom = ` FROM org_versions v JOIN orgs o ON o.id = v.org_id LEFT JOIN orgs p ON p.id = v.parent_id `

func scanOrg(sc interface{ Scan(...any) error }) (tochuc.Org, error) {
	var o tochuc.Org
	var attrs string
	err := sc.Scan(&o.ID, &o.Code, &o.Name, &o.Kind, &o.Setting, &o.ParentID, &o.ParentCode,
		&o.AdminUnitCode, &attrs, &o.Path, &o.Depth, &o.ValidFrom, &o.ValidTo)
	o.Attrs = tochuc.SplitAttrs(attrs)
	return o, err
}

func collectOrgs(rows *sql.Rows, err error) ([]tochuc.Org, error) {
	return collect(rows, err, "orgs", scanOrg)
}

// OrgsAsOf returns every org as it stood on day d, parents before children.
func (db *DB) OrgsAsOf(ctx context.Context, d tochuc.Date) ([]tochuc.Org, error) {
	return orgsAsOf(ctx, db.q(), d)
}

// OrgsAsOf is OrgsAsOf inside a transaction.
func (tx *Tx) OrgsAsOf(ctx context.Context, d tochuc.Date) ([]tochuc.Org, error) {
	return orgsAsOf(ctx, tx.q(), d)
}

func orgsAsOf(ctx context.Context, q querier, d tochuc.Date) ([]tochuc.Org, error) {
	return collectOrgs(q.QueryContext(ctx, `SELECT `+orgCols+orgFrom+
		`WHERE v.valid_from <= $1 AND v.valid_to > $1 ORDER BY v.path`, d))
}

// SubtreeAsOf returns the orgs of the subtree rooted at path (inclusive) on day d, in path order.
func (db *DB) SubtreeAsOf(ctx context.Context, path string, d tochuc.Date) ([]tochuc.Org, error) {
	lo, hi := tochuc.SubtreeRange(path)
	return collectOrgs(db.q().QueryContext(ctx, `SELECT `+orgCols+orgFrom+
		`WHERE v.path >= $1 AND v.path < $2 AND v.valid_from <= $3 AND v.valid_to > $3 ORDER BY v.path`, lo, hi, d))
}

// ChildrenAsOf returns the direct children of an org on day d: those of an administrative unit
// in the official code order every statistical table uses, then the others by Vietnamese name.
func (db *DB) ChildrenAsOf(ctx context.Context, parentID int64, d tochuc.Date) ([]tochuc.Org, error) {
	if parentID == 0 {
		return collectOrgs(db.q().QueryContext(ctx, `SELECT `+orgCols+orgFrom+
			`WHERE v.parent_id IS NULL AND v.valid_from <= $1 AND v.valid_to > $1 ORDER BY CASE WHEN v.admin_unit_code = '' THEN 1 ELSE 0 END, v.admin_unit_code, v.sort_key`, d))
	}
	return collectOrgs(db.q().QueryContext(ctx, `SELECT `+orgCols+orgFrom+
		`WHERE v.parent_id = $1 AND v.valid_from <= $2 AND v.valid_to > $2 ORDER BY CASE WHEN v.admin_unit_code = '' THEN 1 ELSE 0 END, v.admin_unit_code, v.sort_key`, parentID, d))
}

// OrgByCodeAsOf finds an org by its stable code as it stood on day d.
func (db *DB) OrgByCodeAsOf(ctx context.Context, code string, d tochuc.Date) (tochuc.Org, error) {
	o, err := scanOrg(db.q().QueryRowContext(ctx, `SELECT `+orgCols+orgFrom+
		`WHERE o.code = $1 AND v.valid_from <= $2 AND v.valid_to > $2`, code, d))
	if errors.Is(err, sql.ErrNoRows) {
		return o, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy tổ chức đảng mã %q vào ngày %s", code, d.Display())
	}
	return o, err
}

// OrgByIDAsOf finds an org by id as it stood on day d.
func (db *DB) OrgByIDAsOf(ctx context.Context, id int64, d tochuc.Date) (tochuc.Org, error) {
	o, err := scanOrg(db.q().QueryRowContext(ctx, `SELECT `+orgCols+orgFrom+
		`WHERE v.org_id = $1 AND v.valid_from <= $2 AND v.valid_to > $2`, id, d))
	if errors.Is(err, sql.ErrNoRows) {
		return o, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy tổ chức đảng vào ngày %s", d.Display())
	}
	return o, err
}

// OrgVersions returns every version of one org, oldest first: its history.
func (db *DB) OrgVersions(ctx context.Context, id int64) ([]tochuc.Org, error) {
	return collectOrgs(db.q().QueryContext(ctx, `SELECT `+orgCols+orgFrom+
		`WHERE v.org_id = $1 ORDER BY v.valid_from`, id))
}

// OrgEvents returns the changes recorded for one org, oldest first.
func (db *DB) OrgEvents(ctx context.Context, id int64) ([]tochuc.OrgEvent, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT e.id, e.kind, e.effective_date, e.org_id, o.code, e.document, e.detail
		FROM org_events e JOIN orgs o ON o.id = e.org_id WHERE e.org_id = $1 ORDER BY e.effective_date, e.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: org events: %w", err)
	}
	defer rows.Close()
	var out []tochuc.OrgEvent
	for rows.Next() {
		var e tochuc.OrgEvent
		if err := rows.Scan(&e.ID, &e.Kind, &e.Date, &e.OrgID, &e.OrgCode, &e.Document, &e.Detail); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// OrgIDsByCode maps every known code (of any date) to its org id.
func (tx *Tx) OrgIDsByCode(ctx context.Context) (map[string]int64, error) {
	return orgCodes(ctx, tx.q())
}

// OrgCodes maps every org code ever used to its id.
func (db *DB) OrgCodes(ctx context.Context) (map[string]int64, error) {
	return orgCodes(ctx, db.q())
}

func orgCodes(ctx context.Context, q querier) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, code FROM orgs`)
	if err != nil {
		return nil, fmt.Errorf("store: org codes: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[code] = id
	}
	return out, rows.Err()
}

// LatestOrgChange returns the latest valid_from of any version of the given orgs: a change
// dated before it would rewrite history that later changes stand on.
func (tx *Tx) LatestOrgChange(ctx context.Context) (tochuc.Date, error) {
	var d sql.NullString
	err := tx.q().QueryRowContext(ctx, `SELECT MAX(valid_from) FROM org_versions`).Scan(&d)
	return tochuc.Date(d.String), err
}

// InsertOrgs registers new stable codes and returns their ids.
func (tx *Tx) InsertOrgs(ctx context.Context, codes []string) (map[string]int64, error) {
	t := now()
	rows := make([][]any, len(codes))
	for i, c := range codes {
		rows[i] = []any{c, t}
	}
	if err := insertRows(ctx, tx, "orgs", "code, created_at", rows); err != nil {
		return nil, fmt.Errorf("store: insert orgs: %w", err)
	}
	out := make(map[string]int64, len(codes))
	for len(codes) > 0 {
		n := min(len(codes), 500)
		args := make([]any, n)
		for i := range args {
			args[i] = codes[i]
		}
		rs, err := tx.q().QueryContext(ctx, `SELECT id, code FROM orgs WHERE code IN (`+tx.db.params(1, n)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var id int64
			var code string
			if err := rs.Scan(&id, &code); err != nil {
				rs.Close()
				return nil, err
			}
			out[code] = id
		}
		rs.Close()
		codes = codes[n:]
	}
	return out, nil
}

// InsertOrgEvents records changes of the tree.
func (tx *Tx) InsertOrgEvents(ctx context.Context, events []tochuc.OrgEvent) error {
	t := now()
	rows := make([][]any, len(events))
	for i, e := range events {
		rows[i] = []any{e.Kind, string(e.Date), e.OrgID, e.Document, e.Detail, t}
	}
	if err := insertRows(ctx, tx, "org_events", "kind, effective_date, org_id, document, detail, created_at", rows); err != nil {
		return fmt.Errorf("store: insert org events: %w", err)
	}
	return nil
}

// CloseOrgVersions ends, on day d, the versions of the orgs that are valid on d; a version
// that starts on d itself is removed (replaced by the caller's new version).
func (tx *Tx) CloseOrgVersions(ctx context.Context, ids []int64, d tochuc.Date) error {
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := []any{d}
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		in := tx.db.params(2, n)
		if _, err := tx.q().ExecContext(ctx, `DELETE FROM org_versions WHERE valid_from = $1 AND org_id IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("store: replace org versions: %w", err)
		}
		if _, err := tx.q().ExecContext(ctx, `UPDATE org_versions SET valid_to = $1
			WHERE valid_from < $1 AND valid_to > $1 AND org_id IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("store: close org versions: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// OrgVersion is a version to write with its collation key.
type OrgVersion struct {
	Org     tochuc.Org
	SortKey []byte
}

// InsertOrgVersions adds versions of orgs, each valid from Org.ValidFrom to Org.ValidTo.
func (tx *Tx) InsertOrgVersions(ctx context.Context, vs []OrgVersion) error {
	rows := make([][]any, len(vs))
	for i, v := range vs {
		o := v.Org
		var parent any
		if o.ParentID != 0 {
			parent = o.ParentID
		}
		to := o.ValidTo
		if to == "" {
			to = tochuc.Forever
		}
		rows[i] = []any{o.ID, string(o.ValidFrom), string(to), parent, o.Path, o.Depth, o.Name, o.Kind, o.Setting,
			o.AdminUnitCode, tochuc.JoinAttrs(o.Attrs), v.SortKey}
	}
	err := insertRows(ctx, tx, "org_versions", `org_id, valid_from, valid_to, parent_id, path, depth,
		name, kind, setting, admin_unit_code, attrs, sort_key`, rows)
	if err != nil {
		return fmt.Errorf("store: insert org versions: %w", err)
	}
	return nil
}

// insertRows writes rows with multi-row INSERTs of at most 500 rows. SQLite gets anonymous
// "?" placeholders: it resolves each named "$n" with a linear search, quadratic in a long VALUES.
func insertRows(ctx context.Context, tx *Tx, table, cols string, rows [][]any) error {
	q := tx.q()
	for len(rows) > 0 {
		ncol := len(rows[0])
		n := min(len(rows), 500, 30000/ncol)
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
		args := make([]any, 0, n*ncol)
		for i, r := range rows[:n] {
			if i > 0 {
				sb.WriteByte(',')
			}
			if tx.db.Engine == SQLite {
				sb.WriteString("(" + strings.Repeat("?,", ncol-1) + "?)")
			} else {
				sb.WriteString("(" + placeholders(len(args)+1, ncol) + ")")
			}
			args = append(args, r...)
		}
		if _, err := q.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// AllOrgVersions returns every version of every org: the whole history, oldest first.
func (db *DB) AllOrgVersions(ctx context.Context) ([]tochuc.Org, error) {
	return collectOrgs(db.q().QueryContext(ctx, `SELECT `+orgCols+orgFrom+` ORDER BY v.valid_from, v.path`))
}
