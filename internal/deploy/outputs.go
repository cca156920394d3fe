package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// StackOutputs are Stelvio's outputs of an env as `stlv outputs ENV --json` prints them
// (0.9.0b5 and later): component display outputs (such as an Api's url) and user exports
// (export_output), where Stelvio already shows secret exports as "[secret]".
type StackOutputs struct {
	Components  []ComponentOutputs `json:"components,omitempty"`
	UserDefined map[string]any     `json:"user_defined,omitempty"`
}

// ComponentOutputs are one component's display outputs and its children's.
type ComponentOutputs struct {
	Type       string             `json:"type"`
	Name       string             `json:"name"`
	Outputs    map[string]any     `json:"outputs,omitempty"`
	Components []ComponentOutputs `json:"components,omitempty"`
}

// Output is one output, flattened for display.
type Output struct {
	Key   string // "api_url" for a user export, "Api shop-api: url" for a component's
	Value string // masked when secret
}

// SecretText replaces a secret output value.
const SecretText = "[secret]"

// secretKey matches output names that suggest a secret even though Stelvio did not mark the
// value secret (export_output of a plain string).
var secretKey = regexp.MustCompile(`(?i)(secret|passw|token|credential|private|api[_-]?key|access[_-]?key|signing[_-]?key|passphrase)`)

// pulumiSecretSig is the key Pulumi puts in an encrypted value in state.
const pulumiSecretSig = "4dabf18193072939515e22adb298388d"

// parseOutputs reads the last JSON object printed: user code may print before it, and
// `--json` output is pretty-printed over many lines.
func parseOutputs(out []byte) (*StackOutputs, error) {
	out = bytes.TrimRight(out, " \t\r\n")
	for end := len(out); end > 0; {
		start := bytes.LastIndex(out[:end], []byte("\n{"))
		if start < 0 {
			start = 0
		} else {
			start++
		}
		var so StackOutputs
		if json.Unmarshal(out[start:], &so) == nil {
			return &so, nil
		}
		if start == 0 {
			break
		}
		end = start - 1
	}
	return nil, fmt.Errorf("no JSON object in the output (%d bytes)", len(out))
}

// maskSecrets replaces every secret value in place (Stelvio's "[secret]", Pulumi
// ciphertext, values under secret-looking names) and registers the plain ones with mask so
// that no log line shows them either.
func (so *StackOutputs) maskSecrets(mask func(string)) {
	for k, v := range so.UserDefined {
		so.UserDefined[k] = maskValue(k, v, mask)
	}
	var walk func([]ComponentOutputs)
	walk = func(cs []ComponentOutputs) {
		for _, c := range cs {
			for k, v := range c.Outputs {
				c.Outputs[k] = maskValue(k, v, mask)
			}
			walk(c.Components)
		}
	}
	walk(so.Components)
}

func maskValue(key string, v any, mask func(string)) any {
	if m, ok := v.(map[string]any); ok {
		if _, enc := m[pulumiSecretSig]; enc {
			return SecretText
		}
	}
	if s, ok := v.(string); ok && s == SecretText {
		return v
	}
	if !secretKey.MatchString(key) {
		return v
	}
	registerSecret(v, mask)
	return SecretText
}

func registerSecret(v any, mask func(string)) {
	switch x := v.(type) {
	case string:
		if len(x) >= 4 { // masking shorter strings would mangle every log line
			mask(x)
		}
	case map[string]any:
		for _, e := range x {
			registerSecret(e, mask)
		}
	case []any:
		for _, e := range x {
			registerSecret(e, mask)
		}
	default:
		if v != nil {
			registerSecret(fmt.Sprint(v), mask)
		}
	}
}

// Flat lists the outputs for display: user exports first, sorted, then components.
func (so *StackOutputs) Flat() []Output {
	if so == nil {
		return nil
	}
	var out []Output
	keys := make([]string, 0, len(so.UserDefined))
	for k := range so.UserDefined {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, Output{Key: k, Value: valueText(so.UserDefined[k])})
	}
	var walk func([]ComponentOutputs)
	walk = func(cs []ComponentOutputs) {
		for _, c := range cs {
			ks := make([]string, 0, len(c.Outputs))
			for k := range c.Outputs {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			for _, k := range ks {
				out = append(out, Output{Key: fmt.Sprintf("%s %s: %s", c.Type, c.Name, k), Value: valueText(c.Outputs[k])})
			}
			walk(c.Components)
		}
	}
	walk(so.Components)
	return out
}

// Lookup finds the output named name: a user export, else the url of the component of that
// name.
func (so *StackOutputs) Lookup(name string) (string, bool) {
	if so == nil {
		return "", false
	}
	if v, ok := so.UserDefined[name]; ok {
		return valueText(v), true
	}
	var found string
	var walk func([]ComponentOutputs) bool
	walk = func(cs []ComponentOutputs) bool {
		for _, c := range cs {
			if c.Name == name {
				if v, ok := c.Outputs["url"]; ok {
					found = valueText(v)
					return true
				}
			}
			if walk(c.Components) {
				return true
			}
		}
		return false
	}
	return found, walk(so.Components)
}

func valueText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(string(data))
}
