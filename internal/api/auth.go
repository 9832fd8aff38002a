package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// tokenKey is the context key of the authenticated API token.
type tokenKey struct{}

// authenticate checks the request's bearer token. A missing, malformed,
// unknown or revoked token is a 401; a token whose scope is weaker than
// need ("" = write) a 403.
func (h *handler) authenticate(r *http.Request, need string) (catalog.APIToken, error) {
	authz := strings.TrimSpace(r.Header.Get("Authorization"))
	if authz == "" {
		return catalog.APIToken{}, &catalog.Error{Kind: catalog.KindUnauthorized, Message: "this request needs an API token: send Authorization: Bearer <token>"}
	}
	scheme, secret, found := strings.Cut(authz, " ")
	secret = strings.TrimSpace(secret)
	if !found || !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return catalog.APIToken{}, &catalog.Error{Kind: catalog.KindUnauthorized, Message: "the Authorization header must be Bearer <token>"}
	}
	tok, err := h.svc.Authenticate(r.Context(), secret)
	if err != nil {
		return catalog.APIToken{}, err
	}
	if need == "" {
		need = catalog.ScopeWrite
	}
	if !catalog.ScopeAllows(tok.Scope, need) {
		msg := "this API token may not write"
		if need == catalog.ScopeAdmin {
			msg = "this request needs an admin token"
		}
		return catalog.APIToken{}, &catalog.Error{Kind: catalog.KindForbidden, Message: msg + " (its scope is " + tok.Scope + ")"}
	}
	return tok, nil
}

// tokenFrom returns the token that authenticate put in ctx.
func tokenFrom(ctx context.Context) (catalog.APIToken, bool) {
	tok, ok := ctx.Value(tokenKey{}).(catalog.APIToken)
	return tok, ok
}

// checkable is a catalog record that can normalize and validate itself.
type checkable interface {
	Normalize()
	Validate() error
}

// cite validates rec, then returns the provenance a write is cited with:
// the source given as the body's source_id, else the source that stands
// for the request's token. rec is checked first, so a bad record is
// rejected before anything (not even the token's source) is written.
func (h *handler) cite(ctx context.Context, sourceID int64, rec checkable) (app.Provenance, error) {
	if rec != nil {
		rec.Normalize()
		if err := rec.Validate(); err != nil {
			return app.Provenance{}, err
		}
	}
	switch {
	case sourceID < 0:
		return app.Provenance{}, catalog.Invalid("source_id", "%d is not a source ID", sourceID)
	case sourceID > 0:
		if _, err := h.svc.Source(ctx, sourceID); err != nil {
			return app.Provenance{}, badRef(err, "source_id", "source", itoa(sourceID))
		}
		return app.Provenance{SourceID: sourceID}, nil
	}
	tok, ok := tokenFrom(ctx)
	if !ok {
		return app.Provenance{}, &catalog.Error{Kind: catalog.KindUnauthorized, Message: "this request needs an API token"}
	}
	src, err := h.svc.TokenSource(ctx, tok)
	if err != nil {
		return app.Provenance{}, err
	}
	return app.Provenance{SourceID: src.ID}, nil
}
