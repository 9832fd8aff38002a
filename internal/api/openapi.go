package api

import (
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// This file builds the OpenAPI 3.1 document from the route table and the
// DTO types. Schemas are derived by reflection from the DTOs' json tags,
// so the document describes exactly what the handlers read and write:
//
//   - every struct DTO is a component schema with additionalProperties
//     false;
//   - a response field is required unless tagged omitempty; a request
//     field is required when tagged required:"true";
//   - a pointer is nullable (type ["…", "null"], or oneOf with null for
//     objects), except an omitempty pointer, which is left out instead;
//   - catalog enum types list their values; a `doc` tag becomes the
//     field's description.

// param is a query parameter.
type param struct {
	name   string
	doc    string
	schema map[string]any
}

func pString(name, doc string) param {
	return param{name, doc, map[string]any{"type": "string"}}
}

func pYear(name, doc string) param {
	return param{name, doc, map[string]any{"type": "integer", "minimum": catalog.MinYear, "maximum": catalog.MaxYear}}
}

func pEnum(name, doc string, values []string) param {
	return param{name, doc, map[string]any{"type": "string", "enum": values}}
}

func pEnumList(name, doc string, values []string) param {
	return param{name, doc, map[string]any{"type": "array", "items": map[string]any{"type": "string", "enum": values}}}
}

func pCountry(name, doc string) param {
	return param{name, doc, map[string]any{"type": "string", "pattern": "^[A-Za-z]{2}$"}}
}

func pDay(name, doc string) param {
	return param{name, doc, map[string]any{"type": "string", "format": "date"}}
}

func pBool(name, doc string) param {
	return param{name, doc, map[string]any{"type": "boolean", "default": false}}
}

func pLimit() param {
	return param{"limit", "Page size.", map[string]any{"type": "integer", "minimum": 1, "maximum": catalog.MaxPageLimit, "default": catalog.DefaultPageLimit}}
}

func pCursor() param {
	return param{"cursor", "The next_cursor of the previous page.", map[string]any{"type": "string"}}
}

// enumStrings lists the non-empty values of an enum.
func enumStrings[T ~string](values []T) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != "" {
			out = append(out, string(v))
		}
	}
	return out
}

// enums gives the values of every enum type that DTOs use.
var enums = map[reflect.Type][]string{
	typeOf[catalog.FilmStatus]():       enumStrings(catalog.FilmStatuses),
	typeOf[catalog.ReleaseType]():      enumStrings(catalog.ReleaseTypes),
	typeOf[catalog.ReleaseStatus]():    enumStrings(catalog.ReleaseStatuses),
	typeOf[catalog.Format]():           enumStrings(catalog.Formats),
	typeOf[catalog.Packaging]():        enumStrings(catalog.Packagings),
	typeOf[catalog.ExtraKind]():        enumStrings(catalog.ExtraKinds),
	typeOf[catalog.ExtraVintage]():     enumStrings(catalog.ExtraVintages),
	typeOf[catalog.NominationResult](): enumStrings(catalog.NominationResults),
	typeOf[catalog.PremiereScope]():    enumStrings(catalog.PremiereScopes),
	typeOf[catalog.OrgKind]():          enumStrings(catalog.OrgKinds),
	typeOf[catalog.SourceKind]():       enumStrings(catalog.SourceKinds),
	typeOf[catalog.Department]():       enumStrings(catalog.Departments),
	typeOf[DatePrecision]():            enumStrings(datePrecisions),
	typeOf[ErrorCode]():                errorCodes,
	typeOf[SearchKind]():               enumStrings(searchKinds),
}

// componentNames renames DTO types whose Go name would read badly.
var componentNames = map[reflect.Type]string{
	typeOf[ErrorBody](): "Error",
}

const partialDatePattern = `^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|TBA)$`

var (
	timeType        = typeOf[time.Time]()
	partialDateType = typeOf[PartialDate]()
	apiPkg          = typeOf[route]().PkgPath()
)

