package pyeval

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// method returns the bound built-in method name of v, or nil when there is none.
func (in *Interp) method(pos Pos, v Value, name string) Value {
	var fn func(c *Call, args Args) (Value, error)
	switch x := v.(type) {
	case Str:
		fn = in.strMethod(x, name)
	case *List:
		fn = in.listMethod(x, name)
	case *Dict:
		fn = in.dictMethod(x, name)
	case *Set:
		fn = in.setMethod(x, name)
	case Tuple:
		fn = in.seqMethod(x, name)
	case Bytes:
		if name == "decode" {
			fn = func(c *Call, args Args) (Value, error) {
				if !utf8.ValidString(string(x)) {
					return nil, raise(c.Pos, "UnicodeDecodeError", "'utf-8' codec can't decode the bytes")
				}
				return Str(x), nil
			}
		}
	case Int, Bool:
		switch name {
		case "bit_length":
			fn = func(c *Call, args Args) (Value, error) {
				i, _, _, _ := numeric(x)
				n := 0
				for u := uint64(abs64(i)); u > 0; u >>= 1 {
					n++
				}
				return Int(n), nil
			}
		case "real", "numerator":
			i, _, _, _ := numeric(x)
			return Int(i)
		case "imag":
			return Int(0)
		case "denominator":
			return Int(1)
		}
	case Float:
		switch name {
		case "is_integer":
			fn = func(c *Call, args Args) (Value, error) {
				return Bool(float64(x) == float64(int64(x)) && !isInfOrNaN(float64(x))), nil
			}
		case "real":
			return x
		case "imag":
			return Float(0)
		}
	}
	if fn == nil {
		return nil
	}
	return &Builtin{Name: v.TypeName() + "." + name, Fn: fn}
}

func isInfOrNaN(f float64) bool {
	return f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308
}

// argCheck validates the count of positional arguments and that no keyword is given.
func argCheck(c *Call, name string, args Args, min, max int, kwAllowed ...string) error {
	for _, k := range args.Keywords {
		ok := false
		for _, a := range kwAllowed {
			ok = ok || a == k.Name
		}
		if !ok {
			return raise(c.Pos, "TypeError", "%s() got an unexpected keyword argument '%s'", name, k.Name)
		}
	}
	n := len(args.Positional)
	if n < min || n > max {
		if min == max {
			return raise(c.Pos, "TypeError", "%s() takes exactly %d argument%s (%d given)", name, min, plural(min), n)
		}
		return raise(c.Pos, "TypeError", "%s() takes from %d to %d arguments (%d given)", name, min, max, n)
	}
	return nil
}

// arg returns positional i or the keyword name, else def.
func arg(args Args, i int, name string, def Value) Value {
	if i < len(args.Positional) {
		return args.Positional[i]
	}
	if name != "" {
		if v, ok := args.Kw(name); ok {
			return v
		}
	}
	return def
}

// strArg requires a str argument; an Unknown or deploy-time str aborts with it.
func strArg(c *Call, fname string, v Value) (string, Value, error) {
	switch s := plainOf(v).(type) {
	case Str:
		return string(s), nil, nil
	case *Unknown:
		return "", s, nil
	case *SymStr:
		return "", UnknownAt(c.Pos, "%s() with a str known only at deploy time", fname), nil
	}
	return "", nil, raise(c.Pos, "TypeError", "%s() argument must be str, not %s", fname, v.TypeName())
}

func intArg(c *Call, fname string, v Value) (int64, Value, error) {
	if u := unknownOf(v); u != nil {
		return 0, u, nil
	}
	i, _, isInt, ok := numeric(v)
	if !ok || !isInt {
		return 0, nil, raise(c.Pos, "TypeError", "%s(): '%s' object cannot be interpreted as an integer", fname, v.TypeName())
	}
	return i, nil, nil
}

