package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/httpstatus"
)

// Error codes that the transport adds to the catalog's error kinds.
const (
	codeMethodNotAllowed     = "method_not_allowed"
	codeUnsupportedMediaType = "unsupported_media_type"
)

// errorCodes lists every code an error body may carry, for the OpenAPI
// document.
var errorCodes = []string{
	catalog.KindInvalid.String(), catalog.KindUnauthorized.String(), catalog.KindForbidden.String(),
	catalog.KindNotFound.String(), codeMethodNotAllowed, catalog.KindConflict.String(),
	catalog.KindTooLarge.String(), codeUnsupportedMediaType, catalog.KindInternal.String(),
	catalog.KindUnavailable.String(),
}

// httpError is a failure of the HTTP layer itself that has no catalog
// kind: a wrong method or media type.
type httpError struct {
	status  int
	code    string
	message string
}

func (e *httpError) Error() string { return e.message }

// writeError writes err as a JSON error body with its status. Internal
// errors get a generic message and are logged with their cause.
func (h *handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil && errors.Is(err, r.Context().Err()) {
		// The client went away (or its deadline passed): nobody reads
		// the answer, and it is not the server's failure.
		h.log.DebugContext(r.Context(), "api: request abandoned by the client", "method", r.Method, "path", r.URL.Path, "err", err)
		return
	}
	var body ErrorBody
	status := http.StatusInternalServerError
	var he *httpError
	var ce *catalog.Error
	switch {
	case errors.As(err, &he):
		status, body.Error.Code, body.Error.Message = he.status, ErrorCode(he.code), he.message
	default:
		kind := catalog.KindOf(err)
		status, body.Error.Code = httpstatus.Of(kind), ErrorCode(kind.String())
		if kind == catalog.KindInternal || !errors.As(err, &ce) {
			h.log.ErrorContext(r.Context(), "api: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			status, body.Error.Code = http.StatusInternalServerError, ErrorCode(catalog.KindInternal.String())
			body.Error.Message = "internal server error"
			break
		}
		body.Error.Message, body.Error.Field = ce.Message, ce.Field
		if body.Error.Message == "" {
			body.Error.Message = ce.Error()
		}
		if kind == catalog.KindUnavailable {
			h.log.WarnContext(r.Context(), "api: dependency unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="marquee"`)
	}
	writeJSON(w, status, body)
}

// notFound rewrites a not-found error from looking up what by ref into
// one that names the ref as the client gave it: film "nope" not found.
func notFound(err error, what, ref string) error {
	if catalog.IsKind(err, catalog.KindNotFound) {
		return &catalog.Error{Kind: catalog.KindNotFound, Message: fmt.Sprintf("%s %q not found", what, ref)}
	}
	return err
}

// badRef rewrites a not-found error for a record named in the request
// (body field or query parameter) into an invalid-input error on that
// field: the request is wrong, not the URL.
func badRef(err error, field, what, ref string) error {
	if catalog.IsKind(err, catalog.KindNotFound) {
		return catalog.Invalid(field, "%s %q does not exist", what, ref)
	}
	return err
}

// notFoundID is notFound for a record named by numeric ID.
func notFoundID(err error, what string, id int64) error {
	if catalog.IsKind(err, catalog.KindNotFound) {
		return &catalog.Error{Kind: catalog.KindNotFound, Message: fmt.Sprintf("%s %d not found", what, id)}
	}
	return err
}