// schemaGen derives JSON schemas from DTO types, collecting components.
type schemaGen struct {
	schemas map[string]any
}

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case refType:
		return map[string]any{"type": []any{"string", "integer"}, "description": "Slug or numeric ID."}
	case partialDateType:
		return map[string]any{"type": "string", "pattern": partialDatePattern, "description": "Partial date: YYYY, YYYY-MM, YYYY-MM-DD or TBA."}
	}
	if values, ok := enums[t]; ok {
		return map[string]any{"type": "string", "enum": anys(values)}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(g.schema(t.Elem()))
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Struct:
		return g.component(t)
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	panic(fmt.Sprintf("api: no JSON schema for %v", t))
}

// component registers the schema of a struct DTO and refers to it.
func (g *schemaGen) component(t reflect.Type) map[string]any {
	if t.PkgPath() != apiPkg {
		panic(fmt.Sprintf("api: %v is not a DTO of this package; never serialize domain structs", t))
	}
	name := componentNames[t]
	if name == "" {
		name = t.Name()
	}
	if _, done := g.schemas[name]; !done {
		g.schemas[name] = nil // a placeholder, in case a type refers to itself
		g.schemas[name] = g.object(t)
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []any
	g.fields(t, strings.HasSuffix(t.Name(), "Input"), props, &required)
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// fields adds t's JSON fields, those of embedded structs included.
func (g *schemaGen) fields(t reflect.Type, input bool, props map[string]any, required *[]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			g.fields(f.Type, input, props, required)
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		omit := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		var s map[string]any
		if omit && f.Type.Kind() == reflect.Pointer {
			s = g.schema(f.Type.Elem()) // left out rather than null
		} else {
			s = g.schema(f.Type)
		}
		if doc := f.Tag.Get("doc"); doc != "" {
			s["description"] = doc
		}
		props[name] = s
		if (input && f.Tag.Get("required") == "true") || (!input && !omit) {
			*required = append(*required, name)
		}
	}
}

// nullable lets a schema also match null.
func nullable(s map[string]any) map[string]any {
	if ref, ok := s["$ref"]; ok {
		return map[string]any{"oneOf": []any{map[string]any{"$ref": ref}, map[string]any{"type": "null"}}}
	}
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	switch t := s["type"].(type) {
	case string:
		out["type"] = []any{t, "null"}
	case []any:
		out["type"] = append(append([]any{}, t...), "null")
	}
	if enum, ok := s["enum"].([]any); ok {
		out["enum"] = append(append([]any{}, enum...), nil)
	}
	return out
}

func anys(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

var pathParamRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// pathParams documents the {name} segments of a route path.
func pathParams(path string) []any {
	var out []any
	for _, m := range pathParamRE.FindAllStringSubmatch(path, -1) {
		p := map[string]any{"name": m[1], "in": "path", "required": true}
		switch m[1] {
		case "ref":
			p["description"] = "Slug or numeric ID."
			p["schema"] = map[string]any{"type": "string"}
		case "year":
			p["description"] = "The edition's year."
			p["schema"] = map[string]any{"type": "integer", "minimum": catalog.MinYear, "maximum": catalog.MaxYear}
		default:
			p["description"] = "Numeric ID."
			p["schema"] = map[string]any{"type": "integer", "minimum": 1}
		}
		out = append(out, p)
	}
	return out
}

var errorStatuses = map[int]string{
	http.StatusBadRequest:            "Invalid input: a bad path or query parameter or body field, named by error.field when there is one.",
	http.StatusUnauthorized:          "No valid API token: missing, malformed, unknown or revoked.",
	http.StatusForbidden:             "The API token may not write.",
	http.StatusNotFound:              "No such record.",
	http.StatusConflict:              "The write collides with existing data: a duplicate slug or external ID, or a record still referenced.",
	http.StatusRequestEntityTooLarge: "The request body is larger than 1 MiB.",
	http.StatusUnsupportedMediaType:  "The request body is not sent as application/json.",
	http.StatusInternalServerError:   "An internal error; the message is generic and the cause is logged.",
	http.StatusServiceUnavailable:    "A dependency such as the database is temporarily unusable.",
}

// errorResponseName names the shared response component of an error
// status: "NotFound".
func errorResponseName(status int) string {
	return strings.ReplaceAll(http.StatusText(status), " ", "")
}

func errorResponse(status int) map[string]any {
	return map[string]any{
		"description": errorStatuses[status],
		"content":     map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}},
	}
}