func (in *Interp) strMethod(s Str, name string) func(*Call, Args) (Value, error) {
	str := string(s)
	simple := func(f func(string) string) func(*Call, Args) (Value, error) {
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 0, 0); err != nil {
				return nil, err
			}
			return Str(f(str)), nil
		}
	}
	pred := func(f func(string) bool) func(*Call, Args) (Value, error) {
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 0, 0); err != nil {
				return nil, err
			}
			return Bool(f(str)), nil
		}
	}
	switch name {
	case "lower", "casefold":
		return simple(strings.ToLower)
	case "upper":
		return simple(strings.ToUpper)
	case "title":
		return simple(pyTitle)
	case "capitalize":
		return simple(func(s string) string {
			r, n := utf8.DecodeRuneInString(s)
			if n == 0 {
				return s
			}
			return string(unicode.ToUpper(r)) + strings.ToLower(s[n:])
		})
	case "swapcase":
		return simple(func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsUpper(r) {
					return unicode.ToLower(r)
				}
				return unicode.ToUpper(r)
			}, s)
		})
	case "strip", "lstrip", "rstrip":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 0, 1); err != nil {
				return nil, err
			}
			chars := arg(args, 0, "", None)
			trim := func(r rune) bool { return unicode.IsSpace(r) }
			if _, none := chars.(NoneType); !none {
				cs, u, err := strArg(c, "str."+name, chars)
				if err != nil || u != nil {
					return u, err
				}
				trim = func(r rune) bool { return strings.ContainsRune(cs, r) }
			}
			switch name {
			case "lstrip":
				return Str(strings.TrimLeftFunc(str, trim)), nil
			case "rstrip":
				return Str(strings.TrimRightFunc(str, trim)), nil
			}
			return Str(strings.TrimFunc(str, trim)), nil
		}
	case "split", "rsplit":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 0, 2, "sep", "maxsplit"); err != nil {
				return nil, err
			}
			sep := arg(args, 0, "sep", None)
			maxV := arg(args, 1, "maxsplit", Int(-1))
			max, u, err := intArg(c, "str."+name, maxV)
			if err != nil || u != nil {
				return u, err
			}
			var parts []string
			if _, none := sep.(NoneType); none {
				parts = splitWhitespace(str, int(max), name == "rsplit")
			} else {
				sp, u, err := strArg(c, "str."+name, sep)
				if err != nil || u != nil {
					return u, err
				}
				if sp == "" {
					return nil, raise(c.Pos, "ValueError", "empty separator")
				}
				n := -1
				if max >= 0 {
					n = int(max) + 1
				}
				if name == "rsplit" && n > 0 {
					parts = rsplitN(str, sp, n)
				} else {
					parts = strings.SplitN(str, sp, n)
				}
			}
			return in.strList(c.Pos, parts)
		}
	case "splitlines":
		return func(c *Call, args Args) (Value, error) {
			keep, _ := Truth(arg(args, 0, "keepends", Bool(false)))
			var parts []string
			rest := str
			for rest != "" {
				i := strings.IndexAny(rest, "\n\r")
				if i < 0 {
					parts = append(parts, rest)
					break
				}
				end := i + 1
				if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
					end++
				}
				if keep {
					parts = append(parts, rest[:end])
				} else {
					parts = append(parts, rest[:i])
				}
				rest = rest[end:]
			}
			return in.strList(c.Pos, parts)
		}
	case "join":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str.join", args, 1, 1); err != nil {
				return nil, err
			}
			items, u, err := in.toList(c.Pos, args.Positional[0])
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			var tb textBuilder
			size := 0
			for i, it := range items {
				if i > 0 {
					tb.add(s)
					size += len(str)
				}
				switch x := plainOf(it).(type) {
				case Str:
					size += len(x)
					tb.add(x)
				case *SymStr, *Unknown:
					tb.add(x)
				case *Output:
					return UnknownAt(c.Pos, pulumiFormatReason), nil
				default:
					return nil, raise(c.Pos, "TypeError", "sequence item %d: expected str instance, %s found", i, it.TypeName())
				}
			}
			if err := in.allocStr(c.Pos, size); err != nil {
				return nil, err
			}
			return tb.value(), nil
		}
	case "replace":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str.replace", args, 2, 3, "count"); err != nil {
				return nil, err
			}
			old, u, err := strArg(c, "str.replace", args.Positional[0])
			if err != nil || u != nil {
				return u, err
			}
			nw, u, err := strArg(c, "str.replace", args.Positional[1])
			if err != nil || u != nil {
				return u, err
			}
			count, u, err := intArg(c, "str.replace", arg(args, 2, "count", Int(-1)))
			if err != nil || u != nil {
				return u, err
			}
			n := strings.Count(str, old)
			if old == "" {
				n = utf8.RuneCountInString(str) + 1
			}
			if count >= 0 && int64(n) > count {
				n = int(count)
			}
			if err := in.allocStr(c.Pos, len(str)+n*(len(nw)-len(old))); err != nil {
				return nil, err
			}
			return Str(strings.Replace(str, old, nw, int(count))), nil
		}
	case "startswith", "endswith":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 1, 3); err != nil {
				return nil, err
			}
			target := str
			if len(args.Positional) > 1 {
				runes := []rune(str)
				sl := &sliceValue{lower: args.Positional[1], upper: arg(args, 2, "", None), step: None}
				start, stop, _, u, err := in.sliceBounds(c.Pos, sl, len(runes))
				if err != nil || u != nil {
					return unknownOr(u), err
				}
				if stop < start {
					stop = start
				}
				target = string(runes[start:stop])
			}
			var prefixes []Value
			if t, ok := args.Positional[0].(Tuple); ok {
				prefixes = t
			} else {
				prefixes = []Value{args.Positional[0]}
			}
			for _, p := range prefixes {
				ps, u, err := strArg(c, "str."+name, p)
				if err != nil || u != nil {
					return u, err
				}
				if name == "startswith" && strings.HasPrefix(target, ps) || name == "endswith" && strings.HasSuffix(target, ps) {
					return Bool(true), nil
				}
			}
			return Bool(false), nil
		}
	case "removeprefix", "removesuffix":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 1, 1); err != nil {
				return nil, err
			}
			p, u, err := strArg(c, "str."+name, args.Positional[0])
			if err != nil || u != nil {
				return u, err
			}
			if name == "removeprefix" {
				return Str(strings.TrimPrefix(str, p)), nil
			}
			return Str(strings.TrimSuffix(str, p)), nil
		}
	case "find", "rfind", "index", "rindex", "count":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 1, 3); err != nil {
				return nil, err
			}
			sub, u, err := strArg(c, "str."+name, args.Positional[0])
			if err != nil || u != nil {
				return u, err
			}
			runes := []rune(str)
			sl := &sliceValue{lower: arg(args, 1, "", None), upper: arg(args, 2, "", None), step: None}
			start, stop, _, u2, err := in.sliceBounds(c.Pos, sl, len(runes))
			if err != nil || u2 != nil {
				return unknownOr(u2), err
			}
			if stop < start {
				stop = start
			}
			hay := string(runes[start:stop])
			if name == "count" {
				if sub == "" {
					return Int(utf8.RuneCountInString(hay) + 1), nil
				}
				return Int(strings.Count(hay, sub)), nil
			}
			var i int
			if name == "find" || name == "index" {
				i = strings.Index(hay, sub)
			} else {
				i = strings.LastIndex(hay, sub)
			}
			if i < 0 {
				if name == "index" || name == "rindex" {
					return nil, raise(c.Pos, "ValueError", "substring not found")
				}
				return Int(-1), nil
			}
			return Int(start + utf8.RuneCountInString(hay[:i])), nil
		}
	case "format":
		return func(c *Call, args Args) (Value, error) {
			return in.strFormat(c.Pos, str, args, 0)
		}
	case "format_map":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str.format_map", args, 1, 1); err != nil {
				return nil, err
			}
			d, ok := args.Positional[0].(*Dict)
			if !ok {
				if u := unknownOf(args.Positional[0]); u != nil {
					return u, nil
				}
				return nil, raise(c.Pos, "TypeError", "format_map() argument must be a mapping")
			}
			var kws []Keyword
			for _, it := range d.Items() {
				if k, ok := it.Key.(Str); ok {
					kws = append(kws, Keyword{Name: string(k), Value: it.Value})
				}
			}
			return in.strFormat(c.Pos, str, Args{Keywords: kws}, 0)
		}
	case "isidentifier":
		return pred(isIdentifier)
	case "isdigit", "isdecimal", "isnumeric":
		return pred(func(s string) bool {
			return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
		})
	case "isalpha":
		return pred(func(s string) bool {
			return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
		})
	case "isalnum":
		return pred(func(s string) bool {
			return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) < 0
		})
	case "isspace":
		return pred(func(s string) bool {
			return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) }) < 0
		})
	case "isupper", "islower":
		return pred(func(s string) bool {
			cased := false
			for _, r := range s {
				if unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) {
					cased = true
					if name == "isupper" && unicode.IsLower(r) || name == "islower" && unicode.IsUpper(r) {
						return false
					}
				}
			}
			return cased
		})
	case "istitle":
		return pred(func(s string) bool { return s != "" && pyTitle(s) == s && strings.IndexFunc(s, unicode.IsLetter) >= 0 })
	case "isascii":
		return pred(func(s string) bool {
			for i := 0; i < len(s); i++ {
				if s[i] > 127 {
					return false
				}
			}
			return true
		})
	case "center", "ljust", "rjust":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 1, 2); err != nil {
				return nil, err
			}
			w, u, err := intArg(c, "str."+name, args.Positional[0])
			if err != nil || u != nil {
				return u, err
			}
			fill := " "
			if len(args.Positional) > 1 {
				f, u, err := strArg(c, "str."+name, args.Positional[1])
				if err != nil || u != nil {
					return u, err
				}
				if utf8.RuneCountInString(f) != 1 {
					return nil, raise(c.Pos, "TypeError", "The fill character must be exactly one character long")
				}
				fill = f
			}
			if w > int64(in.opts.MaxCollection) {
				return nil, in.grow(c.Pos, int(min64(w, int64(in.opts.MaxCollection)+1)))
			}
			align := map[string]byte{"center": '^', "ljust": '<', "rjust": '>'}[name]
			fr, _ := utf8.DecodeRuneInString(fill)
			sp := fmtSpec{fill: fr, align: align, width: int(w)}
			if name == "center" {
				// CPython puts the odd fill character left when both margin and width are odd.
				gap := int(w) - utf8.RuneCountInString(str)
				if gap > 0 {
					left := gap/2 + (gap & int(w) & 1)
					return Str(strings.Repeat(fill, left) + str + strings.Repeat(fill, gap-left)), nil
				}
				return s, nil
			}
			return Str(pad(str, &sp, false)), nil
		}
	case "zfill":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str.zfill", args, 1, 1); err != nil {
				return nil, err
			}
			w, u, err := intArg(c, "str.zfill", args.Positional[0])
			if err != nil || u != nil {
				return u, err
			}
			if w > int64(in.opts.MaxCollection) {
				return nil, in.grow(c.Pos, in.opts.MaxCollection+1)
			}
			n := utf8.RuneCountInString(str)
			if int(w) <= n {
				return s, nil
			}
			sign := ""
			body := str
			if body != "" && (body[0] == '+' || body[0] == '-') {
				sign, body = body[:1], body[1:]
			}
			return Str(sign + strings.Repeat("0", int(w)-n) + body), nil
		}
	case "partition", "rpartition":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "str."+name, args, 1, 1); err != nil {
				return nil, err
			}
			sep, u, err := strArg(c, "str."+name, args.Positional[0])
			if err != nil || u != nil {
				return u, err
			}
			if sep == "" {
				return nil, raise(c.Pos, "ValueError", "empty separator")
			}
			var i int
			if name == "partition" {
				i = strings.Index(str, sep)
			} else {
				i = strings.LastIndex(str, sep)
			}
			if i < 0 {
				if name == "partition" {
					return Tuple{s, Str(""), Str("")}, nil
				}
				return Tuple{Str(""), Str(""), s}, nil
			}
			return Tuple{Str(str[:i]), Str(sep), Str(str[i+len(sep):])}, nil
		}
	case "encode":
		return func(c *Call, args Args) (Value, error) { return Bytes(str), nil }
	case "expandtabs":
		return simple(func(s string) string { return strings.ReplaceAll(s, "\t", "        ") })
	}
	return nil
}

