package ghsim

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// specJSON is the part of GitHub's REST description (from @octokit/openapi, see generate.go)
// that covers the operations the simulator serves. The full description is 13 MB and takes
// about five seconds to load; this subset loads in a fraction of that.
//
//go:embed testdata/openapi/api.github.com.subset.json
var specJSON []byte

// spec is the loaded description. It is never changed after loading.
type spec struct {
	doc *openapi3.T
}

// loadSpec parses the description once per test binary: it is immutable, and parsing it for
// every simulator would dominate the run time of short tests.
var loadSpec = sync.OnceValues(parseSpec)

func parseSpec() (*spec, error) {
	doc, err := openapi3.NewLoader().LoadFromData(specJSON)
	if err != nil {
		return nil, fmt.Errorf("loading the OpenAPI description: %w", err)
	}
	return &spec{doc: doc}, nil
}

func (sp *spec) operation(method, template string) *openapi3.Operation {
	item := sp.doc.Paths.Value(template)
	if item == nil {
		return nil
	}
	return item.GetOperation(method)
}

// checkRoutes makes sure every served operation exists in the description, so that no
// request escapes validation because of a typo in the route table.
func (sp *spec) checkRoutes(routes []*route) error {
	var missing []string
	for _, rt := range routes {
		if !rt.oidc && sp.operation(rt.method, rt.template) == nil {
			missing = append(missing, rt.method+" "+rt.template)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("routes not in the OpenAPI description (add them to testdata/openapi/operations.txt and run go generate): %s", strings.Join(missing, ", "))
	}
	return nil
}

func (sp *spec) requestInput(hr *http.Request, rt *route, params map[string]string) *openapi3filter.RequestValidationInput {
	item := sp.doc.Paths.Value(rt.template)
	return &openapi3filter.RequestValidationInput{
		Request:    hr,
		PathParams: params,
		Route: &routers.Route{
			Spec:      sp.doc,
			Path:      rt.template,
			PathItem:  item,
			Method:    rt.method,
			Operation: item.GetOperation(rt.method),
		},
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			MultiError:         true,
		},
	}
}

func (sp *spec) validateRequest(hr *http.Request, rt *route, params map[string]string) error {
	input := sp.requestInput(hr, rt, params)
	body, _ := io.ReadAll(hr.Body)
	hr.Body = io.NopCloser(bytes.NewReader(body))
	defer func() { hr.Body = io.NopCloser(bytes.NewReader(body)) }()
	return flatten(openapi3filter.ValidateRequest(context.Background(), input))
}

// validateResponse checks a response the simulator is about to send against the
// operation's documented response for that status.
func (sp *spec) validateResponse(hr *http.Request, rt *route, params map[string]string, status int, header http.Header, body []byte) error {
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: sp.requestInput(hr, rt, params),
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{MultiError: true},
	}
	input.SetBodyBytes(body)
	return flatten(openapi3filter.ValidateResponse(context.Background(), input))
}

func flatten(err error) error {
	if err == nil {
		return nil
	}
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		msgs := make([]string, 0, len(multi))
		for _, e := range multi {
			msgs = append(msgs, oneLine(e.Error()))
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	return errors.New(oneLine(err.Error()))
}

// oneLine keeps a validator message short enough to read in a test log: kin-openapi appends
// the whole schema and value on separate lines.
func oneLine(msg string) string {
	first, _, _ := strings.Cut(msg, "\nSchema:")
	return strings.Join(strings.Fields(first), " ")
}
