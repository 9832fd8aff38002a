package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// This file checks the OpenAPI document: its shape, that it lists exactly
// the routes the mux serves, and (through checkConformance, which every
// test request goes through) that every response matches the schema the
// document gives for it. The validator below implements the subset of
// JSON Schema the document uses: $ref, oneOf, type (with type arrays for
// nullable values), enum, pattern, properties, required,
// additionalProperties false and items.

var (
	docOnce sync.Once
	docVal  map[string]any
	docErr  error
)

// openAPI parses the document once.
func openAPI(t *testing.T) map[string]any {
	t.Helper()
	docOnce.Do(func() {
		dec := json.NewDecoder(bytes.NewReader(newHandler(nil, nil).openapi))
		dec.UseNumber()
		docErr = dec.Decode(&docVal)
	})
	if docErr != nil {
		t.Fatalf("openapi.json is not JSON: %v", docErr)
	}
	return docVal
}

// validator checks JSON values against the document's schemas.
type validator struct {
	doc map[string]any
}

// validate returns the ways v breaks schema s, each with its JSON path.
func (val validator) validate(s any, v any, path string) []string {
	sm, ok := s.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: schema %v is not an object", path, s)}
	}
	if ref, ok := sm["$ref"].(string); ok {
		target, err := val.resolve(ref)
		if err != nil {
			return []string{fmt.Sprintf("%s: %v", path, err)}
		}
		return val.validate(target, v, path)
	}
	if alts, ok := sm["oneOf"].([]any); ok {
		matched := 0
		var why []string
		for _, alt := range alts {
			errs := val.validate(alt, v, path)
			if len(errs) == 0 {
				matched++
			}
			why = append(why, errs...)
		}
		if matched != 1 {
			return append([]string{fmt.Sprintf("%s: matches %d of the oneOf schemas, want exactly 1", path, matched)}, why...)
		}
		return nil
	}
	var errs []string
	if t, ok := sm["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(typ string) bool { return hasType(v, typ) }) {
			return []string{fmt.Sprintf("%s: %s is not of type %v", path, describe(v), types)}
		}
	}
	if enum, ok := sm["enum"].([]any); ok && !slices.ContainsFunc(enum, func(x any) bool { return x == v }) {
		errs = append(errs, fmt.Sprintf("%s: %s is not one of %v", path, describe(v), enum))
	}
	if pat, ok := sm["pattern"].(string); ok {
		if s, isStr := v.(string); isStr && !regexp.MustCompile(pat).MatchString(s) {
			errs = append(errs, fmt.Sprintf("%s: %q does not match %s", path, s, pat))
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := sm["properties"].(map[string]any)
		for _, r := range asStrings(sm["required"]) {
			if _, present := obj[r]; !present {
				errs = append(errs, fmt.Sprintf("%s: required field %q is missing", path, r))
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps, known := props[k]
			if !known {
				if sm["additionalProperties"] == false {
					errs = append(errs, fmt.Sprintf("%s: field %q is not in the schema", path, k))
				}
				continue
			}
			errs = append(errs, val.validate(ps, obj[k], path+"."+k)...)
		}
	}
	if arr, ok := v.([]any); ok {
		if items, has := sm["items"]; has {
			for i, x := range arr {
				errs = append(errs, val.validate(items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return errs
}

// resolve follows a local reference such as #/components/schemas/Film.
func (val validator) resolve(ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("reference %q is not local", ref)
	}
	var cur any = val.doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("reference %q does not resolve", ref)
		}
		if cur, ok = m[part]; !ok {
			return nil, fmt.Errorf("reference %q does not resolve", ref)
		}
	}
	return cur, nil
}

func hasType(v any, typ string) bool {
	switch typ {
	case "null":
		return v == nil
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, err := strconv.ParseInt(string(n), 10, 64)
		return err == nil
	}
	return false
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return strconv.Quote(v)
	}
	return fmt.Sprint(v)
}

func asStrings(v any) []string {
	var out []string
	if xs, ok := v.([]any); ok {
		for _, x := range xs {
			out = append(out, x.(string))
		}
	}
	return out
}

// checkConformance checks one response against the document.
func checkConformance(t *testing.T, h *handler, r *http.Request, resp response) {
	t.Helper()
	if r.Method == http.MethodHead {
		return
	}
	doc := openAPI(t)
	val := validator{doc: doc}
	if resp.status == http.StatusNoContent {
		if len(resp.body) != 0 {
			t.Errorf("%s %s: 204 with a body: %s", r.Method, r.URL, resp.body)
		}
		return
	}
	if ct := resp.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q, want application/json", r.Method, r.URL, ct)
	}
	var body any
	dec := json.NewDecoder(bytes.NewReader(resp.body))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		t.Errorf("%s %s: body is not JSON: %v: %s", r.Method, r.URL, err, resp.body)
		return
	}
	var schema any = map[string]any{"$ref": "#/components/schemas/Error"}
	_, pattern := h.mux.Handler(r)
	if h.patterns[pattern] {
		opm := operation(t, h, r)
		if opm == nil {
			t.Errorf("%s %s: route %q is not in the OpenAPI document", r.Method, r.URL, pattern)
			return
		}
		responses, _ := opm["responses"].(map[string]any)
		ro, documented := responses[strconv.Itoa(resp.status)]
		if !documented {
			t.Errorf("%s %s: status %d is not documented for %s; body: %s", r.Method, r.URL, resp.status, pattern, resp.body)
			return
		}
		rm := ro.(map[string]any)
		if ref, ok := rm["$ref"].(string); ok {
			target, err := val.resolve(ref)
			if err != nil {
				t.Errorf("%s: %v", pattern, err)
				return
			}
			rm = target.(map[string]any)
		}
		content, _ := rm["content"].(map[string]any)
		mt, _ := content["application/json"].(map[string]any)
		if mt == nil {
			t.Errorf("%s %s: status %d of %s documents no JSON body", r.Method, r.URL, resp.status, pattern)
			return
		}
		schema = mt["schema"]
	} else if resp.status != http.StatusNotFound && resp.status != http.StatusMethodNotAllowed {
		t.Errorf("%s %s: no route matched, yet status %d", r.Method, r.URL, resp.status)
	}
	for _, e := range val.validate(schema, body, "$") {
		t.Errorf("%s %s → %d does not match its OpenAPI schema: %s", r.Method, r.URL, resp.status, e)
	}
}