func min64(a, b int64) int64 {
	if a < b {
		return a
	}
	return b
}

func (in *Interp) strList(pos Pos, parts []string) (Value, error) {
	if err := in.alloc(pos, len(parts)); err != nil {
		return nil, err
	}
	out := make([]Value, len(parts))
	for i, p := range parts {
		out[i] = Str(p)
	}
	return &List{Elems: out}, nil
}

// splitWhitespace is str.split() without a separator.
func splitWhitespace(s string, max int, fromRight bool) []string {
	if !fromRight {
		var out []string
		rest := strings.TrimLeftFunc(s, unicode.IsSpace)
		for rest != "" {
			if max >= 0 && len(out) == max {
				out = append(out, rest)
				return out
			}
			i := strings.IndexFunc(rest, unicode.IsSpace)
			if i < 0 {
				out = append(out, rest)
				break
			}
			out = append(out, rest[:i])
			rest = strings.TrimLeftFunc(rest[i:], unicode.IsSpace)
		}
		return out
	}
	var out []string
	rest := strings.TrimRightFunc(s, unicode.IsSpace)
	for rest != "" {
		if max >= 0 && len(out) == max {
			out = append(out, rest)
			break
		}
		i := strings.LastIndexFunc(rest, unicode.IsSpace)
		if i < 0 {
			out = append(out, rest)
			break
		}
		_, n := utf8.DecodeRuneInString(rest[i:])
		out = append(out, rest[i+n:])
		rest = strings.TrimRightFunc(rest[:i], unicode.IsSpace)
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

func rsplitN(s, sep string, n int) []string {
	var out []string
	for len(out) < n-1 {
		i := strings.LastIndex(s, sep)
		if i < 0 {
			break
		}
		out = append(out, s[i+len(sep):])
		s = s[:i]
	}
	out = append(out, s)
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// pyTitle is str.title(): a letter after a non-letter is upper-cased, others lower-cased.
func pyTitle(s string) string {
	var b strings.Builder
	prevCased := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if prevCased {
				b.WriteRune(unicode.ToLower(r))
			} else {
				b.WriteRune(unicode.ToTitle(r))
			}
			prevCased = true
		} else {
			b.WriteRune(r)
			prevCased = false
		}
	}
	return b.String()
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || unicode.IsLetter(r) || (i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))) {
			continue
		}
		return false
	}
	return true
}

