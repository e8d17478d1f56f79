package web

import (
	"net/http"
	"strings"

	"tochuc"
	"tochuc/audit"
	"tochuc/service"
)

// The JSON API of transfers, exits and returns (documented in openapi.yaml).

// apiTransferIssue issues a transfer slip for the member of the path (the sending side).
func (s *Server) apiTransferIssue(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in service.TransferInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	in.MemberID = id
	tid, err := s.svc.IssueTransfer(r.Context(), in)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.apiTransferOut(w, r, tid, http.StatusCreated)
}

func (s *Server) apiTransferOut(w http.ResponseWriter, r *http.Request, id int64, status int) {
	sl, err := s.svc.TransferSlip(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, status, sl.Transfer)
}

// apiTransferBatch issues the same transfer for many members: all or nothing.
func (s *Server) apiTransferBatch(w http.ResponseWriter, r *http.Request) {
	var in struct {
		MemberIDs []int64 `json:"member_ids"`
		service.TransferInput
	}
	if !s.decodeBody(w, r, &in) {
		return
	}
	batch, ids, err := s.svc.BatchTransfer(r.Context(), in.MemberIDs, in.TransferInput)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]any{"batch_id": batch, "transfer_ids": ids})
}

// apiTransferReceive confirms a transfer at the receiving side.
func (s *Server) apiTransferReceive(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in service.ReceiveInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	if err := s.svc.ReceiveTransfer(r.Context(), id, in); err != nil {
		s.apiError(w, err)
		return
	}
	s.apiTransferOut(w, r, id, http.StatusOK)
}

// apiTransferCancel withdraws a slip not yet received (the sending side).
func (s *Server) apiTransferCancel(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Date tochuc.Date `json:"date"`
	}
	if !s.decodeBody(w, r, &in) {
		return
	}
	if in.Date == "" {
		in.Date = s.svc.Today()
	}
	if err := s.svc.CancelTransfer(r.Context(), id, in.Date); err != nil {
		s.apiError(w, err)
		return
	}
	s.apiTransferOut(w, r, id, http.StatusOK)
}

// apiTransfers lists the transfers of an org's subtree.
func (s *Server) apiTransfers(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	q := r.URL.Query()
	org, list, err := s.svc.Transfers(r.Context(), service.TransferFilter{OrgCode: q.Get("org"), Date: d,
		Side: q.Get("side"), Status: q.Get("status"), Kind: q.Get("kind")})
	if err != nil {
		s.apiError(w, err)
		return
	}
	if list == nil {
		list = []tochuc.Transfer{}
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": d, "org": org.Code, "transfers": list})
}

// apiInTransit is the in-transit report.
func (s *Server) apiInTransit(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	org, rows, err := s.svc.TransfersInTransit(r.Context(), r.URL.Query().Get("org"), d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	if rows == nil {
		rows = []service.TransitRow{}
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": d, "org": org.Code, "members": rows})
}

// apiTransferSlip returns what the printed slip shows.
func (s *Server) apiTransferSlip(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	sl, err := s.svc.TransferSlip(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, sl)
}

// apiLifecycle returns the handler recording an exit or a return of the member of the path.
func (s *Server) apiLifecycle(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.apiMemberLifecycle(w, r, kind) }
}

func (s *Server) apiMemberLifecycle(w http.ResponseWriter, r *http.Request, kind string) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var err error
	switch kind {
	case "exits":
		var in service.ExitInput
		if !s.decodeBody(w, r, &in) {
			return
		}
		in.MemberID = id
		err = s.svc.RecordExit(r.Context(), in)
	case "exemption":
		var in service.ExemptInput
		if !s.decodeBody(w, r, &in) {
			return
		}
		in.MemberID = id
		err = s.svc.Exempt(r.Context(), in)
	case "exemption-end":
		var in service.Decision
		if !s.decodeBody(w, r, &in) {
			return
		}
		err = s.svc.EndExemption(r.Context(), id, in)
	case "readmission":
		var in service.ReadmitInput
		if !s.decodeBody(w, r, &in) {
			return
		}
		in.MemberID = id
		err = s.svc.Readmit(r.Context(), in)
	case "restoration":
		var in service.RestoreInput
		if !s.decodeBody(w, r, &in) {
			return
		}
		in.MemberID = id
		err = s.svc.Restore(r.Context(), in)
	default:
		s.apiError(w, tochuc.Errorf(tochuc.ENOTFOUND, "không có việc %q", audit.Clean(strings.TrimSpace(kind))))
		return
	}
	if err != nil {
		s.apiError(w, err)
		return
	}
	m, events, err := s.svc.Member(r.Context(), id, s.svc.Today())
	if err != nil {
		s.apiError(w, err)
		return
	}
	months, _ := tochuc.PartyAge(events, s.svc.Today())
	s.json(w, http.StatusCreated, map[string]any{"as_of": s.svc.Today(), "member": m, "events": events, "party_age_months": months})
}
