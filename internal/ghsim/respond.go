package ghsim

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// response is what a handler returns; it is written after the call is recorded.
type response struct {
	status int
	header http.Header
	body   any // marshalled as JSON; nil writes no body
	// raw, when set, is sent as is instead of body (the "raw" media type of blobs).
	raw []byte
}

func (r response) write(w http.ResponseWriter) {
	for k, vs := range r.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if r.raw != nil {
		w.Header().Set("Content-Type", "application/vnd.github.raw; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(r.raw)))
		w.WriteHeader(r.status)
		_, _ = w.Write(r.raw)
		return
	}
	if r.body == nil {
		w.WriteHeader(r.status)
		return
	}
	data, err := json.Marshal(r.body)
	if err != nil {
		data = []byte(`{"message":"ghsim: cannot encode response"}`)
		r.status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(r.status)
	_, _ = w.Write(data)
}

func (r response) with(key, value string) response {
	if r.header == nil {
		r.header = http.Header{}
	}
	r.header.Set(key, value)
	return r
}

func okJSON(body any) response  { return response{status: http.StatusOK, body: body} }
func created(body any) response { return response{status: http.StatusCreated, body: body} }
func noContent() response       { return response{status: http.StatusNoContent} }

const docsURL = "https://docs.github.com/rest"

// errorResponse has the shape of GitHub's "basic-error".
func errorResponse(status int, message string) response {
	return response{status: status, body: map[string]any{
		"message":           message,
		"documentation_url": docsURL,
		"status":            strconv.Itoa(status),
	}}
}

func notFound() response { return errorResponse(http.StatusNotFound, "Not Found") }

// validationFailed has the shape of GitHub's 422 "validation-error".
func validationFailed(message string, errs ...map[string]any) response {
	body := map[string]any{
		"message":           message,
		"documentation_url": docsURL,
		"status":            "422",
	}
	if len(errs) > 0 {
		body["errors"] = errs
	}
	return response{status: http.StatusUnprocessableEntity, body: body}
}

// fieldError is one entry of a validation error's "errors" list.
func fieldError(resource, field, code string) map[string]any {
	return map[string]any{"resource": resource, "field": field, "code": code}
}

func badJSON() response {
	return errorResponse(http.StatusBadRequest, "Problems parsing JSON")
}

// decode reads the JSON request body into v; a body that is not JSON answers 400 as GitHub
// does.
func (r *request) decode(v any) (response, bool) {
	if err := json.Unmarshal(r.body, v); err != nil {
		return badJSON(), false
	}
	return response{}, true
}