func (in *Interp) seqMethod(items []Value, name string) func(*Call, Args) (Value, error) {
	switch name {
	case "index":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, name, args, 1, 3); err != nil {
				return nil, err
			}
			for i, v := range items {
				eq, known := in.equal(v, args.Positional[0], 0)
				if !known {
					return in.unknownCompare(c.Pos, v, args.Positional[0]), nil
				}
				if eq {
					return Int(i), nil
				}
			}
			return nil, raise(c.Pos, "ValueError", "%s is not in list", Repr(args.Positional[0]))
		}
	case "count":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, name, args, 1, 1); err != nil {
				return nil, err
			}
			n := 0
			for _, v := range items {
				eq, known := in.equal(v, args.Positional[0], 0)
				if !known {
					return in.unknownCompare(c.Pos, v, args.Positional[0]), nil
				}
				if eq {
					n++
				}
			}
			return Int(n), nil
		}
	}
	return nil
}

func (in *Interp) listMethod(l *List, name string) func(*Call, Args) (Value, error) {
	if f := in.seqMethod(l.Elems, name); f != nil {
		return f
	}
	switch name {
	case "append":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "list.append", args, 1, 1); err != nil {
				return nil, err
			}
			if err := in.grow(c.Pos, len(l.Elems)+1); err != nil {
				return nil, err
			}
			l.Elems = append(l.Elems, args.Positional[0])
			return None, nil
		}
	case "extend":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "list.extend", args, 1, 1); err != nil {
				return nil, err
			}
			items, u, err := in.toList(c.Pos, args.Positional[0])
			if err != nil {
				return nil, err
			}
			if u != nil {
				in.reportCause(c.Pos, "list.extend() with a value not known statically ("+describe(u)+"); the list is left unchanged", u)
				return None, nil
			}
			if err := in.grow(c.Pos, len(l.Elems)+len(items)); err != nil {
				return nil, err
			}
			if err := in.alloc(c.Pos, len(items)); err != nil {
				return nil, err
			}
			l.Elems = append(l.Elems, items...)
			return None, nil
		}
	case "insert":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "list.insert", args, 2, 2); err != nil {
				return nil, err
			}
			i, u, err := intArg(c, "list.insert", args.Positional[0])
			if err != nil {
				return nil, err
			}
			if u != nil {
				in.report(c.Pos, "list.insert() at an index not known statically; the list is left unchanged")
				return None, nil
			}
			if err := in.grow(c.Pos, len(l.Elems)+1); err != nil {
				return nil, err
			}
			n := int64(len(l.Elems))
			if i < 0 {
				i += n
				if i < 0 {
					i = 0
				}
			}
			if i > n {
				i = n
			}
			l.Elems = append(l.Elems, nil)
			copy(l.Elems[i+1:], l.Elems[i:])
			l.Elems[i] = args.Positional[1]
			return None, nil
		}
	case "pop":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "list.pop", args, 0, 1); err != nil {
				return nil, err
			}
			if len(l.Elems) == 0 {
				return nil, raise(c.Pos, "IndexError", "pop from empty list")
			}
			i, u, err := in.index(c.Pos, arg(args, 0, "", Int(-1)), len(l.Elems), "pop")
			if err != nil {
				return nil, err
			}
			if u != nil {
				return u, nil
			}
			v := l.Elems[i]
			l.Elems = append(l.Elems[:i:i], l.Elems[i+1:]...)
			return v, nil
		}
	case "remove":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "list.remove", args, 1, 1); err != nil {
				return nil, err
			}
			for i, v := range l.Elems {
				eq, known := in.equal(v, args.Positional[0], 0)
				if !known {
					in.report(c.Pos, "list.remove() cannot compare with a value not known statically; the list is left unchanged")
					return None, nil
				}
				if eq {
					l.Elems = append(l.Elems[:i:i], l.Elems[i+1:]...)
					return None, nil
				}
			}
			return nil, raise(c.Pos, "ValueError", "list.remove(x): x not in list")
		}
	case "copy":
		return func(c *Call, args Args) (Value, error) {
			if err := in.alloc(c.Pos, len(l.Elems)); err != nil {
				return nil, err
			}
			return &List{Elems: append([]Value(nil), l.Elems...)}, nil
		}
	case "clear":
		return func(c *Call, args Args) (Value, error) {
			l.Elems = nil
			return None, nil
		}
	case "reverse":
		return func(c *Call, args Args) (Value, error) {
			for i, j := 0, len(l.Elems)-1; i < j; i, j = i+1, j-1 {
				l.Elems[i], l.Elems[j] = l.Elems[j], l.Elems[i]
			}
			return None, nil
		}
	case "sort":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "list.sort", args, 0, 0, "key", "reverse"); err != nil {
				return nil, err
			}
			sorted, err := in.sorted(c.Pos, l.Elems, args)
			if err != nil {
				return nil, err
			}
			if u := unknownOf(sorted); u != nil {
				in.reportCause(c.Pos, "list.sort() cannot order values not known statically ("+describe(u)+"); the list is left unchanged", u)
				return None, nil
			}
			l.Elems = sorted.(*List).Elems
			return None, nil
		}
	}
	return nil
}

