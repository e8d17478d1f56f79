package service

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/rules"
	"tochuc/store"
	"tochuc/vn"
)

// The rules and the working-day calendar an installation works with: the built-in rules with
// the values the organization board has set for the configurable (UNVERIFIED) numbers, and the
// national holiday schedule with the committee's own days off and make-up working days. Both
// are kept in the settings table and read once per write generation.

const (
	settingRuleOverrides = "rules_overrides"     // JSON rules.Overrides
	settingCalendar      = "calendar_exceptions" // JSON []CalendarDay
)

// CalendarDay is a committee's decision about one day.
type CalendarDay struct {
	Date    tochuc.Date `json:"date"`
	WorkDay bool        `json:"work_day"` // a make-up working day; false: an extra day off
	Note    string      `json:"note"`     // the deciding document
}

type configCache struct {
	gen   int64
	set   *rules.Set
	cal   *vn.Calendar
	days  []CalendarDay
	over  rules.Overrides
	valid bool
}

// config reads the rule overrides and the calendar, cached until the next write.
func (s *Service) config(ctx context.Context) (*rules.Set, *vn.Calendar) {
	gen := s.generation()
	s.mu.Lock()
	c := s.cfg
	s.mu.Unlock()
	if c.valid && c.gen == gen {
		return c.set, c.cal
	}
	c = configCache{gen: gen, set: rules.Default(), cal: vn.NewCalendar(), valid: true}
	if raw, err := s.DB.Setting(ctx, settingRuleOverrides); err == nil && raw != "" {
		var o rules.Overrides
		if json.Unmarshal([]byte(raw), &o) == nil {
			if set, err := rules.WithOverrides(o); err == nil {
				c.set, c.over = set, o
			}
		}
	}
	if raw, err := s.DB.Setting(ctx, settingCalendar); err == nil && raw != "" {
		if json.Unmarshal([]byte(raw), &c.days) == nil {
			var ex []vn.Exception
			for _, d := range c.days {
				ex = append(ex, vn.Exception{Date: d.Date.Time(), WorkDay: d.WorkDay, Note: d.Note})
			}
			c.cal = vn.NewCalendar(ex...)
		}
	}
	s.mu.Lock()
	s.cfg = c
	s.mu.Unlock()
	return c.set, c.cal
}

// ruleSet is the rules in force in this installation.
func (s *Service) ruleSet(ctx context.Context) *rules.Set { set, _ := s.config(ctx); return set }

// calendar is the working-day calendar of this installation.
func (s *Service) calendar(ctx context.Context) *vn.Calendar { _, cal := s.config(ctx); return cal }

// requireRoot checks that the actor administers the whole tree: installation settings are
// for the provincial board at the root, not for a commune.
func (s *Service) requireRoot(ctx context.Context) error {
	r, err := s.reachFor(ctx, tochuc.PermUsers, s.Today())
	if err != nil {
		return err
	}
	if !r.all {
		return tochuc.Errorf(tochuc.EFORBIDDEN, "Chỉ quản trị viên ở gốc cây tổ chức mới đổi được cấu hình chung.")
	}
	return nil
}

// RuleOverrides returns the values set for configurable rules.
func (s *Service) RuleOverrides(ctx context.Context) (rules.Overrides, error) {
	if _, err := s.reachFor(ctx, tochuc.PermCounts, s.Today()); err != nil {
		return nil, err
	}
	s.config(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.over, nil
}

// SetRuleParam sets one configurable number of a rule (value < 0 removes the override).
func (s *Service) SetRuleParam(ctx context.Context, id, param string, value int) error {
	if err := s.requireRoot(ctx); err != nil {
		return err
	}
	s.config(ctx)
	s.mu.Lock()
	o := rules.Overrides{}
	for k, v := range s.cfg.over {
		o[k] = map[string]int{}
		for p, n := range v {
			o[k][p] = n
		}
	}
	s.mu.Unlock()
	old := ""
	if v, ok := o[id][param]; ok {
		old = strconv.Itoa(v)
	}
	if value < 0 {
		delete(o[id], param)
		if len(o[id]) == 0 {
			delete(o, id)
		}
	} else {
		if o[id] == nil {
			o[id] = map[string]int{}
		}
		o[id][param] = value
	}
	if _, err := rules.WithOverrides(o); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "%s", err.Error())
	}
	raw, _ := json.Marshal(o)
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, settingRuleOverrides, string(raw)); err != nil {
			return err
		}
		e := entry(ctx, "config.change", "rule", id, 0)
		nv := ""
		if value >= 0 {
			nv = strconv.Itoa(value)
		}
		e.Changes = []tochuc.FieldChange{{Field: param, Old: old, New: nv}}
		return tx.AppendAudit(ctx, e)
	})
	s.changed()
	return err
}

