package service

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"tochuc"
	"tochuc/store"
)

// memberChanges lists the identity fields that differ between two versions of a member, by
// their CSV column names. The citizen ID is masked: the trail shows that it changed, and which
// number it was only to those who can read the record anyway.
func memberChanges(old, new tochuc.Member) []tochuc.FieldChange {
	var out []tochuc.FieldChange
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(new)
	t := ov.Type()
	for i := 0; i < t.NumField(); i++ {
		name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		if skipInDiff[name] {
			continue
		}
		a, b := fieldString(ov.Field(i)), fieldString(nv.Field(i))
		if a == b {
			continue
		}
		if name == "citizen_id" {
			a, b = maskID(a), maskID(b)
		}
		out = append(out, tochuc.FieldChange{Field: name, Old: a, New: b})
	}
	return out
}

// skipInDiff are fields derived from others or from the timeline, never edited directly.
var skipInDiff = map[string]bool{"id": true, "full_name": true, "has_photo": true, "org_id": true,
	"org_code": true, "org_name": true, "status": true}

func fieldString(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		if v.Bool() {
			return "true"
		}
		return "false"
	}
	return ""
}

// maskID keeps the first and last two characters of an identity number.
func maskID(s string) string {
	if len(s) <= 4 {
		return strings.Repeat("*", len(s))
	}
	return s[:2] + strings.Repeat("*", len(s)-4) + s[len(s)-2:]
}

// eventChanges describes a timeline event for the trail.
func eventChanges(e tochuc.MemberEvent) []tochuc.FieldChange {
	out := []tochuc.FieldChange{{Field: "kind", New: e.Kind}, {Field: "date", New: string(e.Date)}}
	if e.OrgCode != "" {
		out = append(out, tochuc.FieldChange{Field: "org_code", New: e.OrgCode})
	}
	if e.Document != "" {
		out = append(out, tochuc.FieldChange{Field: "document", New: e.Document})
	}
	return out
}

// auditTree records each change a tree write made, one entry per org event.
func auditTree(ctx context.Context, tx *store.Tx, log *treeLog, d tochuc.Date) error {
	for _, ev := range log.events {
		e := entry(ctx, tochuc.AuditOrgChange, "org", ev.OrgCode, ev.OrgID)
		e.Changes = []tochuc.FieldChange{{Field: "kind", New: ev.Kind}, {Field: "date", New: string(d)}}
		if ev.Document != "" {
			e.Changes = append(e.Changes, tochuc.FieldChange{Field: "document", New: ev.Document})
		}
		if ev.Detail != "" {
			e.Detail = ev.Detail
		}
		if err := tx.AppendAudit(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// importEntry summarizes a whole import in one entry: thousands of rows are one decision.
func importEntry(ctx context.Context, what string, rep *tochuc.ImportReport) *tochuc.AuditEntry {
	e := entry(ctx, tochuc.AuditImport, what, "", 0)
	e.Detail = fmt.Sprintf("%d dòng: %d mới, %d cập nhật, %d không đổi", rep.Rows, rep.Created, rep.Updated, rep.Unchanged)
	return e
}
