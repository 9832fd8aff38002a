package api

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/httpcache"
)

// Prefix is the path every route of the API starts with.
const Prefix = "/api/v1"

// route is one endpoint: what the mux registers and what the OpenAPI
// document says about it.
type route struct {
	method  string
	path    string // below Prefix, e.g. "/films/{ref}"
	op      string // OpenAPI operationId
	tag     string
	summary string
	auth    bool         // needs a bearer token
	scope   string       // the token scope auth needs; "" = catalog.ScopeWrite
	query   []param      // query parameters
	body    reflect.Type // request DTO, nil for none
	status  int          // success status
	also    []int        // other success statuses with the same body
	resp    reflect.Type // response DTO, nil for no content
	serve   func(w http.ResponseWriter, r *http.Request) error
}

// pattern is the ServeMux pattern of the route.
func (rt route) pattern() string { return rt.method + " " + Prefix + rt.path }

// typeOf returns the reflect.Type of T, for route tables.
func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// handler is the API: a ServeMux over the route table.
type handler struct {
	svc      *app.Service
	log      *slog.Logger
	mux      *http.ServeMux
	routes   []route
	patterns map[string]bool // registered route patterns
	openapi  []byte
	cache    *httpcache.Cache // responses of the public GET routes
}

// New returns the JSON API handler. It serves paths that begin with
// /api/v1/ and answers JSON for every request, unknown routes and wrong
// methods included. A nil logger discards logs.
func New(svc *app.Service, log *slog.Logger) http.Handler {
	return newHandler(svc, log)
}

func newHandler(svc *app.Service, log *slog.Logger) *handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &handler{svc: svc, log: log, mux: http.NewServeMux(), patterns: map[string]bool{}}
	if svc != nil { // nil only in tests of the route table
		h.cache = httpcache.New(httpcache.Config{Key: h.cacheKey, Version: svc.CatalogVersion, Now: svc.Now})
	}
	h.routes = h.allRoutes()
	for _, rt := range h.routes {
		serve := h.endpoint(rt)
		if h.cache != nil && rt.method == http.MethodGet && !rt.auth {
			serve = h.cache.Handler(serve)
		}
		h.mux.Handle(rt.pattern(), serve)
		h.patterns[rt.pattern()] = true
	}
	h.mux.HandleFunc(Prefix+"/", h.fallback)
	doc, err := json.MarshalIndent(openAPIDocument(h.routes), "", "  ")
	if err != nil {
		panic(fmt.Sprintf("api: building the OpenAPI document: %v", err))
	}
	h.openapi = append(doc, '\n')
	return h
}

// allRoutes is the route table, one slice per resource file.
func (h *handler) allRoutes() []route {
	var all []route
	for _, rs := range [][]route{
		h.filmRoutes(),
		h.creditRoutes(),
		h.releaseRoutes(),
		h.editionRoutes(),
		h.extraRoutes(),
		h.peopleRoutes(),
		h.organizationRoutes(),
		h.festivalRoutes(),
		h.selectionRoutes(),
		h.awardRoutes(),
		h.nominationRoutes(),
		h.sourceRoutes(),
		h.articleRoutes(),
		h.searchRoutes(),
		h.meRoutes(),
		h.openAPIRoutes(),
	} {
		all = append(all, rs...)
	}
	return all
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.writeError(w, r, fmt.Errorf("panic: %v", v)) // logged there as an internal error
		}
	}()
	h.mux.ServeHTTP(w, r)
}

// endpoint wraps a route's serve function: authentication for writes,
// then errors written as JSON.
func (h *handler) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.auth {
			tok, err := h.authenticate(r, rt.scope)
			if err != nil {
				h.writeError(w, r, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), tokenKey{}, tok))
		}
		if err := rt.serve(w, r); err != nil {
			h.writeError(w, r, err)
		}
	})
}

// cacheKey is the response-cache key of a request to a public GET route:
// its URL and the service's calendar day, since some answers (upcoming
// releases) depend on the date. Credentials are not part of the key: a
// public route never authenticates, so its answer cannot depend on who
// asks.
func (h *handler) cacheKey(r *http.Request) string {
	return h.svc.Now().Format("2006-01-02") + " " + r.URL.Path + "?" + r.URL.RawQuery
}

// probeMethods are the methods tried to fill the Allow header of a 405.
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// fallback answers requests that no route matched: 405 with an Allow
// header when the path exists for other methods, else 404.
func (h *handler) fallback(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range probeMethods {
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pattern := h.mux.Handler(probe); h.patterns[pattern] {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		h.writeError(w, r, &httpError{
			status: http.StatusMethodNotAllowed, code: codeMethodNotAllowed,
			message: fmt.Sprintf("%s is not allowed on %s (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")),
		})
		return
	}
	h.writeError(w, r, &httpError{
		status: http.StatusNotFound, code: "not_found",
		message: fmt.Sprintf("no endpoint %s %s", r.Method, r.URL.Path),
	})
}

// openAPIRoutes serves the OpenAPI document.
func (h *handler) openAPIRoutes() []route {
	return []route{{
		method: "GET", path: "/openapi.json", op: "getOpenAPI", tag: "meta",
		summary: "This API's OpenAPI 3.1 document",
		status:  http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Cache-Control", "public, max-age=300")
			_, err := w.Write(h.openapi)
			return err
		},
	}}
}
