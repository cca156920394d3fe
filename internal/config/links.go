package config

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// Link values follow stelvio/link.py (linking.md §1.2): every method returns a new Link,
// copies are shallow, and None stays distinct from empty.

func (l *Link) TypeName() string { return "Link" }

func (l *Link) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	switch name {
	case "name":
		return pyeval.Str(l.Name), true, nil
	case "properties":
		return l.Properties.value(), true, nil
	case "permissions":
		if l.Permissions == nil {
			return pyeval.None, true, nil
		}
		out := &pyeval.List{}
		for _, p := range l.Permissions {
			out.Elems = append(out.Elems, p)
		}
		return out, true, nil
	case "component":
		return pyeval.None, true, nil
	case "link":
		return &method{name, func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) { return l, nil }}, true, nil
	case "with_config":
		return &method{name, l.withConfig}, true, nil
	case "with_properties":
		return &method{name, l.withProperties}, true, nil
	case "with_permissions":
		return &method{name, l.withPermissions}, true, nil
	case "add_properties":
		return &method{name, l.addProperties}, true, nil
	case "add_permissions":
		return &method{name, l.addPermissions}, true, nil
	case "remove_properties":
		return &method{name, l.removeProperties}, true, nil
	}
	return nil, false, nil
}

func (l *Link) copy() *Link { n := *l; return &n }

func (l *Link) withConfig(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	b, err := params{fn: "with_config", kwOnly: []string{"properties", "permissions"}}.bind(c, args)
	if err != nil {
		return nil, err
	}
	n := l.copy()
	if n.Properties, err = propsOf(c.Pos, b.get("properties")); err != nil {
		return nil, err
	}
	if n.Permissions, err = permissionsOf(c.Pos, b.get("permissions")); err != nil {
		return nil, err
	}
	return n, nil
}

func (l *Link) withProperties(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	if len(args.Positional) > 0 {
		return nil, typeError(c.Pos, "with_properties() takes keyword arguments only")
	}
	n := l.copy()
	n.Properties = &Props{Values: map[string]pyeval.Value{}}
	for _, kw := range args.Keywords {
		n.Properties.set(kw.Name, kw.Value)
	}
	return n, nil
}

func (l *Link) withPermissions(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	if len(args.Keywords) > 0 {
		return nil, typeError(c.Pos, "with_permissions() takes positional arguments only")
	}
	n := l.copy()
	perms, err := permissionsOf(c.Pos, &pyeval.List{Elems: args.Positional})
	if err != nil {
		return nil, err
	}
	n.Permissions = perms
	if n.Permissions == nil {
		n.Permissions = []*Permission{}
	}
	return n, nil
}

func (l *Link) addProperties(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	if len(args.Positional) > 0 {
		return nil, typeError(c.Pos, "add_properties() takes keyword arguments only")
	}
	n := l.copy()
	n.Properties = l.Properties.clone()
	for _, kw := range args.Keywords {
		n.Properties.set(kw.Name, kw.Value)
	}
	return n, nil
}

func (l *Link) addPermissions(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	if len(args.Keywords) > 0 {
		return nil, typeError(c.Pos, "add_permissions() takes positional arguments only")
	}
	extra, err := permissionsOf(c.Pos, &pyeval.List{Elems: args.Positional})
	if err != nil {
		return nil, err
	}
	n := l.copy()
	n.Permissions = append(append([]*Permission{}, l.Permissions...), extra...)
	return n, nil
}

func (l *Link) removeProperties(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	if l.Properties == nil || len(l.Properties.Keys) == 0 {
		return l, nil // Stelvio returns the link itself when there is nothing to remove
	}
	drop := map[string]bool{}
	for _, a := range args.Positional {
		if s, ok := str(a); ok {
			drop[s] = true
		}
	}
	n := l.copy()
	n.Properties = &Props{Values: map[string]pyeval.Value{}}
	for _, k := range l.Properties.Keys {
		if !drop[k] {
			n.Properties.set(k, l.Properties.Values[k])
		}
	}
	return n, nil
}

// newLinkClass is stelvio.link.Link: Link(name, properties, permissions, component=None).
func newLinkClass() *class {
	return &class{name: "Link", module: "stelvio.link", construct: func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		b, err := params{fn: "Link", names: []string{"name", "properties", "permissions", "component"}}.bind(c, args)
		if err != nil {
			return nil, err
		}
		nameV, err := b.require("Link", "name")
		if err != nil {
			return nil, err
		}
		l := &Link{Pos: c.Pos}
		if u := unknownIn(nameV); u != nil {
			l.Unknown = u
			return l, nil
		}
		name, ok := str(nameV)
		if !ok {
			return nil, typeError(c.Pos, "Link name must be a str, not %s", nameV.TypeName())
		}
		l.Name = name
		for _, req := range []string{"properties", "permissions"} {
			if _, err := b.require("Link", req); err != nil {
				return nil, err
			}
		}
		if l.Properties, err = propsOf(c.Pos, b.get("properties")); err != nil {
			return nil, err
		}
		if l.Permissions, err = permissionsOf(c.Pos, b.get("permissions")); err != nil {
			return nil, err
		}
		return l, nil
	}}
}

func (lc *LinkConfig) TypeName() string { return "LinkConfig" }

func (lc *LinkConfig) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	switch name {
	case "properties":
		return lc.Properties.value(), true, nil
	case "permissions":
		if lc.Permissions == nil {
			return pyeval.None, true, nil
		}
		out := &pyeval.List{}
		for _, p := range lc.Permissions {
			out.Elems = append(out.Elems, p)
		}
		return out, true, nil
	}
	return nil, false, nil
}

