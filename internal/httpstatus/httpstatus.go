package httpstatus

import (
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Of returns the HTTP status for an error kind.
func Of(k catalog.ErrorKind) int {
	switch k {
	case catalog.KindInvalid:
		return http.StatusBadRequest
	case catalog.KindNotFound:
		return http.StatusNotFound
	case catalog.KindConflict:
		return http.StatusConflict
	case catalog.KindUnauthorized:
		return http.StatusUnauthorized
	case catalog.KindForbidden:
		return http.StatusForbidden
	case catalog.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case catalog.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