// sorted sorts a copy of items with Python's key= and reverse=.
func (in *Interp) sorted(pos Pos, items []Value, args Args) (Value, error) {
	keyFn, _ := args.Kw("key")
	rev, _ := args.Kw("reverse")
	keys := append([]Value(nil), items...)
	if keyFn != nil {
		if _, none := keyFn.(NoneType); !none {
			for i, v := range items {
				k, err := in.call(pos, keyFn, Args{Positional: []Value{v}})
				if err != nil {
					return nil, err
				}
				keys[i] = k
			}
		}
	}
	if err := in.step(pos, int64(len(items))); err != nil {
		return nil, err
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	var cmpErr error
	var unknown *Unknown
	sort.SliceStable(idx, func(a, b int) bool {
		if cmpErr != nil || unknown != nil {
			return false
		}
		c, known, err := in.cmp(pos, "<", keys[idx[a]], keys[idx[b]], 0)
		if err != nil {
			cmpErr = err
			return false
		}
		if !known {
			unknown = in.unknownCompare(pos, keys[idx[a]], keys[idx[b]])
			return false
		}
		return c < 0
	})
	if cmpErr != nil {
		return nil, cmpErr
	}
	if unknown != nil {
		return unknown, nil
	}
	out := make([]Value, len(items))
	for i, j := range idx {
		out[i] = items[j]
	}
	if r, known := Truth(orNone(rev)); known && r {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return &List{Elems: out}, nil
}

func orNone(v Value) Value {
	if v == nil {
		return None
	}
	return v
}

func (in *Interp) dictMethod(d *Dict, name string) func(*Call, Args) (Value, error) {
	switch name {
	case "get":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "dict.get", args, 1, 2); err != nil {
				return nil, err
			}
			k := args.Positional[0]
			if u := unknownOf(k); u != nil {
				return u, nil
			}
			if _, err := hashKey(k); err != nil {
				return nil, at(err, c.Pos)
			}
			if v, ok := d.Get(k); ok {
				return v, nil
			}
			return arg(args, 1, "", None), nil
		}
	case "items":
		return func(c *Call, args Args) (Value, error) {
			if err := in.alloc(c.Pos, d.Len()); err != nil {
				return nil, err
			}
			items := d.Items()
			out := make([]Value, len(items))
			for i, it := range items {
				out[i] = Tuple{it.Key, it.Value}
			}
			return &List{Elems: out}, nil
		}
	case "keys":
		return func(c *Call, args Args) (Value, error) {
			if err := in.alloc(c.Pos, d.Len()); err != nil {
				return nil, err
			}
			return &List{Elems: d.Keys()}, nil
		}
	case "values":
		return func(c *Call, args Args) (Value, error) {
			if err := in.alloc(c.Pos, d.Len()); err != nil {
				return nil, err
			}
			return &List{Elems: d.Values()}, nil
		}
	case "update":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "dict.update", Args{Positional: args.Positional}, 0, 1); err != nil {
				return nil, err
			}
			if len(args.Positional) == 1 {
				if err := in.updateFrom(c.Pos, d, args.Positional[0]); err != nil {
					return nil, err
				}
			}
			for _, kw := range args.Keywords {
				_ = d.Set(Str(kw.Name), kw.Value)
			}
			return None, in.grow(c.Pos, d.Len())
		}
	case "setdefault":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "dict.setdefault", args, 1, 2); err != nil {
				return nil, err
			}
			k := args.Positional[0]
			if u := unknownOf(k); u != nil {
				in.reportCause(c.Pos, "dict.setdefault() with a key not known statically ("+describe(u)+"); the dict is left unchanged", u)
				return u, nil
			}
			if v, ok := d.Get(k); ok {
				return v, nil
			}
			def := arg(args, 1, "", None)
			if err := d.Set(k, def); err != nil {
				return nil, at(err, c.Pos)
			}
			return def, in.grow(c.Pos, d.Len())
		}
	case "pop":
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "dict.pop", args, 1, 2); err != nil {
				return nil, err
			}
			k := args.Positional[0]
			if u := unknownOf(k); u != nil {
				in.reportCause(c.Pos, "dict.pop() with a key not known statically ("+describe(u)+"); the dict is left unchanged", u)
				return u, nil
			}
			if v, ok := d.Get(k); ok {
				d.Delete(k)
				return v, nil
			}
			if len(args.Positional) == 2 {
				return args.Positional[1], nil
			}
			if _, err := hashKey(k); err != nil {
				return nil, at(err, c.Pos)
			}
			return nil, in.keyError(c.Pos, k)
		}
	case "popitem":
		return func(c *Call, args Args) (Value, error) {
			items := d.Items()
			if len(items) == 0 {
				return nil, raise(c.Pos, "KeyError", "'popitem(): dictionary is empty'")
			}
			last := items[len(items)-1]
			d.Delete(last.Key)
			return Tuple{last.Key, last.Value}, nil
		}
	case "copy":
		return func(c *Call, args Args) (Value, error) {
			if err := in.alloc(c.Pos, d.Len()); err != nil {
				return nil, err
			}
			return d.Copy(), nil
		}
	case "clear":
		return func(c *Call, args Args) (Value, error) {
			*d = *NewDict()
			return None, nil
		}
	}
	return nil
}