// CalendarDays lists the committee's own days.
func (s *Service) CalendarDays(ctx context.Context) ([]CalendarDay, error) {
	if _, err := s.reachFor(ctx, tochuc.PermCounts, s.Today()); err != nil {
		return nil, err
	}
	s.config(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CalendarDay(nil), s.cfg.days...), nil
}

// SetCalendarDay adds or replaces a committee's decision about one day; remove deletes it.
func (s *Service) SetCalendarDay(ctx context.Context, day CalendarDay, remove bool) error {
	if err := s.requireRoot(ctx); err != nil {
		return err
	}
	if _, err := tochuc.ParseISODate(string(day.Date)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "Ngày %q không hợp lệ (dạng yyyy-mm-dd).", day.Date)
	}
	day.Note = strings.TrimSpace(vn.NFC(day.Note))
	if !remove && day.Note == "" {
		return tochuc.Errorf(tochuc.EINVALID, "Cần ghi văn bản quyết định ngày nghỉ hoặc ngày làm bù.")
	}
	days, _ := s.CalendarDays(ctx)
	var out []CalendarDay
	for _, d := range days {
		if d.Date != day.Date {
			out = append(out, d)
		}
	}
	if !remove {
		out = append(out, day)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	raw, _ := json.Marshal(out)
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, settingCalendar, string(raw)); err != nil {
			return err
		}
		e := entry(ctx, "config.change", "calendar", string(day.Date), 0)
		what := "ngày nghỉ thêm"
		if day.WorkDay {
			what = "ngày làm bù"
		}
		if remove {
			what = "bỏ"
		}
		e.Changes = []tochuc.FieldChange{{Field: "day", New: what}}
		e.Detail = day.Note
		return tx.AppendAudit(ctx, e)
	})
	s.changed()
	return err
}

// IsWorkingDay tells whether d is a working day in this installation's calendar.
func (s *Service) IsWorkingDay(ctx context.Context, d tochuc.Date) bool {
	return s.calendar(ctx).IsWorkingDay(d.Time())
}

// deadline is the last day on time for a deadline rule counted from a date, with the
// installation's values and calendar ("" when no rule covers the date).
func deadline(set *rules.Set, cal *vn.Calendar, id string, from tochuc.Date) tochuc.Date {
	d, err := set.Deadline(cal, id, string(from), false)
	if err != nil {
		return ""
	}
	return tochuc.Date(d)
}

// Rules lists the rule versions in force on d with the installation's values.
func (s *Service) Rules(ctx context.Context, d tochuc.Date) ([]rules.Rule, error) {
	if _, err := s.reachFor(ctx, tochuc.PermCounts, s.Today()); err != nil {
		return nil, err
	}
	set := s.ruleSet(ctx)
	var out []rules.Rule
	for _, id := range set.IDs() {
		if r, ok := set.At(id, string(d)); ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// Holidays lists the days off of a year in this installation's calendar.
func (s *Service) Holidays(ctx context.Context, year int) ([]vn.Holiday, error) {
	if _, err := s.reachFor(ctx, tochuc.PermCounts, s.Today()); err != nil {
		return nil, err
	}
	return s.calendar(ctx).Holidays(year), nil
}