// operation returns the documented operation that serves r.
func operation(t *testing.T, h *handler, r *http.Request) map[string]any {
	t.Helper()
	_, pattern := h.mux.Handler(r)
	if !h.patterns[pattern] {
		return nil
	}
	method, path, _ := strings.Cut(pattern, " ")
	op, _ := validator{doc: openAPI(t)}.resolve("#/paths/" + strings.ReplaceAll(strings.ReplaceAll(path, "~", "~0"), "/", "~1") + "/" + strings.ToLower(method))
	opm, _ := op.(map[string]any)
	return opm
}

// checkRequestBody checks that a body the API accepted matches the
// documented request schema, so the document is right about inputs too.
func checkRequestBody(t *testing.T, h *handler, r *http.Request, body string) {
	t.Helper()
	op := operation(t, h, r)
	rb, _ := op["requestBody"].(map[string]any)
	if rb == nil {
		t.Errorf("%s %s accepted a body but documents none", r.Method, r.URL)
		return
	}
	schema := rb["content"].(map[string]any)["application/json"].(map[string]any)["schema"]
	var v any
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Errorf("%s %s: accepted a body that is not JSON: %v", r.Method, r.URL, err)
		return
	}
	for _, e := range (validator{doc: openAPI(t)}).validate(schema, v, "$") {
		t.Errorf("%s %s: accepted body does not match its documented schema: %s", r.Method, r.URL, e)
	}
}

