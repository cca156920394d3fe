package pyeval

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Hashable lets a host value that is not a pointer be a dict key or a set member: HashKey
// returns a comparable Go value, equal for values Python would call equal. Pointer values
// need nothing: they hash by identity, like a Python object without __eq__.
type Hashable interface {
	Value
	HashKey() any
}

// Item is one key/value pair of a Dict.
type Item struct {
	Key   Value
	Value Value
}

// Dict is Python's dict: insertion-ordered, and a key that is assigned again keeps its first
// position. It is shared by reference. The zero value is not usable; call NewDict.
type Dict struct {
	entries []dictEntry
	index   map[any]int
	live    int
}

type dictEntry struct {
	key, val Value
	deleted  bool
}

// NewDict returns an empty dict.
func NewDict() *Dict { return &Dict{index: map[any]int{}} }

func (*Dict) TypeName() string { return "dict" }

// Len is the number of keys.
func (d *Dict) Len() int { return d.live }

// Get returns the value for k; ok is false when k is absent or cannot be a key.
func (d *Dict) Get(k Value) (Value, bool) {
	h, err := hashKey(k)
	if err != nil {
		return nil, false
	}
	i, ok := d.index[h]
	if !ok {
		return nil, false
	}
	return d.entries[i].val, true
}

// GetStr returns the value for the str key k.
func (d *Dict) GetStr(k string) (Value, bool) { return d.Get(Str(k)) }

// Set binds k to v. It fails with TypeError when k cannot be a key (a list, a dict, ...).
func (d *Dict) Set(k, v Value) error {
	h, err := hashKey(k)
	if err != nil {
		return err
	}
	if i, ok := d.index[h]; ok {
		d.entries[i].val = v
		return nil
	}
	d.index[h] = len(d.entries)
	d.entries = append(d.entries, dictEntry{key: k, val: v})
	d.live++
	return nil
}

// Delete removes k and reports whether it was there.
func (d *Dict) Delete(k Value) bool {
	h, err := hashKey(k)
	if err != nil {
		return false
	}
	i, ok := d.index[h]
	if !ok {
		return false
	}
	delete(d.index, h)
	d.entries[i] = dictEntry{deleted: true}
	d.live--
	if len(d.entries) > 32 && d.live < len(d.entries)/2 {
		d.compact()
	}
	return true
}

func (d *Dict) compact() {
	kept := make([]dictEntry, 0, d.live)
	for _, e := range d.entries {
		if !e.deleted {
			h, _ := hashKey(e.key)
			d.index[h] = len(kept)
			kept = append(kept, e)
		}
	}
	d.entries = kept
}

// Keys returns the keys in order.
func (d *Dict) Keys() []Value {
	out := make([]Value, 0, d.live)
	for _, e := range d.entries {
		if !e.deleted {
			out = append(out, e.key)
		}
	}
	return out
}

// Values returns the values in key order.
func (d *Dict) Values() []Value {
	out := make([]Value, 0, d.live)
	for _, e := range d.entries {
		if !e.deleted {
			out = append(out, e.val)
		}
	}
	return out
}

// Items returns the pairs in order.
func (d *Dict) Items() []Item {
	out := make([]Item, 0, d.live)
	for _, e := range d.entries {
		if !e.deleted {
			out = append(out, Item{e.key, e.val})
		}
	}
	return out
}

// Copy returns a shallow copy.
func (d *Dict) Copy() *Dict {
	c := NewDict()
	for _, it := range d.Items() {
		_ = c.Set(it.Key, it.Value)
	}
	return c
}

// Set is Python's set, insertion-ordered here so output is deterministic.
type Set struct{ d *Dict }

// NewSet returns an empty set.
func NewSet() *Set { return &Set{d: NewDict()} }

func (*Set) TypeName() string { return "set" }

// Add inserts v; it fails with TypeError when v cannot be a member.
func (s *Set) Add(v Value) error { return s.d.Set(v, None) }

// Has reports whether v is a member.
func (s *Set) Has(v Value) bool { _, ok := s.d.Get(v); return ok }

// Remove deletes v and reports whether it was there.
func (s *Set) Remove(v Value) bool { return s.d.Delete(v) }

// Len is the number of members.
func (s *Set) Len() int { return s.d.Len() }

// Elems returns the members in insertion order.
func (s *Set) Elems() []Value { return s.d.Keys() }

// Copy returns a shallow copy.
func (s *Set) Copy() *Set { return &Set{d: s.d.Copy()} }

// maxKeyLen bounds the text of a tuple key: nested shared tuples grow exponentially.
const maxKeyLen = 1 << 16

// tupleKey is the hash key of a tuple: the keys of its elements, joined.
type tupleKey string

type floatKey float64

// hashKey maps a value to a comparable Go key so that values Python calls equal (1, 1.0,
// True) share a key.
func hashKey(v Value) (any, error) {
	switch x := v.(type) {
	case NoneType:
		return x, nil
	case Bool:
		if x {
			return Int(1), nil
		}
		return Int(0), nil
	case Int, Str:
		return x, nil
	case Float:
		f := float64(x)
		if f == math.Trunc(f) && math.Abs(f) < 1<<62 {
			return Int(int64(f)), nil
		}
		return floatKey(f), nil
	case Tuple:
		var b strings.Builder
		b.WriteString("(")
		for _, e := range x {
			k, err := hashKey(e)
			if err != nil {
				return nil, err
			}
			writeKey(&b, k)
			if b.Len() > maxKeyLen {
				return nil, &PyError{Type: "EvaluationLimit", Msg: "a tuple used as a dict key or set member is too large to evaluate"}
			}
		}
		return tupleKey(b.String()), nil
	case *SymStr:
		return "sym:" + x.T.String(), nil
	case *Instance:
		if x.plain != nil {
			return hashKey(x.plain)
		}
		return x, nil
	case *List, *Dict, *Set:
		return nil, &PyError{Type: "TypeError", Msg: fmt.Sprintf("unhashable type: '%s'", v.TypeName())}
	case *Unknown:
		return nil, &PyError{Type: "TypeError", Msg: "a value not known statically cannot be a dict key or set member"}
	case Hashable:
		k := x.HashKey()
		if k == nil || !reflect.ValueOf(k).Comparable() {
			return nil, &PyError{Type: "TypeError", Msg: fmt.Sprintf("unhashable type: '%s'", v.TypeName())}
		}
		return k, nil
	}
	if v == nil {
		return nil, &PyError{Type: "TypeError", Msg: "unhashable value"}
	}
	if reflect.TypeOf(v).Kind() == reflect.Pointer {
		return v, nil
	}
	return nil, &PyError{Type: "TypeError", Msg: fmt.Sprintf("unhashable type: '%s'", v.TypeName())}
}

// writeKey writes an unambiguous text for a hash key, so distinct tuples never share one.
func writeKey(b *strings.Builder, k any) {
	switch x := k.(type) {
	case Str:
		b.WriteString("s" + strconv.Quote(string(x)))
	case tupleKey:
		b.WriteString("t" + strconv.Quote(string(x)))
	case Int:
		b.WriteString("i" + strconv.FormatInt(int64(x), 10))
	case floatKey:
		b.WriteString("f" + strconv.FormatFloat(float64(x), 'g', -1, 64))
	case NoneType:
		b.WriteString("n")
	case string:
		b.WriteString("x" + strconv.Quote(x))
	default:
		if reflect.TypeOf(k).Kind() == reflect.Pointer {
			fmt.Fprintf(b, "p%T%p", k, k)
		} else {
			fmt.Fprintf(b, "o%T%#v", k, k)
		}
	}
	b.WriteString(",")
}
