package tochuc

import (
	"context"
	"slices"
)

// Roles a user holds at an org; each reaches the whole subtree below that org (glossary).
const (
	RoleAdmin     = "admin"     // quản trị hệ thống: everything in the subtree, users and audit
	RoleStaff     = "staff"     // cán bộ ban tổ chức: reads and writes the subtree's register
	RoleLeader    = "leader"    // lãnh đạo: read-only dashboards, the tree and its counts
	RoleSecretary = "secretary" // bí thư chi bộ: the cell's members, limited fields
	RoleMember    = "member"    // đảng viên: the own record, read only
)

// Roles lists the roles from the widest to the narrowest.
var Roles = []string{RoleAdmin, RoleStaff, RoleLeader, RoleSecretary, RoleMember}

// Permissions a role gives within its subtree. Restricted fields need the grant's own flag too.
const (
	PermCounts      = "counts"       // the tree, counts and dashboards
	PermRead        = "read"         // member lists and records (all but restricted fields)
	PermReadLimited = "read_limited" // member lists and records, identity numbers hidden
	PermWrite       = "write"        // create and change orgs and members, import
	PermExport      = "export"       // exports and printed lists
	PermRestricted  = "restricted"   // internal-political-protection notes, discipline, evaluations
	PermUsers       = "users"        // accounts and grants in the subtree
	PermAudit       = "audit"        // the audit trail of the subtree
	PermMonths      = "months"       // the monthly record of meetings and dues a cell keeps
)

var rolePerms = map[string][]string{
	RoleAdmin:     {PermCounts, PermRead, PermReadLimited, PermWrite, PermExport, PermUsers, PermAudit, PermMonths},
	RoleStaff:     {PermCounts, PermRead, PermReadLimited, PermWrite, PermExport, PermMonths},
	RoleLeader:    {PermCounts},
	RoleSecretary: {PermCounts, PermReadLimited, PermMonths},
	RoleMember:    {},
}

// Grant is one role a user holds at an org. OrgID 0 never occurs: the widest grant is at the root.
type Grant struct {
	ID         int64  `json:"id"`
	UserID     int64  `json:"user_id"`
	Role       string `json:"role"`
	OrgID      int64  `json:"org_id"`
	OrgCode    string `json:"org_code"`
	OrgName    string `json:"org_name,omitempty"`
	Restricted bool   `json:"restricted"` // may read restricted fields (with a stated reason)
}

// Allows reports whether the grant gives perm within its subtree.
func (g Grant) Allows(perm string) bool {
	if perm == PermRestricted {
		return g.Restricted && (g.Role == RoleAdmin || g.Role == RoleStaff)
	}
	return slices.Contains(rolePerms[g.Role], perm)
}

// NeedsMFA tells whether a role or flag can export or read restricted fields, and so must log in
// with a second factor.
func (g Grant) NeedsMFA() bool { return g.Restricted || g.Allows(PermExport) || g.Allows(PermUsers) }

// User is an account. Secrets (password hash, TOTP secret) never leave the store in this type.
type User struct {
	ID          int64   `json:"id"`
	Username    string  `json:"username"`
	FullName    string  `json:"full_name"`
	MemberID    int64   `json:"member_id,omitempty"` // the member this account belongs to (role member)
	Locale      string  `json:"locale"`
	Disabled    bool    `json:"disabled"`
	TOTPEnabled bool    `json:"totp_enabled"`
	CreatedAt   string  `json:"created_at"`
	LastLoginAt string  `json:"last_login_at,omitempty"`
	Grants      []Grant `json:"grants"`
}

// Can reports whether any grant of the user gives perm somewhere (what menus offer; the data
// scope is the service's check).
func (u User) Can(perm string) bool {
	for _, g := range u.Grants {
		if g.Allows(perm) {
			return true
		}
	}
	return false
}

// NeedsMFA tells whether any grant of the user requires a second factor.
func (u User) NeedsMFA() bool {
	for _, g := range u.Grants {
		if g.NeedsMFA() {
			return true
		}
	}
	return false
}

// Channels an action comes through, recorded in the audit trail.
const (
	ChannelWeb = "web"
	ChannelAPI = "api"
	ChannelCLI = "cli"
)

// Actor is who performs an action: the service authorizes and audits against it. The CLI acts as
// the system, with every permission over the whole tree (it runs with access to the database file).
type Actor struct {
	UserID      int64
	Username    string
	MemberID    int64
	Grants      []Grant
	System      bool   // the CLI or a maintenance job: everything, still audited
	Channel     string // web, api, cli
	IP          string
	SessionHash string // first bytes of the session or token hash, to tie entries to a login
	MFA         bool   // logged in with a second factor
	Locale      string
}

// SystemActor is the actor of command-line and maintenance work.
func SystemActor(channel string) *Actor {
	return &Actor{System: true, Username: "system", Channel: channel, MFA: true}
}

// Can reports whether any grant gives perm somewhere (function-level check; data scope is separate).
func (a *Actor) Can(perm string) bool {
	if a == nil {
		return false
	}
	return a.System || User{Grants: a.Grants}.Can(perm)
}

type actorKey struct{}

// WithActor returns a context carrying the actor every service call authorizes against.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of a context, or nil: the service then denies everything.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}
