package pyast

import (
	"fmt"
	"reflect"
	"strings"
)

// dump renders a node compactly (type, then non-zero fields without positions), so table
// tests can compare whole trees as text.
func dump(v any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(v))
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		dumpValue(b, v.Elem())
	case reflect.Slice:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			dumpValue(b, v.Index(i))
		}
		b.WriteString("]")
	case reflect.Struct:
		t := v.Type()
		b.WriteString(t.Name() + "(")
		first := true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Name == "Pos" || v.Field(i).IsZero() {
				continue
			}
			if !first {
				b.WriteString(" ")
			}
			first = false
			b.WriteString(f.Name + "=")
			dumpValue(b, v.Field(i))
		}
		b.WriteString(")")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	case reflect.Int32:
		fmt.Fprintf(b, "%q", rune(v.Int()))
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}
