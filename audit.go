package tochuc

// Audit actions: a stable vocabulary, so that the trail can be searched and analysed.
const (
	AuditLogin          = "auth.login"
	AuditLoginFail      = "auth.login.fail"
	AuditLogout         = "auth.logout"
	AuditPasswordChange = "auth.password"
	AuditTOTPEnroll     = "auth.totp"
	AuditTokenCreate    = "auth.token.create"
	AuditTokenRevoke    = "auth.token.revoke"
	AuditDeny           = "authz.deny"
	AuditUserCreate     = "user.create"
	AuditUserUpdate     = "user.update"
	AuditGrant          = "role.grant"
	AuditRevoke         = "role.revoke"
	AuditMemberCreate   = "member.create"
	AuditMemberUpdate   = "member.update"
	AuditMemberEvent    = "member.event"
	AuditMemberPhoto    = "member.photo"
	AuditRestrictedRead = "note.read"
	AuditOrgChange      = "org.change"
	AuditImport         = "import.commit"
	AuditExport         = "export.create"
)

// Audit outcomes.
const (
	OutcomeOK    = "ok"
	OutcomeDeny  = "deny"
	OutcomeError = "error"
)

// FieldChange is one field's old and new value in an audit entry. Sensitive fields carry a
// mask instead of the value (the trail says that a note changed, not what it says).
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// AuditEntry is one line of the append-only, hash-chained audit trail.
type AuditEntry struct {
	Seq         int64         `json:"seq"`
	Time        string        `json:"time"` // RFC 3339 UTC with nanoseconds
	ActorID     int64         `json:"actor_id"`
	ActorName   string        `json:"actor_name"`
	Channel     string        `json:"channel"`
	IP          string        `json:"ip"`
	SessionHash string        `json:"session_hash"`
	Action      string        `json:"action"`
	ObjectType  string        `json:"object_type"` // member, org, user, export…
	ObjectID    string        `json:"object_id"`
	OrgID       int64         `json:"org_id"` // the org the object sat in, for scoped audit views
	Outcome     string        `json:"outcome"`
	Reason      string        `json:"reason"` // why denied, or the stated justification of a restricted read
	Changes     []FieldChange `json:"changes"`
	Detail      string        `json:"detail"` // filter of an export, counts of an import…
	PrevHash    string        `json:"prev_hash"`
	Hash        string        `json:"hash"`
}