// samplePath fills a documented path's parameters.
func samplePath(p string) string {
	return strings.NewReplacer("{ref}", "some-slug", "{id}", "7", "{year}", "2021").Replace(p)
}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	h := newHandler(nil, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /api/v1/openapi.json: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	doc := openAPI(t)
	if v := doc["openapi"]; v != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", v)
	}
	val := validator{doc: doc}
	paths := doc["paths"].(map[string]any)

	// Every registered route is documented, with its path parameters and,
	// for writes, the bearer security scheme and a request body.
	ops := map[string]bool{}
	for _, rt := range h.routes {
		item, _ := paths[Prefix+rt.path].(map[string]any)
		op, _ := item[strings.ToLower(rt.method)].(map[string]any)
		if op == nil {
			t.Errorf("route %s is not in the document", rt.pattern())
			continue
		}
		id, _ := op["operationId"].(string)
		if id == "" || ops[id] {
			t.Errorf("route %s: operationId %q is empty or not unique", rt.pattern(), id)
		}
		ops[id] = true
		var documented []string
		params, _ := op["parameters"].([]any)
		for _, p := range params {
			if pm := p.(map[string]any); pm["in"] == "path" {
				documented = append(documented, pm["name"].(string))
			}
		}
		var inPath []string
		for _, m := range pathParamRE.FindAllStringSubmatch(rt.path, -1) {
			inPath = append(inPath, m[1])
		}
		if !slices.Equal(documented, inPath) {
			t.Errorf("route %s documents path parameters %v, want %v", rt.pattern(), documented, inPath)
		}
		_, secured := op["security"]
		if secured != rt.auth {
			t.Errorf("route %s: security documented %v, want %v", rt.pattern(), secured, rt.auth)
		}
		if rt.auth {
			if _, ok := op["responses"].(map[string]any)["401"]; !ok {
				t.Errorf("route %s: a write without a documented 401", rt.pattern())
			}
		}
		if _, hasBody := op["requestBody"]; hasBody != (rt.body != nil) {
			t.Errorf("route %s: requestBody documented %v, want %v", rt.pattern(), hasBody, rt.body != nil)
		}
	}

	// Every documented operation is served by the route it names.
	count := 0
	for p, item := range paths {
		for method := range item.(map[string]any) {
			count++
			m := strings.ToUpper(method)
			want := m + " " + p
			_, got := h.mux.Handler(httptest.NewRequest(m, samplePath(p), nil))
			if got != want {
				t.Errorf("documented %s is served by %q", want, got)
			}
		}
	}
	if count != len(h.routes) {
		t.Errorf("document has %d operations, the mux %d routes", count, len(h.routes))
	}

	// Every reference resolves, and components have the basics.
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, err := val.resolve(ref); err != nil {
					t.Error(err)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	for _, ref := range []string{"#/components/schemas/Error", "#/components/schemas/FilmDetail", "#/components/securitySchemes/bearerAuth"} {
		if _, err := val.resolve(ref); err != nil {
			t.Error(err)
		}
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for name, s := range schemas {
		if sm := s.(map[string]any); sm["type"] == "object" && sm["additionalProperties"] != false {
			t.Errorf("schema %s allows additional properties", name)
		}
	}
}

// TestValidatorCatchesDrift shows that the conformance check fails when a
// response and its schema disagree.
func TestValidatorCatchesDrift(t *testing.T) {
	t.Parallel()
	val := validator{doc: openAPI(t)}
	film := `{"id": 1, "slug": "x", "title": "X", "year": null}`
	ref := map[string]any{"$ref": "#/components/schemas/FilmRef"}
	parse := func(s string) any {
		var v any
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if errs := val.validate(ref, parse(film), "$"); len(errs) != 0 {
		t.Fatalf("a valid FilmRef fails: %v", errs)
	}
	for name, c := range map[string]struct{ body, want string }{
		"extra field":      {`{"id": 1, "slug": "x", "title": "X", "year": 2021, "extra": true}`, `field "extra" is not in the schema`},
		"missing required": {`{"id": 1, "slug": "x", "year": 2021}`, `required field "title" is missing`},
		"wrong type":       {`{"id": "1", "slug": "x", "title": "X", "year": 2021}`, `$.id: "1" is not of type [integer]`},
		"not an integer":   {`{"id": 1.5, "slug": "x", "title": "X", "year": 2021}`, `$.id: 1.5 is not of type [integer]`},
		"null not allowed": {`{"id": 1, "slug": null, "title": "X", "year": 2021}`, `$.slug: null is not of type [string]`},
	} {
		errs := val.validate(ref, parse(c.body), "$")
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, c.want) }) {
			t.Errorf("%s: errors %q, want one containing %q", name, errs, c.want)
		}
	}
	// Nested: an enum, a partial date pattern, a nullable object, an array.
	rel := map[string]any{"$ref": "#/components/schemas/ReleaseSummary"}
	good := `{"id": 1, "film": {"id": 1, "slug": "x", "title": "X", "year": null}, "country": null, "type": "physical",
		"date": "2022-03", "date_precision": "month", "day_known": false, "status": "confirmed", "distributor": null,
		"formats": ["dvd"], "note": ""}`
	if errs := val.validate(rel, parse(good), "$"); len(errs) != 0 {
		t.Fatalf("a valid ReleaseSummary fails: %v", errs)
	}
	for name, c := range map[string]struct{ old, new, want string }{
		"bad enum":         {`"type": "physical"`, `"type": "vhs"`, `$.type: "vhs" is not one of`},
		"bad date":         {`"date": "2022-03"`, `"date": "March 2022"`, `does not match`},
		"bad nested ref":   {`"distributor": null`, `"distributor": {"id": 1}`, `$.distributor: matches 0 of the oneOf schemas`},
		"null array":       {`"formats": ["dvd"]`, `"formats": null`, `$.formats: null is not of type [array]`},
		"bad array item":   {`"formats": ["dvd"]`, `"formats": ["dvd", 3]`, `$.formats[1]`},
		"nested extra key": {`"year": null}`, `"year": null, "x": 1}`, `$.film: field "x" is not in the schema`},
	} {
		body := strings.Replace(good, c.old, c.new, 1)
		errs := val.validate(rel, parse(body), "$")
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, c.want) }) {
			t.Errorf("%s: errors %q, want one containing %q", name, errs, c.want)
		}
	}
}