func newLinkConfigClass() *class {
	return &class{name: "LinkConfig", module: "stelvio.link", construct: func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		b, err := params{fn: "LinkConfig", names: []string{"properties", "permissions"}}.bind(c, args)
		if err != nil {
			return nil, err
		}
		lc := &LinkConfig{}
		if lc.Properties, err = propsOf(c.Pos, b.get("properties")); err != nil {
			return nil, err
		}
		if lc.Permissions, err = permissionsOf(c.Pos, b.get("permissions")); err != nil {
			return nil, err
		}
		return lc, nil
	}}
}

func (p *Permission) TypeName() string { return "AwsPermission" }

func (p *Permission) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	switch name {
	case "actions":
		return &pyeval.List{Elems: p.Actions}, true, nil
	case "resources":
		return &pyeval.List{Elems: p.Resources}, true, nil
	}
	return nil, false, nil
}

func newAwsPermissionClass() *class {
	return &class{name: "AwsPermission", module: "stelvio.aws.permission", construct: func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		b, err := params{fn: "AwsPermission", names: []string{"actions", "resources"}}.bind(c, args)
		if err != nil {
			return nil, err
		}
		p := &Permission{Pos: c.Pos}
		for _, field := range []string{"actions", "resources"} {
			v, err := b.require("AwsPermission", field)
			if err != nil {
				return nil, err
			}
			list, ok := sequenceOf(v)
			if !ok {
				list = []pyeval.Value{v} // kept as is: the linker reports a non-list
			}
			if field == "actions" {
				p.Actions = list
			} else {
				p.Resources = list
			}
		}
		return p, nil
	}}
}

// sequenceOf returns the elements of a list, tuple or Unknown-free sequence; a plain str is
// not a sequence of actions here (Stelvio would iterate its characters: reported later).
func sequenceOf(v pyeval.Value) ([]pyeval.Value, bool) {
	if s, ok := v.(*pyeval.Set); ok {
		return s.Elems(), true
	}
	return elems(v)
}

// propsOf converts a properties argument; nil (absent) and None both give nil.
func propsOf(pos pyeval.Pos, v pyeval.Value) (*Props, error) {
	if isNone(v) {
		return nil, nil
	}
	d, ok := v.(*pyeval.Dict)
	if !ok {
		if u, isU := v.(*pyeval.Unknown); isU {
			return &Props{unknown: u}, nil
		}
		return nil, typeError(pos, "link properties must be a dict, not %s", v.TypeName())
	}
	p := &Props{Values: map[string]pyeval.Value{}}
	for _, it := range d.Items() {
		k, ok := str(it.Key)
		if !ok {
			if u := unknownIn(it.Key); u != nil {
				return &Props{unknown: u}, nil
			}
			return nil, typeError(pos, "link property names must be str, not %s", it.Key.TypeName())
		}
		p.set(k, it.Value)
	}
	return p, nil
}

// permissionsOf converts a permissions argument; nil (absent) and None both give nil.
func permissionsOf(pos pyeval.Pos, v pyeval.Value) ([]*Permission, error) {
	if isNone(v) {
		return nil, nil
	}
	items, ok := sequenceOf(v)
	if !ok {
		if u, isU := v.(*pyeval.Unknown); isU {
			return []*Permission{{Pos: u.Pos, unknown: u}}, nil
		}
		return nil, typeError(pos, "link permissions must be a list, not %s", v.TypeName())
	}
	out := []*Permission{}
	for _, it := range items {
		switch p := it.(type) {
		case *Permission:
			out = append(out, p)
		case *pyeval.Unknown:
			out = append(out, &Permission{Pos: p.Pos, unknown: p})
		default:
			return nil, typeError(pos, "Permission must be AwsPermission, got %s", it.TypeName())
		}
	}
	return out, nil
}

func (p *Props) set(k string, v pyeval.Value) {
	if _, ok := p.Values[k]; !ok {
		p.Keys = append(p.Keys, k)
	}
	p.Values[k] = v
}

func (p *Props) clone() *Props {
	n := &Props{Values: map[string]pyeval.Value{}}
	if p != nil {
		n.unknown = p.unknown
		for _, k := range p.Keys {
			n.set(k, p.Values[k])
		}
	}
	return n
}

// value is the properties as a Python value: None, or a dict.
func (p *Props) value() pyeval.Value {
	if p == nil {
		return pyeval.None
	}
	if p.unknown != nil {
		return p.unknown
	}
	d := pyeval.NewDict()
	for _, k := range p.Keys {
		_ = d.Set(pyeval.Str(k), p.Values[k])
	}
	return d
}

// Unknown returns the reason the properties cannot be known, if so.
func (p *Props) Unknown() *pyeval.Unknown {
	if p == nil {
		return nil
	}
	return p.unknown
}

// Unknown returns the reason the permission cannot be known, if so.
func (p *Permission) Unknown() *pyeval.Unknown { return p.unknown }

// UnknownProps are link properties that cannot be known statically, for a catalogue that
// cannot vouch for a component's default link.
func UnknownProps(u *pyeval.Unknown) *Props { return &Props{unknown: u} }

// UnknownPermission is a link permission that cannot be known statically.
func UnknownPermission(u *pyeval.Unknown) *Permission { return &Permission{Pos: u.Pos, unknown: u} }
