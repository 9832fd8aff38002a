package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// MaxBodyBytes is the largest request body a write accepts.
const MaxBodyBytes = 1 << 20

// writeJSON writes v as the JSON response body with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only a bug in a DTO can get here.
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, `{"error":{"code":"internal","message":"internal server error"}}`+"\n")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// created writes a 201 with the Location of the new record.
func created(w http.ResponseWriter, location string, v any) error {
	w.Header().Set("Location", location)
	writeJSON(w, http.StatusCreated, v)
	return nil
}

// ok writes a 200.
func ok(w http.ResponseWriter, v any) error {
	writeJSON(w, http.StatusOK, v)
	return nil
}

// noContent writes a 204.
func noContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// decodeBody reads the request body into dst: a JSON object sent as
// application/json, at most MaxBodyBytes, with no unknown fields and
// nothing after it. Every failure is a clear client error that says where
// the body went wrong.
func decodeBody(w http.ResponseWriter, r *http.Request, dst any) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || mt != "application/json" {
		return &httpError{
			status: http.StatusUnsupportedMediaType, code: codeUnsupportedMediaType,
			message: fmt.Sprintf("request body must be sent as application/json, not %q", ct),
		}
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return &catalog.Error{Kind: catalog.KindTooLarge, Message: fmt.Sprintf("request body is larger than %d bytes", MaxBodyBytes)}
		}
		return catalog.Errorf(catalog.KindInvalid, "reading request body: %v", err)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return catalog.Invalid("", "request body is empty; send a JSON object")
	}
	if trimmed[0] != '{' {
		return catalog.Invalid("", "request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return bodyError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return catalog.Invalid("", "request body has data after the JSON object (at %s)", position(data, dec.InputOffset()))
	}
	return nil
}

// bodyError turns a decoding error into an invalid-input error that names
// the field or the line and column.
func bodyError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return catalog.Invalid("", "request body is not valid JSON: %s at %s", syn.Error(), position(data, syn.Offset-1))
	case errors.As(err, &typ):
		field := typ.Field
		want := "a value of another type"
		if typ.Type != nil {
			want = jsonKind(typ.Type.Kind().String())
		}
		if typ.Type == refType {
			want = "a slug (string) or a positive numeric ID"
		}
		if field == "" {
			return catalog.Invalid("", "request body has a JSON %s where %s is expected", typ.Value, want)
		}
		return catalog.Invalid(field, "is a JSON %s; want %s", typ.Value, want)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return catalog.Invalid("", "request body ends before the JSON object is complete")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return catalog.Invalid(name, "is not a field of this request")
	}
	var ce *catalog.Error
	if errors.As(err, &ce) {
		return err
	}
	return catalog.Invalid("", "request body: %v", err)
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "an integer"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "true or false"
	case kind == "slice", kind == "array":
		return "an array"
	case kind == "struct", kind == "map", kind == "ptr":
		return "an object"
	}
	return "a value of another type"
}

// position gives a byte offset as "line L, column C".
func position(data []byte, off int64) string {
	if off < 0 || off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(data[:off], '\n'))
	return fmt.Sprintf("line %d, column %d", line, col)
}