const apiDescription = `Marquee tracks films and every way they reach an audience: festival screenings, theatrical, digital and streaming releases, and disc editions with their extras, plus awards. Every fact names its sources.

Reads are public. Writes need an API token (Authorization: Bearer <token>) and a JSON body sent as application/json (at most 1 MiB, no unknown fields); they are cited with the body's source_id, else with the source that stands for the token.

Dates are partial: "2022", "2022-03", "2022-03-15" or "TBA"; releases add date_precision and day_known, and never get an invented day. Unknown numbers, codes, enum values, URLs and references are null; absent free text is ""; lists are never null.

Errors are {"error": {"code", "message", "field"?}}. A wrong method on a known path answers 405 with an Allow header; an unknown path 404.`

// openAPIDocument builds the document for the given routes.
func openAPIDocument(routes []route) map[string]any {
	g := &schemaGen{schemas: map[string]any{}}
	g.schema(typeOf[ErrorBody]())
	paths := map[string]any{}
	var tags []any
	seenTag := map[string]bool{}
	for _, rt := range routes {
		if !seenTag[rt.tag] {
			seenTag[rt.tag] = true
			tags = append(tags, map[string]any{"name": rt.tag})
		}
		item, _ := paths[Prefix+rt.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[Prefix+rt.path] = item
		}
		op := map[string]any{"operationId": rt.op, "summary": rt.summary, "tags": []any{rt.tag}}
		params := pathParams(rt.path)
		for _, p := range rt.query {
			qp := map[string]any{"name": p.name, "in": "query", "required": false, "description": p.doc, "schema": p.schema}
			if p.schema["type"] == "array" {
				qp["style"], qp["explode"] = "form", true
			}
			params = append(params, qp)
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if rt.body != nil {
			op["requestBody"] = map[string]any{
				"required": true,
				"content":  map[string]any{"application/json": map[string]any{"schema": g.schema(rt.body)}},
			}
		}
		responses := map[string]any{}
		for _, status := range append([]int{rt.status}, rt.also...) {
			resp := map[string]any{"description": http.StatusText(status)}
			switch {
			case rt.resp != nil:
				resp["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(rt.resp)}}
			case status != http.StatusNoContent:
				resp["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}
			}
			if status == http.StatusCreated {
				resp["headers"] = map[string]any{"Location": map[string]any{
					"description": "The path of the new record.", "schema": map[string]any{"type": "string"},
				}}
			}
			responses[strconv.Itoa(status)] = resp
		}
		errs := []int{http.StatusBadRequest, http.StatusNotFound, http.StatusInternalServerError, http.StatusServiceUnavailable}
		if rt.auth {
			op["security"] = []any{map[string]any{"bearerAuth": []any{}}}
			errs = append(errs, http.StatusUnauthorized, http.StatusForbidden, http.StatusConflict)
			if rt.body != nil {
				errs = append(errs, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
			}
		}
		for _, status := range errs {
			responses[strconv.Itoa(status)] = map[string]any{"$ref": "#/components/responses/" + errorResponseName(status)}
		}
		op["responses"] = responses
		item[strings.ToLower(rt.method)] = op
	}
	errorResponses := map[string]any{}
	for status := range errorStatuses {
		errorResponses[errorResponseName(status)] = errorResponse(status)
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Marquee API",
			"version":     "1.0.0",
			"description": apiDescription,
		},
		"tags":  tags,
		"paths": paths,
		"components": map[string]any{
			"schemas":   g.schemas,
			"responses": errorResponses,
			"securitySchemes": map[string]any{
				"bearerAuth": map[string]any{"type": "http", "scheme": "bearer", "description": "An API token."},
			},
		},
	}
}
