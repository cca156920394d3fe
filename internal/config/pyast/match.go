package pyast

func (c *conv) match(i int32) Stmt {
	m := &Match{Pos: c.pos(i), Subject: c.exprOrTuple(c.fields(i, "subject"))}
	body := c.field(i, "body")
	for _, k := range c.named(body) {
		if c.node(k).kind != "case_clause" {
			continue
		}
		mc := MatchCase{Pos: c.pos(k)}
		var pats []Pattern
		for _, part := range c.named(k) {
			n := c.node(part)
			switch {
			case n.kind == "case_pattern":
				pats = append(pats, c.pattern(part))
			case n.field == "guard":
				mc.Guard = c.inner(part)
			case n.field == "consequence":
				mc.Body = c.block(part)
			}
		}
		switch len(pats) {
		case 0:
			c.fail(k, "invalid syntax: case needs a pattern")
			continue
		case 1:
			mc.Pattern = pats[0]
		default: // case a, b:
			mc.Pattern = &MatchSequence{Pos: mc.Pos, Patterns: pats}
		}
		m.Cases = append(m.Cases, mc)
	}
	return m
}

// pattern converts one pattern node. tree-sitter writes a negative number as a "-" token
// followed by the number, so the sequence-like nodes go through patterns().
func (c *conv) pattern(i int32) Pattern {
	if !c.enter(i) {
		return &MatchCapture{Pos: c.pos(i), Name: "_"}
	}
	defer c.leave()
	n := c.node(i)
	p := c.pos(i)
	switch n.kind {
	case "case_pattern":
		ps := c.patterns(i)
		if len(ps) == 1 {
			return ps[0]
		}
		if len(ps) == 0 && c.hasToken(i, "_") {
			return &MatchCapture{Pos: p, Name: "_"}
		}
		c.fail(i, "invalid syntax: malformed pattern")
		return &MatchCapture{Pos: p, Name: "_"}
	case "union_pattern":
		return &MatchOr{Pos: p, Patterns: c.patterns(i)}
	case "as_pattern":
		var inner Pattern
		name := ""
		for _, k := range c.named(i) {
			if c.node(k).kind == "identifier" || c.node(k).field == "alias" {
				name = c.dotted(k)
				if c.node(k).kind != "identifier" {
					name = c.text(k)
				}
			} else if inner == nil {
				inner = c.pattern(k)
			}
		}
		if inner == nil {
			inner = &MatchCapture{Pos: p, Name: "_"}
		}
		return &MatchAs{Pos: p, Pattern: inner, Name: name}
	case "dotted_name":
		ids := c.named(i)
		if len(ids) == 1 {
			return &MatchCapture{Pos: p, Name: c.text(ids[0])}
		}
		var e Expr = &Name{Pos: p, Id: c.text(ids[0])}
		for _, id := range ids[1:] {
			e = &Attribute{Pos: p, Value: e, Attr: c.text(id)}
		}
		return &MatchValue{Pos: p, Value: e}
	case "true":
		return &MatchSingleton{Pos: p, Value: "True"}
	case "false":
		return &MatchSingleton{Pos: p, Value: "False"}
	case "none":
		return &MatchSingleton{Pos: p, Value: "None"}
	case "integer", "float", "string", "concatenated_string":
		return &MatchValue{Pos: p, Value: c.expr(i)}
	case "complex_pattern":
		return &MatchValue{Pos: p, Value: c.complexValue(i)}
	case "list_pattern", "tuple_pattern":
		return &MatchSequence{Pos: p, Patterns: c.patterns(i)}
	case "splat_pattern":
		name := "_"
		if ids := c.named(i); len(ids) > 0 {
			name = c.text(ids[0])
		}
		return &MatchStar{Pos: p, Name: name}
	case "dict_pattern":
		mm := &MatchMapping{Pos: p}
		neg := false
		for _, k := range c.kids(i) {
			kn := c.node(k)
			switch {
			case !kn.named && kn.kind == "-" && kn.field == "key":
				neg = true
			case kn.field == "key":
				key := c.patternKey(k)
				if neg {
					key = &UnaryOp{Pos: key.At(), Op: "-", Operand: key}
					neg = false
				}
				mm.Keys = append(mm.Keys, key)
			case kn.field == "value":
				mm.Patterns = append(mm.Patterns, c.pattern(k))
			case kn.kind == "splat_pattern":
				if ids := c.named(k); len(ids) > 0 {
					mm.Rest = c.text(ids[0])
				}
			}
		}
		if len(mm.Keys) != len(mm.Patterns) {
			c.fail(i, "invalid syntax: malformed mapping pattern")
		}
		return mm
	case "class_pattern":
		mc := &MatchClass{Pos: p}
		for _, k := range c.named(i) {
			switch c.node(k).kind {
			case "dotted_name":
				var e Expr
				for _, id := range c.named(k) {
					if e == nil {
						e = &Name{Pos: c.pos(id), Id: c.text(id)}
					} else {
						e = &Attribute{Pos: c.pos(id), Value: e, Attr: c.text(id)}
					}
				}
				mc.Cls = e
			case "case_pattern":
				inner := c.named(k)
				if len(inner) == 1 && c.node(inner[0]).kind == "keyword_pattern" {
					kw := c.named(inner[0])
					if len(kw) < 2 {
						c.fail(k, "invalid syntax: malformed keyword pattern")
						continue
					}
					mc.KwdNames = append(mc.KwdNames, c.text(kw[0]))
					mc.KwdPats = append(mc.KwdPats, c.pattern(kw[1]))
				} else {
					mc.Patterns = append(mc.Patterns, c.pattern(k))
				}
			}
		}
		if mc.Cls == nil {
			c.fail(i, "invalid syntax: class pattern without a class")
			mc.Cls = &Name{Pos: p, Id: "object"}
		}
		return mc
	case "keyword_pattern":
		c.fail(i, "invalid syntax: keyword pattern outside a class pattern")
	default:
		c.fail(i, "invalid syntax: unexpected %s in a pattern", n.kind)
	}
	return &MatchCapture{Pos: p, Name: "_"}
}

