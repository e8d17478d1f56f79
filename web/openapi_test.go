package web_test

import (
	"bufio"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/web"
)

// openapiOperations reads the operations of an OpenAPI document: under the top-level "paths:"
// key, path keys at two spaces of indentation and method keys at four. That is the layout the
// hand-written document keeps; anything else under paths (a parameter list, a reference) sits
// deeper and is skipped.
func openapiOperations(t *testing.T, doc string) []string {
	t.Helper()
	var ops []string
	in, path := false, ""
	methods := []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
	sc := bufio.NewScanner(strings.NewReader(doc))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " ")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if !strings.HasPrefix(line, " ") {
			in = line == "paths:"
			continue
		}
		if !in {
			continue
		}
		switch {
		case strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   "):
			key, ok := strings.CutSuffix(strings.TrimSpace(line), ":")
			if !ok || !strings.HasPrefix(key, "/") {
				t.Fatalf("openapi: path key expected under paths:, got %q", line)
			}
			path = strings.Trim(key, `"'`)
		case strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "     "):
			key, _ := strings.CutSuffix(strings.TrimSpace(line), ":")
			if slices.Contains(methods, key) {
				ops = append(ops, strings.ToUpper(key)+" "+path)
			} else if key != "summary" && key != "description" && key != "parameters" && key != "servers" {
				t.Fatalf("openapi: unexpected key %q under %s", key, path)
			}
		}
	}
	if len(ops) == 0 {
		t.Fatal("openapi: no operations found under paths:")
	}
	return ops
}

// TestOpenAPIMatchesRoutes keeps the document true: every /api/v1/ route of the table is
// documented with the same method and path, and every documented operation exists.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	db := dbtest.Open(t, store.SQLite)
	srv, err := web.New(service.New(db), slog.New(slog.DiscardHandler), web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The document is served without a login.
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.yaml", nil))
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Body.String(), "openapi: 3.1") {
		t.Fatalf("GET /api/v1/openapi.yaml: %d %.60q", w.Code, w.Body.String())
	}
	doc := w.Body.String()
	for _, want := range []string{"securitySchemes:", "type: http", "scheme: bearer", "in: cookie"} {
		if !strings.Contains(doc, want) {
			t.Errorf("openapi: no %q (the two security schemes)", want)
		}
	}
	documented := openapiOperations(t, doc)
	var routes []string
	for _, r := range srv.Routes() {
		if method, path, _ := strings.Cut(r.Pattern, " "); strings.HasPrefix(path, "/api/v1/") {
			routes = append(routes, method+" "+path)
		}
	}
	for _, r := range routes {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in web/openapi.yaml", r)
		}
	}
	for _, op := range documented {
		if !slices.Contains(routes, op) {
			t.Errorf("web/openapi.yaml documents %s, which is not a route", op)
		}
	}
	seen := map[string]bool{}
	for _, op := range documented {
		if seen[op] {
			t.Errorf("web/openapi.yaml documents %s twice", op)
		}
		seen[op] = true
	}
}
