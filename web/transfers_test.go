package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// One transfer from a commune of one province to a commune of another, both sides, through
// the pages; then an exit refused by its rule through the API.
func TestTransferPagesBothSides(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("tr_sa", tochuc.RoleStaff, "PA")
		e.addUser("tr_sb", tochuc.RoleStaff, "PB")
		sa, sb := e.loginAs("tr_sa"), e.loginAs("tr_sb")
		id := e.memberA

		w := e.get(fmt.Sprintf("/members/%d/actions/transfer", id), &sa)
		wantStatus(t, w, http.StatusOK, "transfer form")
		if !strings.Contains(w.Body.String(), `name="to_org"`) {
			t.Fatal("transfer form without the destination field")
		}
		if w := e.get(fmt.Sprintf("/members/%d/actions/transfer", id), &sb); w.Code != http.StatusNotFound {
			t.Errorf("the receiving side opens the sender's form: %d", w.Code)
		}
		w = e.do(admReq{method: "POST", path: fmt.Sprintf("/members/%d/actions/transfer", id), as: &sa,
			form: url.Values{"date": {"2025-10-01"}, "document": {"5-GGT/ĐU"}}})
		wantStatus(t, w, http.StatusBadRequest, "transfer without a destination")
		w = e.do(admReq{method: "POST", path: fmt.Sprintf("/members/%d/actions/transfer", id), as: &sa,
			form: url.Values{"date": {"2025-10-01"}, "to_org": {"PB-X-C"}, "document": {"5-GGT/ĐU"}, "slip_number": {"17"}}})
		wantStatus(t, w, http.StatusSeeOther, "transfer")

		// Both sides see the member in transit, on the page and in the CSV.
		for _, c := range []struct {
			as  *admLogin
			org string
		}{{&sa, "PA"}, {&sb, "PB"}} {
			w = e.get("/transfers/in-transit?as_of=2025-10-05&org="+c.org, c.as)
			wantStatus(t, w, http.StatusOK, "in transit "+c.org)
			if !strings.Contains(w.Body.String(), "Trần Văn Anh") {
				t.Errorf("%s does not see the member in transit", c.org)
			}
		}
		w = e.get("/transfers/in-transit?format=csv&as_of=2025-10-05&org=PB", &sb)
		wantStatus(t, w, http.StatusOK, "in transit CSV")
		if !strings.Contains(w.Body.String(), "Trần Văn Anh") || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
			t.Errorf("CSV: %q %s", w.Header().Get("Content-Type"), w.Body.String())
		}
		w = e.get("/transfers?as_of=2025-10-05&org=PB", &sb)
		wantStatus(t, w, http.StatusOK, "incoming transfers")
		if !strings.Contains(w.Body.String(), "/receive") {
			t.Fatal("no receive button for the receiving side")
		}
		_, list, err := e.svc.Transfers(admSystem(), service.TransferFilter{OrgCode: "PB", Side: "in"})
		if err != nil || len(list) != 1 {
			t.Fatalf("transfers: %v %v", list, err)
		}
		// The sender cannot receive; the receiver does.
		w = e.do(admReq{method: "POST", path: fmt.Sprintf("/transfers/%d/receive", list[0].ID), as: &sa,
			form: url.Values{"date": {"2025-10-10"}, "back": {"PA"}}})
		wantStatus(t, w, http.StatusNotFound, "receipt by the sender")
		w = e.do(admReq{method: "POST", path: fmt.Sprintf("/transfers/%d/receive", list[0].ID), as: &sb,
			form: url.Values{"date": {"2025-10-10"}, "document": {"2-TB/ĐU"}, "back": {"PB"}}})
		wantStatus(t, w, http.StatusSeeOther, "receipt")

		w = e.get("/api/v1/transfers?org=PB&status=received", &sb)
		wantStatus(t, w, http.StatusOK, "API transfers")
		var got struct{ Transfers []tochuc.Transfer }
		decodeJSON(t, w, &got)
		if len(got.Transfers) != 1 || got.Transfers[0].SlipNumber != "17" || got.Transfers[0].ReceivedDate != "2025-10-10" {
			t.Errorf("API transfers: %+v", got.Transfers)
		}
		// Now the receiving side owns the record; a withdrawal with an open violation is refused
		// by its rule.
		w = e.do(admReq{method: "POST", path: fmt.Sprintf("/api/v1/members/%d/exits", id), as: &sb,
			json: `{"kind":"withdrawn","date":"2025-11-01","document":"9-QĐ/ĐU","has_violation":true}`})
		wantStatus(t, w, http.StatusBadRequest, "withdrawal with a violation")
		if !strings.Contains(w.Body.String(), "HD 06-HD/TW") {
			t.Errorf("refusal without its basis: %s", w.Body.String())
		}
		w = e.get(fmt.Sprintf("/members/%d", id), &sb)
		wantStatus(t, w, http.StatusOK, "record")
		if !strings.Contains(w.Body.String(), "Tuổi đảng") || !strings.Contains(w.Body.String(), "/actions/remove") {
			t.Error("record without party age or actions")
		}
	})
}
