package tochuc

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer; the web and CLI map them to HTTP statuses and exit codes once.
const (
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	ECONFLICT  = "conflict"
	EFORBIDDEN = "forbidden"
	EINTERNAL  = "internal"
)

// Error is an application error whose Message is safe to show a user (Vietnamese).
type Error struct {
	Code    string
	Message string
	Subject string // the org code or field the error is about, when there is one
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Errorf builds an application error with a user-facing Vietnamese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, EINTERNAL for any other non-nil error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an error, hiding internal details.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Đã có lỗi hệ thống; xin thử lại hoặc báo quản trị viên."
}
