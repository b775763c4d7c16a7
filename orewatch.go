// Package orewatch holds the domain types of the critical-minerals monitor:
// materials, countries, sourced reference figures, export measures, articles,
// events and claims, and the store interfaces that the sqlite and postgres
// packages implement. It imports none of the project's other packages.
package orewatch

import (
	"errors"
	"fmt"
)

// Version is the release of orewatch; cmd/orewatch may override it at link time.
var Version = "0.1.0-dev"

// Error codes. Every error meant for a user carries one; anything else is
// reported as internal and its detail is only logged.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ENOTIMPLEMENT = "not_implemented"
	EUNAVAILABLE  = "unavailable"
)

// Error is an application error with a code and a message safe to show a user.
type Error struct {
	Code    string
	Message string
	// Suggestions lists close matches for an unknown name, best first.
	Suggestions []string
}

func (e *Error) Error() string {
	if len(e.Suggestions) > 0 {
		return fmt.Sprintf("%s (did you mean: %s?)", e.Message, joinQuoted(e.Suggestions))
	}
	return e.Message
}

func joinQuoted(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", v)
	}
	return out
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, EINTERNAL for any other
// non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an application error, or
// "Internal error." for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Error()
	}
	return "Internal error."
}
