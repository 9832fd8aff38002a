package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

// errorPage is the data of the error template.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// errorf returns an internal error: a bug or a broken dependency.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// notFoundErr is the error of a path no page answers.
var notFoundErr = catalog.NotFound("page", "")

// fail renders the error page for err. It is the one place that maps
// catalog error kinds to HTTP statuses: not_found is 404, invalid is 400
// with the error's message, anything else 500 with a generic message and
// the cause logged.
func (s *Site) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := &page{Template: "error.html"}
	var e errorPage
	switch catalog.KindOf(err) {
	case catalog.KindNotFound:
		e = errorPage{Status: http.StatusNotFound, Heading: "Page not found",
			Message: "We couldn’t find what you were looking for. It may have moved, or the address may be mistyped."}
	case catalog.KindInvalid:
		e = errorPage{Status: http.StatusBadRequest, Heading: "That request didn’t work", Message: invalidMessage(err)}
	default:
		if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
			s.log.Debug("client went away", "method", r.Method, "path", r.URL.Path)
		} else {
			s.log.Error("web page failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		e = errorPage{Status: http.StatusInternalServerError, Heading: "Something went wrong",
			Message: "The page could not be shown because of an error on our side. Please try again in a moment."}
	}
	p.Status, p.Title, p.Data = e.Status, e.Heading, e
	s.render(w, r, p)
}

// invalidMessage is the user-facing text of an invalid-input error.
func invalidMessage(err error) string {
	var ce *catalog.Error
	if errors.As(err, &ce) {
		return ce.Error()
	}
	return "The address has a parameter we could not understand."
}

// notFound answers every path no other page matches.
func (s *Site) notFound(r *http.Request) (*page, error) { return nil, notFoundErr }
