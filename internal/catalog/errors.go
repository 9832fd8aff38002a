package catalog

import (
	"errors"
	"fmt"
)

// ErrorKind classifies a failure so that each transport (JSON API, web
// pages, CLI) can map it once to a status code or exit code.
type ErrorKind int

const (
	// KindInternal is a failure the caller cannot fix: a bug or a broken
	// dependency. It is the kind of every error that carries no other.
	KindInternal ErrorKind = iota
	// KindInvalid means the input broke a rule: a bad date, an unknown
	// enum value, a missing required field.
	KindInvalid
	// KindNotFound means a referenced record does not exist.
	KindNotFound
	// KindConflict means the write collides with existing data: a
	// duplicate slug or external ID, or a record still referenced.
	KindConflict
	// KindUnauthorized means no valid credentials were presented.
	KindUnauthorized
	// KindForbidden means the credentials do not allow the action.
	KindForbidden
	// KindTooLarge means the input exceeds a size limit.
	KindTooLarge
	// KindUnavailable means a dependency is temporarily unusable.
	KindUnavailable
)

var kindNames = [...]string{
	KindInternal:     "internal",
	KindInvalid:      "invalid",
	KindNotFound:     "not_found",
	KindConflict:     "conflict",
	KindUnauthorized: "unauthorized",
	KindForbidden:    "forbidden",
	KindTooLarge:     "too_large",
	KindUnavailable:  "unavailable",
}

// String returns the stable snake_case code of the kind, used as the
// "code" of JSON error bodies.
func (k ErrorKind) String() string {
	if int(k) >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "internal"
}

// Error is a domain error: a kind, a human-readable message, the field it
// concerns (if any) and the underlying cause.
type Error struct {
	Kind    ErrorKind
	Field   string // dotted path of the offending input field, or ""
	Message string
	Err     error // cause, may be nil
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		if msg == "" {
			return e.Err.Error()
		}
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf reports the kind of the first *Error in err's chain, or
// KindInternal when there is none.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// IsKind reports whether err carries the given kind.
func IsKind(err error, k ErrorKind) bool { return err != nil && KindOf(err) == k }

// Errorf returns an *Error of the given kind with a formatted message.
// A %w verb in format wraps the cause as usual.
func Errorf(kind ErrorKind, format string, args ...any) error {
	wrapped := fmt.Errorf(format, args...)
	return &Error{Kind: kind, Message: wrapped.Error(), Err: errors.Unwrap(wrapped)}
}

// NotFound returns a KindNotFound error naming what was looked for.
func NotFound(what string, key any) error {
	return &Error{Kind: KindNotFound, Message: fmt.Sprintf("%s %v not found", what, key)}
}

// Invalid returns a KindInvalid error for one input field.
func Invalid(field, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Conflict returns a KindConflict error.
func Conflict(format string, args ...any) error {
	return &Error{Kind: KindConflict, Message: fmt.Sprintf(format, args...)}
}

// WithField returns err with its field path prefixed by prefix, so that a
// nested validation error reads "editions[2].formats[0]: ...". Errors that
// are not *Error are returned unchanged.
func WithField(prefix string, err error) error {
	var e *Error
	if prefix == "" || !errors.As(err, &e) {
		return err
	}
	c := *e
	if c.Field == "" {
		c.Field = prefix
	} else if c.Field[0] == '[' {
		c.Field = prefix + c.Field
	} else {
		c.Field = prefix + "." + c.Field
	}
	return &c
}
