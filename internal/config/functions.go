package config

import (
	"path"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// fnSpec is a handler spec as Stelvio accepts it (linking.md §6.1): a handler string plus
// options, a FunctionConfig, a dict, or an existing Function.
type fnSpec struct {
	handler     string
	folder      string
	links       pyeval.Value // the list as given: Stelvio keeps the object, so later appends count
	environment pyeval.Value
	customize   pyeval.Value
	configured  bool // a field other than handler/folder differs from its default (Api rule)
	pos         pyeval.Pos

	instance *Component      // a Function passed where a handler was expected
	unknown  *pyeval.Unknown // the spec itself cannot be known
	linksU   *pyeval.Unknown // the links list cannot be known
}

// record is a Stelvio config dataclass (FunctionConfig, CorsConfig, AwsConfig, ...): the
// fields given, readable as attributes.
type record struct {
	kind   string
	fields *pyeval.Dict
	pos    pyeval.Pos

	unknown *pyeval.Unknown // keyword arguments not known statically (**opts)
}

func (r *record) TypeName() string { return r.kind }

func (r *record) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	if v, ok := r.fields.GetStr(name); ok {
		return v, true, nil
	}
	return pyeval.None, true, nil // an omitted dataclass field has its default; None is the common one
}

func (r *record) get(name string) pyeval.Value {
	v, _ := r.fields.GetStr(name)
	return v
}

// field is a field's value with its default None, or Unknown when the field may hide in
// arguments not known statically.
func (r *record) field(name string) pyeval.Value {
	if v, ok := r.fields.GetStr(name); ok {
		return v
	}
	if r.unknown != nil {
		return r.unknown
	}
	return pyeval.None
}

// newRecordClass makes a keyword dataclass; positional lists the fields that may also be
// given by position, in order.
func newRecordClass(module, name string, positional ...string) *class {
	return &class{name: name, module: module, construct: func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		if len(args.Positional) > len(positional) {
			return nil, typeError(c.Pos, "%s() takes %d positional arguments but %d were given", name, len(positional), len(args.Positional))
		}
		r := &record{kind: name, fields: pyeval.NewDict(), pos: c.Pos, unknown: args.Unknown}
		for i, v := range args.Positional {
			_ = r.fields.Set(pyeval.Str(positional[i]), v)
		}
		for _, kw := range args.Keywords {
			if _, dup := r.fields.GetStr(kw.Name); dup {
				return nil, typeError(c.Pos, "%s() got multiple values for argument '%s'", name, kw.Name)
			}
			_ = r.fields.Set(pyeval.Str(kw.Name), kw.Value)
		}
		return r, nil
	}}
}

// specOf reads a handler spec. opts are the extra keyword options given beside it.
func specOf(c *pyeval.Call, handler pyeval.Value, opts []pyeval.Keyword) (*fnSpec, error) {
	s := &fnSpec{pos: c.Pos}
	full := func(kind string) error {
		if len(opts) > 0 {
			return pyeval.Errorf(c.Pos, "ValueError", "a complete function config (%s) cannot be combined with extra options (%s)", kind, opts[0].Name)
		}
		return nil
	}
	switch h := handler.(type) {
	case *Component:
		if h.Kind != "Function" {
			return nil, typeError(c.Pos, "handler must be a str, FunctionConfig, dict or Function, not %s", describe(h))
		}
		if err := full("Function"); err != nil {
			return nil, err
		}
		s.instance = h
		return s, nil
	case *record:
		if h.kind != "FunctionConfig" {
			return nil, typeError(c.Pos, "handler must be a str, FunctionConfig, dict or Function, not %s", h.kind)
		}
		if err := full("FunctionConfig"); err != nil {
			return nil, err
		}
		return s, s.setFields(c, h.fields.Items())
	case *pyeval.Dict:
		if err := full("dict"); err != nil {
			return nil, err
		}
		return s, s.setFields(c, h.Items())
	case pyeval.Str:
		items := []pyeval.Item{{Key: pyeval.Str("handler"), Value: h}}
		for _, kw := range opts {
			items = append(items, pyeval.Item{Key: pyeval.Str(kw.Name), Value: kw.Value})
		}
		return s, s.setFields(c, items)
	case *pyeval.Unknown:
		s.unknown = h
		return s, nil
	}
	if isNone(handler) {
		return nil, typeError(c.Pos, "a function needs a handler")
	}
	return nil, typeError(c.Pos, "handler must be a str, FunctionConfig, dict or Function, not %s", handler.TypeName())
}

