package pyast

// strings reads one string literal or an implicit concatenation of adjacent ones.
func (p *dparser) strings() Expr {
	acc := strAcc{pos: p.posOf(p.i)}
	for !p.bad && p.kind() == tString {
		t := p.tok()
		lit := p.src[t.start:t.end]
		q := 0
		for lit[q] != '"' && lit[q] != '\'' {
			q++
		}
		n := int32(1)
		if len(lit) >= q+6 && lit[q+1] == lit[q] && lit[q+2] == lit[q] {
			n = 3
		}
		raw, bytesLit, fstr := acc.piece(string(lit[:q]))
		if t.aux < 0 {
			acc.text(string(p.src[t.start+int32(q)+n:t.end-n]), raw, bytesLit, fstr)
		} else {
			for _, part := range p.sc.fstrs[t.aux].parts {
				if part.field < 0 {
					acc.text(string(p.src[part.start:part.end]), raw, false, true)
				} else {
					acc.field(p.field(part.field, raw))
				}
			}
		}
		p.advance()
	}
	e, mixed := acc.result()
	if mixed {
		p.fail()
	}
	return e
}

// field builds one replacement field; its expression is tokenized and parsed on its own.
func (p *dparser) field(idx int32, raw bool) Expr {
	f := p.sc.fields[idx]
	fv := &FormattedValue{Pos: p.li.posAt(int(f.open)), Conversion: rune(f.conv)}
	if f.debugEnd > 0 {
		fv.Debug = string(p.src[f.open+1 : f.debugEnd])
	}
	toks, ok := p.sc.scanRange(int(f.exprStart), int(f.exprEnd))
	if !ok || len(toks) < 2 {
		p.fail()
		return fv
	}
	outer, at := p.toks, p.i
	p.toks, p.i = toks, 0
	start := p.i
	fv.Value = p.expr()
	if p.at(opComma) {
		elts := []Expr{fv.Value}
		for !p.bad && p.accept(opComma) {
			if p.kind() == tEOF {
				p.fail() // `{a,}`: tree-sitter drops the comma
			}
			elts = append(elts, p.expr())
		}
		fv.Value = &Tuple{Pos: p.posOf(start), Elts: elts}
	}
	if p.kind() != tEOF {
		p.fail()
	}
	p.toks, p.i = outer, at
	if p.bad {
		p.i = len(p.toks) - 1
		return fv
	}
	if f.colon >= 0 {
		spec := &FString{Pos: p.li.posAt(int(f.colon))}
		for _, part := range f.spec {
			if part.field >= 0 {
				spec.Parts = append(spec.Parts, p.field(part.field, raw))
				continue
			}
			text, _ := decodeString(string(p.src[part.start:part.end]), raw, false, true)
			spec.Parts = append(spec.Parts, &Str{Pos: spec.Pos, Value: text})
		}
		fv.Spec = spec
	}
	return fv
}