// patterns converts the pattern children of i, folding a "-" token into the next number.
func (c *conv) patterns(i int32) []Pattern {
	var out []Pattern
	neg := false
	for _, k := range c.kids(i) {
		kn := c.node(k)
		if !kn.named {
			switch kn.kind {
			case "-":
				neg = true
			case "_":
				out = append(out, &MatchCapture{Pos: c.pos(k), Name: "_"})
			}
			continue
		}
		pt := c.pattern(k)
		if neg {
			if mv, ok := pt.(*MatchValue); ok {
				mv.Value = &UnaryOp{Pos: mv.Pos, Op: "-", Operand: mv.Value}
			}
			neg = false
		}
		out = append(out, pt)
	}
	return out
}

// complexValue builds `[-]real (+|-) imag` from a complex_pattern.
func (c *conv) complexValue(i int32) Expr {
	var e Expr
	op := ""
	neg := false
	for _, k := range c.kids(i) {
		kn := c.node(k)
		if !kn.named {
			if e == nil && kn.kind == "-" {
				neg = true
			} else {
				op = kn.kind
			}
			continue
		}
		v := c.expr(k)
		switch {
		case e == nil && neg:
			e = &UnaryOp{Pos: v.At(), Op: "-", Operand: v}
		case e == nil:
			e = v
		default:
			e = &BinOp{Pos: e.At(), Op: op, Left: e, Right: v}
		}
	}
	if e == nil {
		c.fail(i, "invalid syntax: malformed complex literal pattern")
		return &Const{Pos: c.pos(i), Value: "None"}
	}
	return e
}

// patternKey converts a mapping-pattern key: a literal or a dotted value.
func (c *conv) patternKey(k int32) Expr {
	switch c.node(k).kind {
	case "dotted_name":
		if v, ok := c.pattern(k).(*MatchValue); ok {
			return v.Value
		}
		c.fail(k, "invalid syntax: a mapping pattern key must be a literal or a dotted name")
		return &Const{Pos: c.pos(k), Value: "None"}
	case "true":
		return &Const{Pos: c.pos(k), Value: "True"}
	case "false":
		return &Const{Pos: c.pos(k), Value: "False"}
	case "none":
		return &Const{Pos: c.pos(k), Value: "None"}
	case "complex_pattern":
		return c.complexValue(k)
	}
	return c.expr(k)
}