func (s *fnSpec) setFields(c *pyeval.Call, items []pyeval.Item) error {
	for _, it := range items {
		key, ok := str(it.Key)
		if !ok {
			return typeError(c.Pos, "function config keys must be str")
		}
		v := it.Value
		switch key {
		case "handler", "folder":
			if isNone(v) {
				continue
			}
			if u := unknownIn(v); u != nil {
				s.unknown = u
				continue
			}
			text, ok := str(v)
			if !ok {
				return typeError(c.Pos, "%s must be a str, not %s", key, v.TypeName())
			}
			if key == "handler" {
				s.handler = text
			} else {
				s.folder = text
			}
		case "links":
			if isNone(v) {
				continue
			}
			list, ok := elems(v)
			if !ok {
				if u, isU := v.(*pyeval.Unknown); isU {
					s.linksU = u
					s.configured = true
					continue
				}
				return typeError(c.Pos, "links must be a list, not %s", v.TypeName())
			}
			s.links = v
			if len(list) > 0 {
				s.configured = true
			}
		case "environment":
			s.environment = v
			if !isDefault(v) {
				s.configured = true
			}
		case "customize":
			s.customize = v
			if !isDefault(v) {
				s.configured = true
			}
		default:
			if !isDefault(v) {
				s.configured = true
			}
		}
	}
	if s.unknown == nil && s.handler == "" {
		return typeError(c.Pos, "a function needs a handler")
	}
	return nil
}

// isDefault reports whether v equals a FunctionConfig field default (None, empty).
func isDefault(v pyeval.Value) bool {
	switch v := v.(type) {
	case nil, pyeval.NoneType:
		return true
	case *pyeval.List:
		return len(v.Elems) == 0
	case pyeval.Tuple:
		return len(v) == 0
	case *pyeval.Dict:
		return v.Len() == 0
	}
	return false
}

// handlerParts derives what Stelvio derives from a handler and folder (linking.md §5.5):
// the full handler path (the Api grouping key), the folder key of stlv_resources.py and
// the handler Lambda gets.
type handlerParts struct {
	full, folderKey, lambda string
}

func parseHandler(pos pyeval.Pos, handler, folder string) (handlerParts, error) {
	bad := func(format string, args ...any) (handlerParts, error) {
		return handlerParts{}, pyeval.Errorf(pos, "ValueError", format, args...)
	}
	if i := strings.Index(handler, "::"); i >= 0 {
		if folder != "" {
			return bad("handler %q uses 'folder::' and folder= is also given: use one", handler)
		}
		folder, handler = handler[:i], handler[i+2:]
		if folder == "" {
			return bad("handler %q has an empty folder before '::'", handler)
		}
	}
	dot := strings.LastIndex(handler, ".")
	if dot <= 0 || dot == len(handler)-1 {
		return bad("handler %q must be 'path/file.function'", handler)
	}
	file := handler[:dot]
	if strings.Contains(file, ".") || strings.Contains(folder, ".") {
		return bad("handler %q: dots are allowed only before the function name", handler)
	}
	p := handlerParts{full: handler}
	if folder != "" {
		p.full = folder + "/" + handler
		p.folderKey = folder
		p.lambda = handler
		return p, nil
	}
	p.folderKey = path.Dir(file)
	p.lambda = path.Base(file) + handler[dot:]
	return p, nil
}

// routeFunctionName is the Function an Api route group creates (v0.6.0a8+).
func routeFunctionName(api, key string) string {
	return strings.ReplaceAll(api+"-"+strings.ReplaceAll(key, "/", "-"), ".", "_")
}
