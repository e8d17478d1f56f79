package web

import (
	"io/fs"
	"net/http"
)

// route is one entry of the route table: the access check before the handler, and the sample
// the generated access-control test uses to fill path parameters.
type route struct {
	pattern string // "METHOD /path/{param}"
	need    access
	handler http.HandlerFunc
}

// table lists every route of the application in one place. The access-control test walks it:
// a route added here without a scope rule in that test fails the build.
func (s *Server) table() []route {
	return []route{
		{"GET /healthz", public, s.healthz},
		{"GET /readyz", public, s.readyz},
		{"GET /login", public, s.loginPage},
		{"POST /login", public, s.loginSubmit},
		{"GET /lang/{code}", public, s.setLang},
		{"GET /login/totp", login, s.totpPage},
		{"POST /login/totp", login, s.totpSubmit},
		{"POST /logout", login, s.logout},
		{"GET /account", user, s.accountPage},
		{"POST /account/password", user, s.accountPassword},
		{"GET /account/totp", login, s.enrollPage},
		{"POST /account/totp", login, s.enrollSubmit},
		{"POST /account/tokens", user, s.tokenCreate},
		{"POST /account/tokens/{id}/revoke", user, s.tokenRevoke},

		{"GET /{$}", user, s.home},
		{"GET /orgs/search", user, s.orgSearch},
		{"GET /orgs", user, s.orgPage},
		{"GET /orgs/{code}", user, s.orgPage},
		{"GET /worklist", user, s.worklistPage},
		{"GET /worklist/export", user, s.worklistExport},
		{"GET /orgs/{code}/months", user, s.monthsPage},
		{"POST /orgs/{code}/months", user, s.monthsSave},
		{"GET /members", user, s.memberSearch},
		{"GET /members/{id}", user, s.memberRecord},
		{"GET /members/{id}/photo", user, s.memberPhoto},
		{"GET /members/{id}/forms/{file}", user, s.memberForm},
		{"GET /members/export", user, s.memberExport},
		{"GET /members/{id}/edit", user, s.memberEditPage},
		{"POST /members/{id}/edit", user, s.memberEditSubmit},
		{"POST /members/{id}/restricted/view", user, s.restrictedView},
		{"POST /members/{id}/restricted", user, s.restrictedSave},
		{"GET /members/{id}/actions/{action}", user, s.lifecyclePage},
		{"POST /members/{id}/actions/{action}", user, s.lifecycleSubmit},
		{"GET /transfers", user, s.transfersPage},
		{"GET /transfers/in-transit", user, s.inTransitPage},
		{"POST /transfers/{id}/receive", user, s.transferReceive},
		{"POST /transfers/{id}/cancel", user, s.transferCancel},
		{"GET /members/{id}/probation", user, s.probationPage},
		{"POST /members/{id}/probation/votes", user, s.probationVote},
		{"POST /members/{id}/probation/recognize", user, s.probationRecognize},
		{"POST /members/{id}/probation/fail", user, s.probationFail},
		{"GET /members/{id}/card", user, s.cardPage},
		{"POST /members/{id}/card/{action}", user, s.cardAction},
		{"GET /orgs/{code}/probation", user, s.orgProbation},
		{"GET /orgs/{code}/cards", user, s.orgCards},
		{"GET /orgs/{code}/cards/export", user, s.orgCardsExport},
		{"GET /orgs/{code}/candidates", user, s.candidatesPage},
		{"POST /orgs/{code}/candidates", user, s.candidateCreate},
		{"GET /candidates/{id}", user, s.candidatePage},
		{"POST /candidates/{id}/steps", user, s.candidateStep},
		{"POST /candidates/{id}/drop", user, s.candidateDrop},
		{"POST /candidates/{id}/ceremony", user, s.candidateCeremony},

		{"GET /admin/users", user, s.adminUsers},
		{"GET /admin/users/new", user, s.adminUserNew},
		{"POST /admin/users", user, s.adminUserCreate},
		{"GET /admin/users/{id}", user, s.adminUser},
		{"POST /admin/users/{id}/grants", user, s.adminGrant},
		{"POST /admin/users/{id}/grants/{gid}/revoke", user, s.adminRevoke},
		{"POST /admin/users/{id}/disable", user, s.adminDisable},
		{"POST /admin/users/{id}/enable", user, s.adminEnable},
		{"POST /admin/users/{id}/sessions/end", user, s.adminEndSessions},
		{"GET /audit", user, s.auditPage},
		{"GET /audit/verify", user, s.auditVerify},
		{"GET /stats", user, s.statsPage},
		{"GET /stats/members", user, s.statsMembersPage},
		{"GET /stats/orgs", user, s.statsOrgsPage},
		{"GET /stats/orgs/export", user, s.statsOrgsExport},
		{"GET /stats/members/export", user, s.statsMembersExport},
		{"GET /statforms", user, s.statformPage},
		{"GET /statforms/cell", user, s.statformCellPage},
		{"GET /statforms/xlsx", user, s.statformXLSX},
		{"GET /statforms/round", user, s.statroundPage},
		{"POST /statforms/round", user, s.statroundPost},
		{"POST /statforms/round/submit", user, s.statroundPost},
		{"POST /statforms/round/decide", user, s.statroundPost},
		{"GET /stats/flows/members", user, s.statsFlowMembersPage},
		{"GET /stats/flows/members/export", user, s.statsFlowMembersExport},
		{"GET /orgs/{code}/facts", user, s.orgFactsPage},
		{"POST /orgs/{code}/facts", user, s.orgFactsSave},
		{"GET /orgs/{code}/targets", user, s.targetsPage},
		{"POST /orgs/{code}/targets", user, s.targetsSave},
		{"GET /reports/review", user, s.reviewPage},
		{"GET /reports/review/download", user, s.reviewDownload},
		{"GET /orgs/{code}/congresses", user, s.congressesPage},
		{"POST /orgs/{code}/congresses", user, s.congressSave},

		{"GET /api/v1/orgs", user, s.apiOrgs},
		{"GET /api/v1/orgs/{code}/members", user, s.apiOrgMembers},
		{"GET /api/v1/members/{id}", user, s.apiMember},
		{"GET /api/v1/members/{id}/forms/{form}", user, s.apiMemberForm},
		{"GET /api/v1/openapi.yaml", public, s.openapi},
		{"GET /api/v1/worklist", user, s.apiWorklist},
		{"GET /api/v1/stats/members", user, s.apiStatsMembers},
		{"GET /api/v1/stats/flows", user, s.apiStatsFlows},
		{"GET /api/v1/statforms", user, s.apiStatforms},
		{"GET /api/v1/statforms/{form}", user, s.apiStatform},
		{"GET /api/v1/statforms/{form}/round", user, s.apiStatround},
		{"GET /api/v1/statforms/{form}/cell", user, s.apiStatformCell},
		{"POST /api/v1/statforms/{form}/round", user, s.apiStatroundOpen},
		{"POST /api/v1/statforms/{form}/round/submit", user, s.apiStatroundSubmit},
		{"POST /api/v1/statforms/{form}/round/decide", user, s.apiStatroundDecide},
		{"GET /api/v1/targets", user, s.apiTargets},
		{"POST /api/v1/targets", user, s.apiTargetSet},
		{"GET /api/v1/indicators", user, s.apiIndicators},
		{"GET /api/v1/programmes", user, s.apiProgrammes},
		{"GET /api/v1/reports/review", user, s.apiReview},
		{"GET /api/v1/orgfacts", user, s.apiOrgFacts},
		{"POST /api/v1/orgfacts", user, s.apiOrgFactSet},
		{"GET /api/v1/dashboard", user, s.apiDashboard},
		{"GET /api/v1/congresses", user, s.apiCongresses},
		{"POST /api/v1/congresses", user, s.apiCongressRecord},
		{"GET /api/v1/orgs/{code}/months/{month}", user, s.apiMonths},
		{"PUT /api/v1/orgs/{code}/months/{month}", user, s.apiMonthsPut},
		{"GET /api/v1/me", user, s.apiMe},
		{"GET /api/v1/orgs/{code}", user, s.apiOrg},
		{"GET /api/v1/members", user, s.apiMembers},
		{"GET /api/v1/members/export", user, s.apiExport},
		{"PATCH /api/v1/members/{id}", user, s.apiMemberPatch},
		{"POST /api/v1/members/{id}/events", user, s.apiMemberEvent},
		{"POST /api/v1/members/{id}/probation/votes", user, s.apiProbationVote},
		{"POST /api/v1/members/{id}/recognition", user, s.apiRecognition},
		{"GET /api/v1/probations", user, s.apiProbations},
		{"POST /api/v1/members/{id}/cards", user, s.apiCardAction},
		{"GET /api/v1/members/{id}/cards", user, s.apiCards},
		{"GET /api/v1/cards/lists", user, s.apiCardLists},
		{"GET /api/v1/users", user, s.apiUsers},
		{"POST /api/v1/users", user, s.apiUserCreate},
		{"GET /api/v1/users/{id}", user, s.apiUser},
		{"POST /api/v1/users/{id}/grants", user, s.apiGrant},
		{"DELETE /api/v1/users/{id}/grants/{gid}", user, s.apiRevoke},
		{"POST /api/v1/users/{id}/disable", user, s.apiUserDisable},
		{"POST /api/v1/users/{id}/enable", user, s.apiUserEnable},
		{"POST /api/v1/users/{id}/sessions/end", user, s.apiUserEndSessions},
		{"GET /api/v1/audit", user, s.apiAudit},
		{"GET /api/v1/tokens", user, s.apiTokens},
		{"POST /api/v1/tokens", user, s.apiTokenCreate},
		{"DELETE /api/v1/tokens/{id}", user, s.apiTokenRevoke},
		{"POST /api/v1/members/{id}/transfers", user, s.apiTransferIssue},
		{"POST /api/v1/transfers/batch", user, s.apiTransferBatch},
		{"POST /api/v1/transfers/{id}/receive", user, s.apiTransferReceive},
		{"POST /api/v1/transfers/{id}/cancel", user, s.apiTransferCancel},
		{"GET /api/v1/transfers", user, s.apiTransfers},
		{"GET /api/v1/transfers/in-transit", user, s.apiInTransit},
		{"GET /api/v1/transfers/{id}/slip", user, s.apiTransferSlip},
		{"POST /api/v1/members/{id}/exits", user, s.apiLifecycle("exits")},
		{"POST /api/v1/members/{id}/exemption", user, s.apiLifecycle("exemption")},
		{"POST /api/v1/members/{id}/exemption/end", user, s.apiLifecycle("exemption-end")},
		{"POST /api/v1/members/{id}/readmission", user, s.apiLifecycle("readmission")},
		{"POST /api/v1/members/{id}/restoration", user, s.apiLifecycle("restoration")},
		{"GET /api/v1/candidates", user, s.apiCandidates},
		{"POST /api/v1/candidates", user, s.apiCandidateCreate},
		{"GET /api/v1/candidates/{id}", user, s.apiCandidate},
		{"POST /api/v1/candidates/{id}/steps", user, s.apiCandidateStep},
		{"POST /api/v1/candidates/{id}/ceremony", user, s.apiCandidateCeremony},
	}
}

// routes registers the table, the static files and the cross-origin protection.
func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	for _, rt := range s.table() {
		s.mux.HandleFunc(rt.pattern, s.authenticate(rt.need, rt.handler))
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) }

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.DB.SchemaVersion(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}
