package web

// RouteInfo is a route of the table as tests see it.
type RouteInfo struct {
	Pattern string // "METHOD /path/{param}"
	Public  bool   // reachable without a login
}

// Routes lists the route table for tests (the access-control matrix, the OpenAPI check).
func (s *Server) Routes() []RouteInfo {
	var out []RouteInfo
	for _, r := range s.table() {
		out = append(out, RouteInfo{Pattern: r.pattern, Public: r.need == public})
	}
	return out
}
