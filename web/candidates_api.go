package web

import (
	"net/http"

	"tochuc"
)

// The development pipeline in the JSON API: the same service methods as the pages.

// candidateInput is the body of POST /api/v1/candidates.
type candidateInput struct {
	OrgCode    string      `json:"org_code"`
	Identified tochuc.Date `json:"identified"`
	FullName   string      `json:"full_name"`
	Sex        string      `json:"sex"`
	BirthDate  string      `json:"birth_date"`
	CitizenID  string      `json:"citizen_id"`
	Ethnicity  string      `json:"ethnicity"`
	Religion   string      `json:"religion"`
	Education  string      `json:"education"`
	Occupation string      `json:"occupation"`
	Residence  string      `json:"residence"`
	YouthUnion bool        `json:"youth_union"`
	Note       string      `json:"note"`
}

// stepInput is the body of POST /api/v1/candidates/{id}/steps.
type stepInput struct {
	Stage           string                       `json:"stage"`
	Date            tochuc.Date                  `json:"date"`
	Number          string                       `json:"number"`
	HistoryDate     tochuc.Date                  `json:"history_date"`
	Introducers     []tochuc.CandidateIntroducer `json:"introducers"`
	UnionResolution string                       `json:"union_resolution"`
	Result          string                       `json:"result"`
	Yes             int                          `json:"yes"`
	Total           int                          `json:"total"`
	Committee       string                       `json:"committee"`
	Extended        bool                         `json:"extended"`
	Consent         string                       `json:"consent"`
	Exception       string                       `json:"exception"`
	Document        string                       `json:"document"`
	DocDate         tochuc.Date                  `json:"doc_date"`
	Signer          string                       `json:"signer"`
	Note            string                       `json:"note"`
}

// ceremonyInput is the body of POST /api/v1/candidates/{id}/ceremony.
type ceremonyInput struct {
	Date    tochuc.Date `json:"date"`
	Consent string      `json:"consent"`
}

func (s *Server) apiCandidates(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	list, err := s.svc.ListCandidates(r.Context(), q.Get("org"), q.Get("stage"))
	if err != nil {
		s.apiError(w, err)
		return
	}
	if list == nil {
		list = []tochuc.Candidate{}
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": s.svc.Today(), "candidates": list})
}

func (s *Server) apiCandidateCreate(w http.ResponseWriter, r *http.Request) {
	var in candidateInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	c := tochuc.Candidate{FullName: in.FullName, Sex: in.Sex, BirthDate: in.BirthDate, CitizenID: in.CitizenID,
		Ethnicity: in.Ethnicity, Religion: in.Religion, Education: in.Education, Occupation: in.Occupation,
		Residence: in.Residence, YouthUnion: in.YouthUnion, Note: in.Note}
	id, err := s.svc.CreateCandidate(r.Context(), c, in.OrgCode, in.Identified)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.apiCandidateAnswer(w, r, id, http.StatusCreated, nil)
}

func (s *Server) apiCandidate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	s.apiCandidateAnswer(w, r, id, http.StatusOK, nil)
}

func (s *Server) apiCandidateAnswer(w http.ResponseWriter, r *http.Request, id int64, status int, extra map[string]any) {
	c, err := s.svc.Candidate(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	out := map[string]any{"as_of": s.svc.Today(), "candidate": c}
	for k, v := range extra {
		out[k] = v
	}
	s.json(w, status, out)
}

func (s *Server) apiCandidateStep(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in stepInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	st := tochuc.CandidateStep{Stage: in.Stage, Date: in.Date, Number: in.Number, HistoryDate: in.HistoryDate,
		Introducers: in.Introducers, UnionResolution: in.UnionResolution, Result: in.Result, Yes: in.Yes, Total: in.Total,
		Committee: in.Committee, Extended: in.Extended, Consent: in.Consent, Exception: in.Exception,
		Document: in.Document, DocDate: in.DocDate, Signer: in.Signer, Note: in.Note}
	if err := s.svc.RecordCandidateStep(r.Context(), id, st); err != nil {
		s.apiError(w, err)
		return
	}
	s.apiCandidateAnswer(w, r, id, http.StatusCreated, nil)
}

func (s *Server) apiCandidateCeremony(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in ceremonyInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	mid, err := s.svc.HoldCeremony(r.Context(), id, in.Date, in.Consent)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.apiCandidateAnswer(w, r, id, http.StatusCreated, map[string]any{"member_id": mid})
}
