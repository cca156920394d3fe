package pyeval

import (
	"github.com/stelvio-action/stelvio-action/internal/config/pyast"
)

// matchStmt runs the first case whose pattern matches. A subject or a comparison that is
// not known statically stops the match: it is reported and no case runs (names bound in
// any case become Unknown), like an `if` on an Unknown.
func (in *Interp) matchStmt(fr *frame, s *pyast.Match, pos Pos) (flow, error) {
	subject, err := in.eval(fr, s.Subject)
	if err != nil {
		return flowNext, err
	}
	skip := func(u *Unknown) (flow, error) {
		var blocks [][]pyast.Stmt
		var caps []pyast.Stmt
		for _, c := range s.Cases {
			blocks = append(blocks, c.Body)
			caps = append(caps, &pyast.Match{Pos: s.Pos, Cases: []pyast.MatchCase{{Pattern: c.Pattern}}})
		}
		blocks = append(blocks, caps)
		return in.skipUnknown(fr, pos, u, "`match` statement", blocks...)
	}
	if u := unknownOf(subject); u != nil {
		return skip(u)
	}
	for _, c := range s.Cases {
		binds := map[string]Value{}
		ok, u, err := in.matchPattern(fr, c.Pattern, subject, binds)
		if err != nil {
			return flowNext, err
		}
		if u != nil {
			return skip(u)
		}
		if !ok {
			continue
		}
		for _, name := range sortedValueKeys(binds) {
			in.store(fr, name, binds[name])
		}
		if c.Guard != nil {
			g, err := in.eval(fr, c.Guard)
			if err != nil {
				return flowNext, err
			}
			t, known := Truth(g)
			if !known {
				return skip(in.unknownTruth(fr.pos(c.Guard), g))
			}
			if !t {
				continue
			}
		}
		return in.execBlock(fr, c.Body)
	}
	return flowNext, nil
}

func sortedValueKeys(m map[string]Value) []string {
	keys := map[string]bool{}
	for k := range m {
		keys[k] = true
	}
	return sortedKeys(keys)
}

// matchPattern reports whether v matches p, collecting captures in binds.
func (in *Interp) matchPattern(fr *frame, p pyast.Pattern, v Value, binds map[string]Value) (bool, *Unknown, error) {
	pos := fr.pos(p)
	if err := in.step(pos, 1); err != nil {
		return false, nil, err
	}
	if u := unknownOf(v); u != nil {
		if c, ok := p.(*pyast.MatchCapture); ok {
			if c.Name != "_" {
				binds[c.Name] = v
			}
			return true, nil, nil
		}
		return false, u, nil
	}
	switch p := p.(type) {
	case *pyast.MatchCapture:
		if p.Name != "_" {
			binds[p.Name] = v
		}
		return true, nil, nil
	case *pyast.MatchValue:
		want, err := in.eval(fr, p.Value)
		if err != nil {
			return false, nil, err
		}
		eq, known := in.equal(v, want, 0)
		if !known {
			return false, in.unknownCompare(pos, v, want), nil
		}
		return eq, nil, nil
	case *pyast.MatchSingleton:
		want := map[string]Value{"True": Bool(true), "False": Bool(false), "None": None}[p.Value]
		return identical(v, want), nil, nil
	case *pyast.MatchAs:
		ok, u, err := in.matchPattern(fr, p.Pattern, v, binds)
		if ok && p.Name != "" {
			binds[p.Name] = v
		}
		return ok, u, err
	case *pyast.MatchOr:
		for _, alt := range p.Patterns {
			ok, u, err := in.matchPattern(fr, alt, v, binds)
			if ok || u != nil || err != nil {
				return ok, u, err
			}
		}
		return false, nil, nil
	case *pyast.MatchSequence:
		var items []Value
		switch x := v.(type) {
		case *List:
			items = x.Elems
		case Tuple:
			items = x
		default:
			return false, nil, nil
		}
		star := -1
		for i, sp := range p.Patterns {
			if _, ok := sp.(*pyast.MatchStar); ok {
				star = i
			}
		}
		if star < 0 && len(items) != len(p.Patterns) || star >= 0 && len(items) < len(p.Patterns)-1 {
			return false, nil, nil
		}
		for i, sp := range p.Patterns {
			var item Value
			switch {
			case star < 0 || i < star:
				item = items[i]
			case i == star:
				rest := items[star : len(items)-(len(p.Patterns)-star-1)]
				if name := sp.(*pyast.MatchStar).Name; name != "_" {
					binds[name] = &List{Elems: append([]Value(nil), rest...)}
				}
				continue
			default:
				item = items[len(items)-(len(p.Patterns)-i)]
			}
			ok, u, err := in.matchPattern(fr, sp, item, binds)
			if !ok || u != nil || err != nil {
				return ok, u, err
			}
		}
		return true, nil, nil
	case *pyast.MatchMapping:
		d, ok := v.(*Dict)
		if !ok {
			return false, nil, nil
		}
		used := map[int]bool{}
		for i, ke := range p.Keys {
			k, err := in.eval(fr, ke)
			if err != nil {
				return false, nil, err
			}
			item, found := d.Get(k)
			if !found {
				return false, nil, nil
			}
			used[i] = true
			ok, u, err := in.matchPattern(fr, p.Patterns[i], item, binds)
			if !ok || u != nil || err != nil {
				return ok, u, err
			}
		}
		if p.Rest != "" {
			rest := d.Copy()
			for _, ke := range p.Keys {
				k, _ := in.eval(fr, ke)
				rest.Delete(k)
			}
			binds[p.Rest] = rest
		}
		return true, nil, nil
	case *pyast.MatchClass:
		cls, err := in.eval(fr, p.Cls)
		if err != nil {
			return false, nil, err
		}
		r, err := in.isInstance(pos, v, cls)
		if err != nil {
			return false, nil, err
		}
		if u := unknownOf(r); u != nil {
			return false, u, nil
		}
		if r != Bool(true) {
			return false, nil, nil
		}
		if len(p.Patterns) > 0 {
			if _, builtin := cls.(*TypeValue); !builtin || len(p.Patterns) > 1 {
				return false, UnknownAt(pos, "positional sub-patterns of a class pattern (__match_args__) are not evaluated"), nil
			}
			ok, u, err := in.matchPattern(fr, p.Patterns[0], v, binds)
			if !ok || u != nil || err != nil {
				return ok, u, err
			}
		}
		for i, name := range p.KwdNames {
			attr, err := in.getattr(pos, v, name)
			if err != nil {
				if pe, ok := err.(*PyError); ok && pe.Type == "AttributeError" {
					return false, nil, nil
				}
				return false, nil, err
			}
			ok, u, err := in.matchPattern(fr, p.KwdPats[i], attr, binds)
			if !ok || u != nil || err != nil {
				return ok, u, err
			}
		}
		return true, nil, nil
	case *pyast.MatchStar:
		return true, nil, nil
	}
	return false, UnknownAt(pos, "this pattern is not evaluated"), nil
}
