package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tochuc"
	"tochuc/auth"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
	"tochuc/web"
)

// The access-control matrix: every route of the table, for every role, with users of two
// sibling subtrees. Users of subtree B ask for subtree A's objects (in the path, the query and
// the body): nothing of A may come back, and nothing of A may change. A route without a rule
// in accessRules fails the test, so a new route cannot ship without one.

func sysCtx() context.Context {
	return tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
}

// side is one of the two sibling subtrees with its objects and its users by role.
type side struct {
	province, commune, cell string
	member                  int64 // a member placed in cell
	memberName              string
	cccd                    string
	users                   map[string]*session // by role
	userIDs                 map[string]int64
	grantID                 int64 // a grant of the side's staff user
	tokenID                 int64 // an API token of the side's staff user
	transfer                int64 // a temporary transfer of the side's member (cell → commune)
	candidate               int64 // a candidate developed by cell (quần chúng ưu tú)
	secrets                 []string
}

type session struct {
	token, csrf string
	bearer      string
}

type matrix struct {
	svc  *service.Service
	h    http.Handler
	a, b *side
}

var accessOrgs = []importer.OrgRow{
	{Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: tochuc.KindParty},
	{Code: "PA", Name: "Đảng bộ tỉnh Anpha", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
	{Code: "PB", Name: "Đảng bộ tỉnh Bêta", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
	{Code: "XA", Name: "Đảng bộ xã Anphaxa", Kind: tochuc.KindBasicCommittee, ParentCode: "PA"},
	{Code: "XB", Name: "Đảng bộ xã Bêtaxa", Kind: tochuc.KindBasicCommittee, ParentCode: "PB"},
	{Code: "XA-C1", Name: "Chi bộ thôn Anphathon", Kind: tochuc.KindCell, ParentCode: "XA"},
	{Code: "XB-C1", Name: "Chi bộ thôn Bêtathon", Kind: tochuc.KindCell, ParentCode: "XB"},
}

func newMatrix(t *testing.T, db *store.DB) *matrix {
	ctx := sysCtx()
	svc := service.New(db)
	rows := append([]importer.OrgRow(nil), accessOrgs...)
	for i := range rows {
		rows[i].Line, rows[i].ValidFrom = i+2, "2000-01-01"
	}
	if rep, err := svc.ImportOrgs(ctx, rows, false); err != nil || rep.Failed() {
		t.Fatalf("orgs: %v %v", err, rep)
	}
	h, err := web.New(svc, slog.New(slog.DiscardHandler), web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := &matrix{svc: svc, h: h}
	m.a = m.makeSide(t, "a", "PA", "XA", "XA-C1", "Anphanguoi", 1)
	m.b = m.makeSide(t, "b", "PB", "XB", "XB-C1", "Bêtanguoi", 2)
	m.a.secrets = append(m.a.secrets, "Anphanguoi", "Anphaxa", "Anphathon", "tỉnh Anpha", "user_a_")
	return m
}

func (m *matrix) makeSide(t *testing.T, tag, province, commune, cell, given string, serial int) *side {
	ctx := sysCtx()
	s := &side{province: province, commune: commune, cell: cell, users: map[string]*session{}, userIDs: map[string]int64{}}
	mem := tochuc.Member{FullName: "Nguyễn Văn " + given, Sex: "male", BirthDate: "1980-05-10",
		CitizenID: vn.MakeCitizenID("002", 1980, "male", serial), AdmissionDate: "2010-03-01", OfficialDate: "2011-03-01"}
	id, err := m.svc.CreateMember(ctx, mem, cell)
	if err != nil {
		t.Fatal(err)
	}
	s.member, s.memberName, s.cccd = id, mem.FullName, mem.CitizenID
	if s.transfer, err = m.svc.IssueTransfer(ctx, service.TransferInput{MemberID: id, Kind: tochuc.TransferTemporary,
		ToOrgCode: commune, Date: "2025-09-01", Months: 6}); err != nil {
		t.Fatal(err)
	}
	cid, err := m.svc.CreateCandidate(ctx, tochuc.Candidate{FullName: "Lê Thị " + given + "qc", Sex: "female",
		BirthDate: "2000-03-12", Education: "upper_secondary"}, cell, "2025-01-10")
	if err != nil {
		t.Fatal(err)
	}
	s.candidate = cid
	if err := m.svc.SetPhoto(ctx, id, tinyPNG); err != nil {
		t.Fatal(err)
	}
	if err := m.svc.SetMemberRestricted(ctx, id, store.Restricted{ProtectionNote: "ghi chú mật " + given}, "kiểm thử phân quyền"); err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		role, org  string
		restricted bool
	}{
		{tochuc.RoleAdmin, province, true}, {tochuc.RoleStaff, province, true}, {tochuc.RoleLeader, province, false},
		{tochuc.RoleSecretary, cell, false}, {tochuc.RoleMember, cell, false},
	} {
		name := "user_" + tag + "_" + g.role
		pw := "mật khẩu dài cho kiểm thử số " + tag + strconv.Itoa(len(g.role)*7919)
		in := service.UserInput{Username: name, FullName: "Người dùng " + name, Password: pw}
		if g.role == tochuc.RoleMember {
			in.MemberID = id
		}
		uid, err := m.svc.CreateUser(ctx, in, g.role, g.org, g.restricted)
		if err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		s.userIDs[g.role] = uid
		s.users[g.role] = m.login(t, name, pw)
	}
	u, err := m.svc.DB.User(context.Background(), s.userIDs[tochuc.RoleStaff])
	if err != nil {
		t.Fatal(err)
	}
	s.grantID = u.Grants[0].ID
	staff := m.actorCtx(t, s.users[tochuc.RoleStaff])
	tok, err := m.svc.CreateAPIToken(staff, "kiểm thử")
	if err != nil {
		t.Fatal(err)
	}
	s.users[tochuc.RoleStaff].bearer = tok
	toks, _ := m.svc.APITokens(staff)
	s.tokenID = toks[0].ID
	return s
}

// login logs a user in through the service, finishing the second factor when the role needs it.
func (m *matrix) login(t *testing.T, name, pw string) *session {
	ctx := context.Background()
	l, err := m.svc.Authenticate(ctx, name, pw, "192.0.2.1", "test")
	if err != nil {
		t.Fatalf("login %s: %v", name, err)
	}
	if l.Stage() == service.StageEnroll {
		actx := m.actorCtx(t, &session{token: l.Token})
		en, err := m.svc.StartTOTP(actx)
		if err != nil {
			t.Fatal(err)
		}
		if l, err = m.svc.ConfirmTOTP(actx, l.Token, en.Secret, auth.TOTPCode(en.Secret, time.Now()), "192.0.2.1", "test"); err != nil {
			t.Fatalf("totp %s: %v", name, err)
		}
	}
	return &session{token: l.Token, csrf: l.Session.CSRFToken}
}

func (m *matrix) actorCtx(t *testing.T, s *session) context.Context {
	a, _, _, err := m.svc.SessionActor(context.Background(), s.token, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return tochuc.WithActor(context.Background(), a)
}

// tinyPNG is a 1×1 PNG.
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// req is one request a rule makes.
type req struct {
	method, path string
	form         url.Values // POST form (the session's csrf is added)
	json         string     // JSON body for API writes
}

// accessRules fill each route with the objects of one side. Every route of the table needs one.
var accessRules = map[string]func(s *side) []req{
	"GET /login/totp": func(s *side) []req { return []req{{method: "GET", path: "/login/totp"}} },
	"POST /login/totp": func(s *side) []req {
		return []req{{method: "POST", path: "/login/totp", form: url.Values{"code": {"000000"}}}}
	},
	"POST /logout":      nil, // ends the caller's own session only: run last, separately
	"GET /account":      func(s *side) []req { return []req{{method: "GET", path: "/account"}} },
	"GET /account/totp": func(s *side) []req { return []req{{method: "GET", path: "/account/totp"}} },
	"POST /account/totp": func(s *side) []req {
		return []req{{method: "POST", path: "/account/totp", form: url.Values{"secret": {"JBSWY3DPEHPK3PXP"}, "code": {"000000"}}}}
	},
	"POST /account/password": func(s *side) []req {
		return []req{{method: "POST", path: "/account/password", form: url.Values{"current": {"x"}, "new": {"y"}}}}
	},
	"POST /account/tokens": func(s *side) []req {
		return []req{{method: "POST", path: "/account/tokens", form: url.Values{"name": {"t"}}}}
	},
	"POST /account/tokens/{id}/revoke": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/account/tokens/%d/revoke", s.tokenID)}}
	},
	"GET /{$}": func(s *side) []req {
		return []req{{method: "GET", path: "/"}, {method: "GET", path: "/?org=" + s.province}}
	},
	"GET /orgs": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs"}, {method: "GET", path: "/orgs?q=" + url.QueryEscape(vn.Fold(s.memberName))}}
	},
	"GET /orgs/{code}": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.cell}, {method: "GET", path: "/orgs/" + s.province + "?as_of=2005-01-01"},
			{method: "GET", path: "/orgs/" + s.commune + "?q=" + url.QueryEscape(vn.Fold(s.memberName))}}
	},
	"GET /orgs/search": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/search?q=" + s.commune}, {method: "GET", path: "/orgs/search?q=" + s.province},
			{method: "GET", path: "/orgs/search?q=" + s.cell + "&as_of=2005-01-01"}}
	},
	"GET /members": func(s *side) []req {
		return []req{{method: "GET", path: "/members?q=" + url.QueryEscape(vn.Fold(s.memberName))},
			{method: "GET", path: "/members?q=" + url.QueryEscape(vn.Fold(s.memberName[strings.LastIndex(s.memberName, " ")+1:]))},
			{method: "GET", path: "/members?q=" + s.cccd}}
	},
	"GET /members/{id}":       func(s *side) []req { return []req{{method: "GET", path: fmt.Sprintf("/members/%d", s.member)}} },
	"GET /members/{id}/photo": func(s *side) []req { return []req{{method: "GET", path: fmt.Sprintf("/members/%d/photo", s.member)}} },
	"GET /members/{id}/forms/{file}": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/members/%d/forms/9-knd.pdf", s.member)},
			{method: "GET", path: fmt.Sprintf("/members/%d/forms/cong-nhan.docx", s.member)},
			{method: "GET", path: fmt.Sprintf("/members/%d/forms/gioi-thieu.pdf", s.member)}}
	},
	"GET /api/v1/members/{id}/forms/{form}": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/api/v1/members/%d/forms/9-knd?format=docx", s.member)},
			{method: "GET", path: fmt.Sprintf("/api/v1/members/%d/forms/cong-nhan", s.member)}}
	},
	"GET /api/v1/orgs": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/orgs"}, {method: "GET", path: "/api/v1/orgs?parent=" + s.province}}
	},
	"GET /api/v1/orgs/{code}/members": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/orgs/" + s.province + "/members"},
			{method: "GET", path: "/api/v1/orgs/" + s.cell + "/members?q=" + url.QueryEscape(vn.Fold(s.memberName))}}
	},
	"GET /api/v1/members/{id}": func(s *side) []req { return []req{{method: "GET", path: fmt.Sprintf("/api/v1/members/%d", s.member)}} },
	"GET /members/export": func(s *side) []req {
		return []req{{method: "GET", path: "/members/export?format=csv&org=" + s.province},
			{method: "GET", path: "/members/export?format=xlsx&org=" + s.cell + "&q=" + url.QueryEscape(vn.Fold(s.memberName))}}
	},
	"GET /members/{id}/edit": func(s *side) []req { return []req{{method: "GET", path: fmt.Sprintf("/members/%d/edit", s.member)}} },
	"POST /members/{id}/edit": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/members/%d/edit", s.member),
			form: url.Values{"full_name": {"Kẻ Xâm Nhập"}, "sex": {"male"}, "birth_date": {"1980"}, "residence": {"bị sửa"}}}}
	},
	"POST /members/{id}/restricted/view": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/members/%d/restricted/view", s.member), form: url.Values{"reason": {"kiểm tra chéo"}}}}
	},
	"POST /members/{id}/restricted": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/members/%d/restricted", s.member),
			form: url.Values{"reason": {"kiểm tra chéo"}, "protection_note": {"bị sửa"}}}}
	},
	"GET /worklist": func(s *side) []req {
		return []req{{method: "GET", path: "/worklist"}, {method: "GET", path: "/worklist?org=" + s.province + "&days=365"}}
	},
	"GET /worklist/export": func(s *side) []req {
		return []req{{method: "GET", path: "/worklist/export?org=" + s.province + "&days=365"}}
	},
	"GET /stats": func(s *side) []req {
		return []req{{method: "GET", path: "/stats?org=" + s.province + "&by=sex&by=status&children=1&fby=sex"}}
	},
	"GET /stats/members": func(s *side) []req {
		return []req{{method: "GET", path: "/stats/members?org=" + s.province + "&f.sex=male"}, {method: "GET", path: "/stats/members?org=" + s.cell}}
	},
	"GET /stats/orgs": func(s *side) []req {
		return []req{{method: "GET", path: "/stats/orgs?org=" + s.province + "&f.org_kind=cell|basic_cell"}, {method: "GET", path: "/stats/orgs?org=" + s.cell}}
	},
	"GET /api/v1/statforms/{form}/cell": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/statforms/1-TCTW/cell?org=" + s.province + "&as_of=2024-12-31&row=closing&col=female"}}
	},
	"GET /statforms/cell": func(s *side) []req {
		return []req{{method: "GET", path: "/statforms/cell?form=1-TCTW&org=" + s.province + "&as_of=2024-12-31&row=increase&col=total"}}
	},
	"GET /stats/orgs/export": func(s *side) []req {
		return []req{{method: "GET", path: "/stats/orgs/export?org=" + s.province + "&format=csv"},
			{method: "GET", path: "/stats/orgs/export?org=" + s.cell + "&format=xlsx&f.border=true"}}
	},
	"GET /stats/members/export": func(s *side) []req {
		return []req{{method: "GET", path: "/stats/members/export?org=" + s.province + "&format=csv"},
			{method: "GET", path: "/stats/members/export?org=" + s.cell + "&format=xlsx"}}
	},
	"GET /api/v1/stats/members": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/stats/members?org=" + s.province + "&by=sex&children=true"}}
	},
	"GET /api/v1/stats/flows": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/stats/flows?org=" + s.province + "&from=2000-01-01&by=sex"}}
	},
	"GET /statforms": func(s *side) []req {
		return []req{{method: "GET", path: "/statforms?form=1-TCTW&org=" + s.province + "&as_of=2024-12-31"}}
	},
	"GET /statforms/xlsx": func(s *side) []req {
		return []req{{method: "GET", path: "/statforms/xlsx?form=1-TCTW&org=" + s.commune + "&as_of=2024-12-31"}}
	},
	"GET /statforms/round": func(s *side) []req {
		return []req{{method: "GET", path: "/statforms/round?form=1-TCTW&org=" + s.province + "&as_of=2024-12-31"}}
	},
	"POST /statforms/round": func(s *side) []req {
		return []req{{method: "POST", path: "/statforms/round", form: url.Values{"form": {"1-TCTW"}, "org": {s.province}, "as_of": {"2024-12-31"}}}}
	},
	"POST /statforms/round/submit": func(s *side) []req {
		return []req{{method: "POST", path: "/statforms/round/submit", form: url.Values{"form": {"1-TCTW"}, "org": {s.province}, "as_of": {"2024-12-31"}, "unit": {s.commune}}}}
	},
	"POST /statforms/round/decide": func(s *side) []req {
		return []req{{method: "POST", path: "/statforms/round/decide", form: url.Values{"form": {"1-TCTW"}, "org": {s.province}, "as_of": {"2024-12-31"}, "unit": {s.commune}, "decision": {"approve"}}}}
	},
	"GET /api/v1/statforms": func(s *side) []req { return []req{{method: "GET", path: "/api/v1/statforms"}} },
	"GET /api/v1/statforms/{form}": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/statforms/1-TCTW?org=" + s.province + "&as_of=2024-12-31"}}
	},
	"GET /api/v1/statforms/{form}/round": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/statforms/1-TCTW/round?org=" + s.province + "&as_of=2024-12-31"}}
	},
	"POST /api/v1/statforms/{form}/round": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/statforms/1-TCTW/round", json: `{"org_code":"` + s.province + `","as_of":"2024-12-31"}`}}
	},
	"POST /api/v1/statforms/{form}/round/submit": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/statforms/1-TCTW/round/submit", json: `{"org_code":"` + s.province + `","as_of":"2024-12-31","unit_code":"` + s.commune + `"}`}}
	},
	"POST /api/v1/statforms/{form}/round/decide": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/statforms/1-TCTW/round/decide", json: `{"org_code":"` + s.province + `","as_of":"2024-12-31","unit_code":"` + s.commune + `","approve":true}`}}
	},
	"GET /orgs/{code}/targets": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.province + "/targets?year=2025"}, {method: "GET", path: "/orgs/" + s.cell + "/targets"}}
	},
	"POST /orgs/{code}/targets": func(s *side) []req {
		return []req{{method: "POST", path: "/orgs/" + s.province + "/targets", form: url.Values{"form": {"target"}, "year": {"2025"},
			"figure": {"admitted"}, "direction": {"at_least"}, "target": {"10"}}},
			{method: "POST", path: "/orgs/" + s.commune + "/targets", form: url.Values{"form": {"work"}, "year": {"2025"}, "title": {"Đề án Anphaxa"}}}}
	},
	"GET /api/v1/targets": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/targets?org=" + s.province + "&year=2025"},
			{method: "GET", path: "/api/v1/targets?org=" + s.province + "&year=2025&group=border"}}
	},
	"GET /reports/review": func(s *side) []req {
		return []req{{method: "GET", path: "/reports/review?org=" + s.province + "&period=2025H1"},
			{method: "GET", path: "/reports/review?org=" + s.commune + "&period=2025"}}
	},
	"GET /reports/review/download": func(s *side) []req {
		return []req{{method: "GET", path: "/reports/review/download?org=" + s.province + "&period=2025H1&format=docx"},
			{method: "GET", path: "/reports/review/download?org=" + s.commune + "&period=2025&format=pdf"}}
	},
	"GET /api/v1/reports/review": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/reports/review?org=" + s.province + "&period=2025H1"},
			{method: "GET", path: "/api/v1/reports/review?org=" + s.cell + "&period=2025&format=pdf"}}
	},
	"POST /api/v1/targets": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/targets", json: `{"org_code":"` + s.commune + `","year_from":2025,"figure":"admitted","target":5}`}}
	},
	"GET /stats/flows/members": func(s *side) []req {
		return []req{{method: "GET", path: "/stats/flows/members?org=" + s.province + "&from=2000-01-01&flow=admitted"},
			{method: "GET", path: "/stats/flows/members?org=" + s.cell + "&from=2000-01-01&flow=admitted&f.sex=male"}}
	},
	"GET /stats/flows/members/export": func(s *side) []req {
		return []req{{method: "GET", path: "/stats/flows/members/export?org=" + s.province + "&from=2000-01-01&flow=admitted&format=csv"},
			{method: "GET", path: "/stats/flows/members/export?org=" + s.cell + "&from=2000-01-01&flow=admitted&format=xlsx"}}
	},
	"GET /orgs/{code}/facts": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.province + "/facts"}, {method: "GET", path: "/orgs/" + s.cell + "/facts?as_of=2025-12-31"}}
	},
	"POST /orgs/{code}/facts": func(s *side) []req {
		return []req{{method: "POST", path: "/orgs/" + s.commune + "/facts", form: url.Values{"year": {"2025"}, "population": {"12.500"}, "villages": {"5"}}}}
	},
	"GET /api/v1/orgfacts": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/orgfacts?org=" + s.province}}
	},
	"POST /api/v1/orgfacts": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/orgfacts", json: `{"org_code":"` + s.commune + `","year":2025,"population":9000}`}}
	},
	"GET /api/v1/dashboard": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/dashboard?org=" + s.province + "&sort=members&dir=desc"}}
	},
	"GET /orgs/{code}/congresses": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.province + "/congresses?term=2025"}, {method: "GET", path: "/orgs/" + s.commune + "/congresses"}}
	},
	"POST /orgs/{code}/congresses": func(s *side) []req {
		return []req{{method: "POST", path: "/orgs/" + s.province + "/congresses", form: url.Values{"org_code": {s.cell}, "term": {"2025"},
			"held_on": {"2025-09-15"}}}}
	},
	"GET /api/v1/congresses": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/congresses?org=" + s.province + "&term=2025"}}
	},
	"POST /api/v1/congresses": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/congresses", json: `{"org_code":"` + s.cell + `","term_from":2025,"held_on":"2025-09-15"}`}}
	},
	"GET /api/v1/indicators": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/indicators?org=" + s.province + "&year=2025"}}
	},
	"GET /api/v1/programmes": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/programmes?org=" + s.province + "&year=2025"}}
	},
	"GET /api/v1/worklist": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/worklist?org=" + s.province + "&days=365"}}
	},
	"GET /orgs/{code}/months": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.cell + "/months?month=2026-01"}}
	},
	"POST /orgs/{code}/months": func(s *side) []req {
		return []req{{method: "POST", path: "/orgs/" + s.cell + "/months", form: url.Values{"month": {"2026-01"},
			"member": {fmt.Sprint(s.member)}, fmt.Sprintf("missed_%d", s.member): {"1"}}}}
	},
	"GET /api/v1/orgs/{code}/months/{month}": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/orgs/" + s.cell + "/months/2026-01"}}
	},
	"PUT /api/v1/orgs/{code}/months/{month}": func(s *side) []req {
		return []req{{method: "PUT", path: "/api/v1/orgs/" + s.cell + "/months/2026-01",
			json: fmt.Sprintf(`{"members":[{"member_id":%d,"missed_meeting":true}]}`, s.member)}}
	},
	"GET /members/{id}/actions/{action}": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/members/%d/actions/transfer", s.member)},
			{method: "GET", path: fmt.Sprintf("/members/%d/actions/readmit", s.member)}}
	},
	"POST /members/{id}/actions/{action}": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/members/%d/actions/transfer", s.member),
			form: url.Values{"date": {"2025-10-01"}, "to_org": {"XB-C1"}, "document": {"1-GGT"}}},
			{method: "POST", path: fmt.Sprintf("/members/%d/actions/death", s.member), form: url.Values{"date": {"2025-10-01"}}},
			{method: "POST", path: fmt.Sprintf("/members/%d/actions/remove", s.member),
				form: url.Values{"date": {"2025-10-01"}, "ground": {"2"}, "document": {"1-QĐ"}}}}
	},
	"GET /transfers": func(s *side) []req {
		return []req{{method: "GET", path: "/transfers?org=" + s.commune}, {method: "GET", path: "/transfers?org=" + s.province + "&as_of=2025-10-01"}}
	},
	"GET /transfers/in-transit": func(s *side) []req {
		return []req{{method: "GET", path: "/transfers/in-transit?org=" + s.province},
			{method: "GET", path: "/transfers/in-transit?format=csv&org=" + s.commune}}
	},
	"POST /transfers/{id}/receive": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/transfers/%d/receive", s.transfer), form: url.Values{"date": {"2025-09-05"}}}}
	},
	"POST /transfers/{id}/cancel": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/transfers/%d/cancel", s.transfer), form: url.Values{"date": {"2025-09-05"}}}}
	},
	"POST /api/v1/members/{id}/transfers": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/transfers", s.member), json: `{"to_org":"XB-C1","date":"2025-10-01"}`}}
	},
	"POST /api/v1/transfers/batch": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/transfers/batch", json: fmt.Sprintf(`{"member_ids":[%d],"to_org":"XB-C1","date":"2025-10-01"}`, s.member)}}
	},
	"POST /api/v1/transfers/{id}/receive": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/transfers/%d/receive", s.transfer), json: `{"date":"2025-09-05"}`}}
	},
	"POST /api/v1/transfers/{id}/cancel": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/transfers/%d/cancel", s.transfer), json: `{"date":"2025-09-05"}`}}
	},
	"GET /api/v1/transfers": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/transfers?org=" + s.commune}, {method: "GET", path: "/api/v1/transfers?org=" + s.province + "&side=in"}}
	},
	"GET /api/v1/transfers/in-transit": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/transfers/in-transit?org=" + s.province}}
	},
	"GET /api/v1/transfers/{id}/slip": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/api/v1/transfers/%d/slip", s.transfer)}}
	},
	"POST /api/v1/members/{id}/exits": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/exits", s.member), json: `{"kind":"deceased","date":"2025-10-01"}`}}
	},
	"POST /api/v1/members/{id}/exemption": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/exemption", s.member),
			json: `{"date":"2025-10-01","illness_months":6,"voluntary":true}`}}
	},
	"POST /api/v1/members/{id}/exemption/end": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/exemption/end", s.member), json: `{"date":"2025-10-01"}`}}
	},
	"POST /api/v1/members/{id}/readmission": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/readmission", s.member),
			json: `{"date":"2029-10-01","document":"1-QĐ","org":"XB-C1","consent_document":"2-CV"}`}}
	},
	"POST /api/v1/members/{id}/restoration": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/restoration", s.member), json: `{"date":"2025-10-01","document":"1-QĐ"}`}}
	},
	"GET /admin/users":     func(s *side) []req { return []req{{method: "GET", path: "/admin/users"}} },
	"GET /admin/users/new": func(s *side) []req { return []req{{method: "GET", path: "/admin/users/new"}} },
	"POST /admin/users": func(s *side) []req {
		return []req{{method: "POST", path: "/admin/users", form: url.Values{"username": {"xam_nhap"}, "full_name": {"Kẻ Xâm Nhập"},
			"password": {"một mật khẩu rất dài để xâm nhập"}, "role": {"admin"}, "org": {s.province}, "org_code": {s.province}}}}
	},
	"GET /admin/users/{id}": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/admin/users/%d", s.userIDs[tochuc.RoleStaff])}}
	},
	"POST /admin/users/{id}/grants": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/admin/users/%d/grants", s.userIDs[tochuc.RoleLeader]),
			form: url.Values{"role": {"admin"}, "org": {s.province}, "org_code": {s.province}}}}
	},
	"POST /admin/users/{id}/grants/{gid}/revoke": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/admin/users/%d/grants/%d/revoke", s.userIDs[tochuc.RoleStaff], s.grantID)}}
	},
	"POST /admin/users/{id}/disable": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/admin/users/%d/disable", s.userIDs[tochuc.RoleStaff]), form: url.Values{}}}
	},
	"POST /admin/users/{id}/enable": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/admin/users/%d/enable", s.userIDs[tochuc.RoleStaff]), form: url.Values{}}}
	},
	"POST /admin/users/{id}/sessions/end": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/admin/users/%d/sessions/end", s.userIDs[tochuc.RoleStaff]), form: url.Values{}}}
	},
	"GET /audit": func(s *side) []req {
		return []req{{method: "GET", path: "/audit"}, {method: "GET", path: fmt.Sprintf("/audit?object=member:%d", s.member)},
			{method: "GET", path: "/audit?object=org:" + s.cell}}
	},
	"GET /audit/verify":       func(s *side) []req { return []req{{method: "GET", path: "/audit/verify"}} },
	"GET /api/v1/me":          func(s *side) []req { return []req{{method: "GET", path: "/api/v1/me"}} },
	"GET /api/v1/orgs/{code}": func(s *side) []req { return []req{{method: "GET", path: "/api/v1/orgs/" + s.cell}} },
	"GET /api/v1/members": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/members?q=" + url.QueryEscape(vn.Fold(s.memberName))},
			{method: "GET", path: "/api/v1/members?org=" + s.province}}
	},
	"GET /api/v1/members/export": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/members/export?org=" + s.province}}
	},
	"PATCH /api/v1/members/{id}": func(s *side) []req {
		return []req{{method: "PATCH", path: fmt.Sprintf("/api/v1/members/%d", s.member), json: `{"residence":"bị sửa"}`}}
	},
	"POST /api/v1/members/{id}/events": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/events", s.member), json: `{"kind":"deceased","date":"2020-01-01"}`}}
	},
	"GET /api/v1/users": func(s *side) []req { return []req{{method: "GET", path: "/api/v1/users"}} },
	"POST /api/v1/users": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/users", json: `{"username":"xam_nhap2","full_name":"Kẻ Xâm Nhập","password":"một mật khẩu rất dài để xâm nhập","role":"admin","org_code":"` + s.province + `"}`}}
	},
	"GET /api/v1/users/{id}": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/api/v1/users/%d", s.userIDs[tochuc.RoleStaff])}}
	},
	"POST /api/v1/users/{id}/grants": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/users/%d/grants", s.userIDs[tochuc.RoleLeader]),
			json: `{"role":"admin","org_code":"` + s.province + `"}`}}
	},
	"DELETE /api/v1/users/{id}/grants/{gid}": func(s *side) []req {
		return []req{{method: "DELETE", path: fmt.Sprintf("/api/v1/users/%d/grants/%d", s.userIDs[tochuc.RoleStaff], s.grantID)}}
	},
	"POST /api/v1/users/{id}/disable": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/users/%d/disable", s.userIDs[tochuc.RoleStaff])}}
	},
	"POST /api/v1/users/{id}/enable": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/users/%d/enable", s.userIDs[tochuc.RoleStaff])}}
	},
	"POST /api/v1/users/{id}/sessions/end": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/users/%d/sessions/end", s.userIDs[tochuc.RoleStaff])}}
	},
	"GET /api/v1/audit": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/audit"}, {method: "GET", path: fmt.Sprintf("/api/v1/audit?object=member:%d", s.member)}}
	},
	"GET /api/v1/tokens":  func(s *side) []req { return []req{{method: "GET", path: "/api/v1/tokens"}} },
	"POST /api/v1/tokens": func(s *side) []req { return []req{{method: "POST", path: "/api/v1/tokens", json: `{"name":"t"}`}} },
	"GET /orgs/{code}/candidates": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.province + "/candidates"}, {method: "GET", path: "/orgs/" + s.cell + "/candidates?stage=identified"}}
	},
	"POST /orgs/{code}/candidates": func(s *side) []req {
		return []req{{method: "POST", path: "/orgs/" + s.cell + "/candidates", form: url.Values{"full_name": {"Kẻ Xâm Nhập"},
			"sex": {"male"}, "birth_date": {"1990"}, "org": {s.cell}}}}
	},
	"GET /candidates/{id}": func(s *side) []req { return []req{{method: "GET", path: fmt.Sprintf("/candidates/%d", s.candidate)}} },
	"POST /candidates/{id}/steps": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/candidates/%d/steps", s.candidate),
			form: url.Values{"stage": {"awareness_trained"}, "date": {"2025-02-01"}, "number": {"1/GCN"}}}}
	},
	"POST /candidates/{id}/drop": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/candidates/%d/drop", s.candidate),
			form: url.Values{"drop_date": {"2025-02-01"}, "drop_reason": {"xâm nhập"}}}}
	},
	"POST /candidates/{id}/ceremony": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/candidates/%d/ceremony", s.candidate), form: url.Values{"ceremony_date": {"2025-02-01"}}}}
	},
	"GET /api/v1/candidates": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/candidates?org=" + s.province}, {method: "GET", path: "/api/v1/candidates?org=" + s.cell + "&stage=identified"}}
	},
	"POST /api/v1/candidates": func(s *side) []req {
		return []req{{method: "POST", path: "/api/v1/candidates", json: `{"org_code":"` + s.cell + `","full_name":"Kẻ Xâm Nhập","sex":"male","birth_date":"1990"}`}}
	},
	"GET /api/v1/candidates/{id}": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/api/v1/candidates/%d", s.candidate)}}
	},
	"POST /api/v1/candidates/{id}/steps": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/candidates/%d/steps", s.candidate),
			json: `{"stage":"awareness_trained","date":"2025-02-01","number":"1/GCN"}`}}
	},
	"POST /api/v1/candidates/{id}/ceremony": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/candidates/%d/ceremony", s.candidate), json: `{"date":"2025-02-01"}`}}
	},
	"DELETE /api/v1/tokens/{id}": func(s *side) []req {
		return []req{{method: "DELETE", path: fmt.Sprintf("/api/v1/tokens/%d", s.tokenID)}}
	},
	// Probation and party cards (web/probation.go).
	"GET /members/{id}/probation": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/members/%d/probation", s.member)}}
	},
	"POST /members/{id}/probation/votes": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/members/%d/probation/votes", s.member),
			form: url.Values{"date": {"2025-01-10"}, "yes": {"9"}, "no": {"0"}, "total": {"9"}}}}
	},
	"POST /members/{id}/probation/recognize": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/members/%d/probation/recognize", s.member),
			form: url.Values{"document": {"1-QĐ/ĐU"}, "doc_date": {"2025-01-10"}}}}
	},
	"POST /members/{id}/probation/fail": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/members/%d/probation/fail", s.member),
			form: url.Values{"document": {"1-QĐ/ĐU"}, "doc_date": {"2025-01-10"}}}}
	},
	"GET /members/{id}/card": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/members/%d/card", s.member)}}
	},
	"POST /members/{id}/card/{action}": func(s *side) []req {
		var out []req
		for _, a := range []string{"request", "issue", "reissue", "lost", "return", "check"} {
			out = append(out, req{method: "POST", path: fmt.Sprintf("/members/%d/card/%s", s.member, a),
				form: url.Values{"date": {"2025-06-01"}, "number": {"XAMNHAP1"}, "photos": {"1"}}})
		}
		return out
	},
	"GET /orgs/{code}/probation": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.commune + "/probation?days=3650"}, {method: "GET", path: "/orgs/" + s.province + "/probation"}}
	},
	"GET /orgs/{code}/cards": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.commune + "/cards"}, {method: "GET", path: "/orgs/" + s.province + "/cards?print=1A"}}
	},
	"GET /orgs/{code}/cards/export": func(s *side) []req {
		return []req{{method: "GET", path: "/orgs/" + s.province + "/cards/export?format=csv"},
			{method: "GET", path: "/orgs/" + s.cell + "/cards/export?format=xlsx&form=1"}}
	},
	"POST /api/v1/members/{id}/probation/votes": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/probation/votes", s.member), json: `{"date":"2025-01-10","yes":9,"total":9}`}}
	},
	"POST /api/v1/members/{id}/recognition": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/recognition", s.member), json: `{"document":"1-QĐ/ĐU","doc_date":"2025-01-10"}`}}
	},
	"GET /api/v1/probations": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/probations?days=3650&org=" + s.province}}
	},
	"POST /api/v1/members/{id}/cards": func(s *side) []req {
		return []req{{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/cards", s.member), json: `{"number":"XAMNHAP2","date":"2025-06-01"}`},
			{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/cards", s.member), json: `{"action":"request","date":"2025-06-01"}`}}
	},
	"GET /api/v1/members/{id}/cards": func(s *side) []req {
		return []req{{method: "GET", path: fmt.Sprintf("/api/v1/members/%d/cards", s.member)}}
	},
	"GET /api/v1/cards/lists": func(s *side) []req {
		return []req{{method: "GET", path: "/api/v1/cards/lists?org=" + s.province}}
	},
}

// do sends one request as a session (nil: anonymous), by cookie or by bearer token.
func (m *matrix) do(t *testing.T, s *session, r req, bearer bool) *http.Response {
	var body io.Reader
	form := url.Values{}
	for k, v := range r.form {
		form[k] = v
	}
	if s != nil && r.form != nil {
		form.Set("csrf", s.csrf)
	}
	if r.form != nil {
		body = strings.NewReader(form.Encode())
	} else if r.json != "" {
		body = strings.NewReader(r.json)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	if r.form != nil {
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else if r.json != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	if s != nil {
		if bearer && s.bearer != "" {
			hr.Header.Set("Authorization", "Bearer "+s.bearer)
		} else {
			hr.AddCookie(&http.Cookie{Name: "tochuc_session", Value: s.token})
			hr.Header.Set("X-CSRF-Token", s.csrf)
		}
	}
	w := httptest.NewRecorder()
	m.h.ServeHTTP(w, hr)
	return w.Result()
}

// snapshot is what must not change when B's users act on A: A's members (all fields), the
// restricted note, and the accounts.
func (m *matrix) snapshot(t *testing.T) string {
	ctx := sysCtx()
	var b bytes.Buffer
	if _, err := m.svc.ExportMembers(ctx, tabular.NewCSVWriter(&b, false), service.ExportOptions{OrgCode: m.a.province}); err != nil {
		t.Fatal(err)
	}
	r, _ := m.svc.DB.Restricted(ctx, m.a.member)
	fmt.Fprintf(&b, "%+v\n", r)
	if cs, err := m.svc.ListCandidates(ctx, m.a.province, ""); err == nil {
		fmt.Fprintf(&b, "%+v\n", cs)
	} else {
		t.Fatal(err)
	}
	months, _ := m.svc.DB.Months(ctx, []int64{m.a.member}, "2026-01")
	fmt.Fprintf(&b, "%+v\n", months)
	transfers, _ := m.svc.DB.MemberTransfers(ctx, m.a.member)
	facts, _ := m.svc.DB.OrgFactsUpTo(ctx, 2200) // only A's objects are posted to: any fact is a breach
	fmt.Fprintf(&b, "org facts: %d\n", len(facts))
	fmt.Fprintf(&b, "%+v\n", transfers)
	users, _ := m.svc.DB.Users(ctx)
	for _, u := range users {
		if strings.HasPrefix(u.Username, "user_a_") {
			fmt.Fprintf(&b, "%+v\n", u)
			toks, _ := m.svc.DB.APITokens(ctx, u.ID)
			fmt.Fprintf(&b, "%+v\n", toks)
		}
	}
	return b.String()
}

func TestAccessMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		m := newMatrix(t, db)
		routes := m.h.(interface{ Routes() []web.RouteInfo }).Routes()
		before := m.snapshot(t)
		allowed := map[string]bool{} // GET routes that some role of B may use on B's own objects
		for _, rt := range routes {
			if rt.Public {
				continue
			}
			rule, ok := accessRules[rt.Pattern]
			if !ok {
				t.Errorf("route %q has no access rule in accessRules: every route must say how it is scoped", rt.Pattern)
				continue
			}
			if rule == nil {
				continue
			}
			method := strings.Fields(rt.Pattern)[0]
			actors := []struct {
				name string
				s    *session
			}{{"anonymous", nil}}
			for _, role := range tochuc.Roles {
				actors = append(actors, struct {
					name string
					s    *session
				}{role, m.b.users[role]})
			}
			for _, act := range actors {
				for _, bearer := range []bool{false, true} {
					if bearer && (act.s == nil || act.s.bearer == "") {
						continue
					}
					for _, r := range rule(m.a) {
						res := m.do(t, act.s, r, bearer)
						body, _ := io.ReadAll(res.Body)
						where := fmt.Sprintf("%s as %s of B (bearer %v): %s %s", rt.Pattern, act.name, bearer, r.method, r.path)
						if res.StatusCode >= 500 {
							t.Errorf("%s: status %d", where, res.StatusCode)
						}
						for _, secret := range m.a.secrets {
							if bytes.Contains(body, []byte(secret)) {
								t.Errorf("%s: response reveals %q of subtree A (status %d)", where, secret, res.StatusCode)
							}
						}
					}
					if method == "GET" && act.s != nil {
						for _, r := range rule(m.b) {
							if res := m.do(t, act.s, r, bearer); res.StatusCode == http.StatusOK {
								allowed[rt.Pattern] = true
							}
						}
					}
				}
			}
		}
		if after := m.snapshot(t); after != before {
			t.Errorf("users of subtree B changed subtree A:\nbefore:\n%s\nafter:\n%s", before, after)
		}
		for _, rt := range routes {
			if rt.Pattern == "GET /login/totp" || rt.Pattern == "GET /audit/verify" {
				continue // a session still at the second-factor step; an admin at the root
			}
			if strings.HasPrefix(rt.Pattern, "GET ") && !rt.Public && accessRules[rt.Pattern] != nil && !allowed[rt.Pattern] {
				t.Errorf("route %q answered no user of B on B's own objects: the rule cannot tell scoping from breakage", rt.Pattern)
			}
		}
	})
}