// updateFrom is dict.update(other): a mapping or an iterable of pairs.
func (in *Interp) updateFrom(pos Pos, d *Dict, src Value) error {
	if m, ok := src.(*Dict); ok {
		return in.mergeInto(pos, d, m)
	}
	if u := unknownOf(src); u != nil {
		in.reportCause(pos, "dict.update() from a value not known statically ("+describe(u)+"); the dict is left unchanged", u)
		return nil
	}
	items, u, err := in.toList(pos, src)
	if err != nil {
		return err
	}
	if u != nil {
		in.reportCause(pos, "dict.update() from a value not known statically ("+describe(u)+"); the dict is left unchanged", u)
		return nil
	}
	for i, it := range items {
		pair, u, err := in.toList(pos, it)
		if err != nil {
			return err
		}
		if u != nil {
			in.report(pos, "dict.update() with a pair not known statically; the dict is left unchanged")
			return nil
		}
		if len(pair) != 2 {
			return raise(pos, "ValueError", "dictionary update sequence element #%d has length %d; 2 is required", i, len(pair))
		}
		if err := d.Set(pair[0], pair[1]); err != nil {
			return at(err, pos)
		}
	}
	return in.grow(pos, d.Len())
}

func (in *Interp) setMethod(s *Set, name string) func(*Call, Args) (Value, error) {
	mutate := func(f func(c *Call, v Value) error) func(*Call, Args) (Value, error) {
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "set."+name, args, 1, 1); err != nil {
				return nil, err
			}
			if u := unknownOf(args.Positional[0]); u != nil {
				in.reportCause(c.Pos, "set."+name+"() with a value not known statically ("+describe(u)+"); the set is left unchanged", u)
				return None, nil
			}
			if err := f(c, args.Positional[0]); err != nil {
				return nil, err
			}
			return None, in.grow(c.Pos, s.Len())
		}
	}
	setArg := func(c *Call, v Value) (*Set, *Unknown, error) {
		if o, ok := v.(*Set); ok {
			return o, nil, nil
		}
		items, u, err := in.toList(c.Pos, v)
		if err != nil || u != nil {
			return nil, u, err
		}
		r, err := in.newSet(c.Pos, items)
		if err != nil {
			return nil, nil, err
		}
		if u := unknownOf(r); u != nil {
			return nil, u, nil
		}
		return r.(*Set), nil, nil
	}
	binary := func(op string) func(*Call, Args) (Value, error) {
		return func(c *Call, args Args) (Value, error) {
			out := s.Copy()
			for _, a := range args.Positional {
				o, u, err := setArg(c, a)
				if err != nil || u != nil {
					return unknownOr(u), err
				}
				v, _, err := in.setOp(c.Pos, op, out, o)
				if err != nil {
					return nil, err
				}
				out = v.(*Set)
			}
			return out, nil
		}
	}
	relation := func(f func(a, b *Set) bool) func(*Call, Args) (Value, error) {
		return func(c *Call, args Args) (Value, error) {
			if err := argCheck(c, "set."+name, args, 1, 1); err != nil {
				return nil, err
			}
			o, u, err := setArg(c, args.Positional[0])
			if err != nil || u != nil {
				return unknownOr(u), err
			}
			return Bool(f(s, o)), nil
		}
	}
	subset := func(a, b *Set) bool {
		for _, v := range a.Elems() {
			if !b.Has(v) {
				return false
			}
		}
		return true
	}
	switch name {
	case "add":
		return mutate(func(c *Call, v Value) error { return at(s.Add(v), c.Pos) })
	case "discard":
		return mutate(func(c *Call, v Value) error { s.Remove(v); return nil })
	case "remove":
		return mutate(func(c *Call, v Value) error {
			if !s.Remove(v) {
				return in.keyError(c.Pos, v)
			}
			return nil
		})
	case "update":
		return mutate(func(c *Call, v Value) error {
			o, u, err := setArg(c, v)
			if err != nil {
				return err
			}
			if u != nil {
				in.report(c.Pos, "set.update() with a value not known statically; the set is left unchanged")
				return nil
			}
			for _, e := range o.Elems() {
				_ = s.Add(e)
			}
			return nil
		})
	case "pop":
		return func(c *Call, args Args) (Value, error) {
			els := s.Elems()
			if len(els) == 0 {
				return nil, raise(c.Pos, "KeyError", "'pop from an empty set'")
			}
			s.Remove(els[0])
			return els[0], nil
		}
	case "copy":
		return func(c *Call, args Args) (Value, error) { return s.Copy(), nil }
	case "clear":
		return func(c *Call, args Args) (Value, error) { *s = *NewSet(); return None, nil }
	case "union":
		return binary("|")
	case "intersection":
		return binary("&")
	case "difference":
		return binary("-")
	case "symmetric_difference":
		return binary("^")
	case "issubset":
		return relation(subset)
	case "issuperset":
		return relation(func(a, b *Set) bool { return subset(b, a) })
	case "isdisjoint":
		return relation(func(a, b *Set) bool {
			for _, v := range a.Elems() {
				if b.Has(v) {
					return false
				}
			}
			return true
		})
	}
	return nil
}
