package httpstatus

import (
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

func TestOf(t *testing.T) {
	for k, want := range map[catalog.ErrorKind]int{
		catalog.KindInvalid: 400, catalog.KindUnauthorized: 401, catalog.KindForbidden: 403, catalog.KindNotFound: 404,
		catalog.KindConflict: 409, catalog.KindTooLarge: 413, catalog.KindInternal: 500, catalog.KindUnavailable: 503,
	} {
		if got := Of(k); got != want {
			t.Errorf("Of(%v) = %d, want %d", k, got, want)
		}
	}
}
