package config

import (
	"fmt"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// Email(name, config=None, *, tags, customize, **opts) refuses, when it is constructed, an
// identity it cannot set up: DMARC for an address, or DNS records (DMARC, which a domain
// gets by default, or the domain identity itself) without a DNS provider, the Email's dns=
// or else the app config's. Before 0.10.0b6 dns=False is no opt-out: like None it falls
// back to the app config's provider (Behaviour.EmailDNSNoOptOut).

// emailUnsure ends the report of an Email whose checks depend on what is not known.
const emailUnsure = ": whether Stelvio accepts its identity (DMARC, DNS provider) is unknown"

// emailFields are the EmailConfig fields the checks read.
type emailFields struct {
	sender, dmarc, dns pyeval.Value
}

// checkEmail raises what Email.__init__ raises for comp, or reports the Email unresolved
// when the outcome depends on a value not known statically.
func (r *reader) checkEmail(c *pyeval.Call, comp *Component) error {
	f, err := r.emailFields(c, comp)
	if err != nil || f == nil {
		return err
	}
	unsure := func(what string, v pyeval.Value) error {
		u, _ := v.(*pyeval.Unknown)
		if u == nil {
			u = &pyeval.Unknown{Pos: c.Pos, Reason: "it is built from deploy-time values"}
		}
		r.unresolved(c.Pos, fmt.Sprintf("Email %q: %s is not known statically (%s)%s", comp.Name, what, u.Reason, emailUnsure), "")
		r.rootCause(u)
		return nil
	}
	sender, ok := str(f.sender)
	if !ok {
		if _, known := pyeval.Truth(f.sender); !known {
			return unsure("the sender", f.sender)
		}
		return typeError(c.Pos, "argument of type '%s' is not iterable (Email %q: the sender must be a str)", f.sender.TypeName(), comp.Name)
	}
	isDomain := !strings.Contains(sender, "@")
	dnsFalse, known := isFalse(f.dns)
	if !known {
		return unsure("dns=", f.dns)
	}
	optOut := dnsFalse && !r.behaviour.EmailDNSNoOptOut
	dmarcFalse, known := isFalse(f.dmarc)
	if !known {
		return unsure("dmarc=", f.dmarc)
	}
	dmarc := f.dmarc
	switch {
	case isNone(dmarc) && sender != "" && isDomain && !optOut:
		dmarc = pyeval.Str("v=DMARC1; p=none;") // the default DMARC of a domain identity
	case dmarcFalse:
		dmarc = pyeval.None
	}
	hasDMARC, known := pyeval.Truth(dmarc)
	if !known {
		return unsure("dmarc=", dmarc)
	}
	if hasDMARC && !isDomain {
		return pyeval.Errorf(c.Pos, "ValueError", "DMARC can only be set for domain email identities. (Email %q sends from the address %q)", comp.Name, sender)
	}
	if (hasDMARC || isDomain) && !optOut {
		provider, what := f.dns, "dns="
		if set, _ := pyeval.Truth(f.dns); !set && (r.behaviour.EmailDNSNoOptOut || isNone(f.dns)) {
			provider, what = r.contextDNS, "the app config's dns="
		}
		has, known := pyeval.Truth(provider)
		if !known {
			return unsure(what, provider)
		}
		if !has {
			return r.noDNSProvider(c, comp, hasDMARC)
		}
	}
	if isDomain && !strings.Contains(sender, ".") {
		return pyeval.Errorf(c.Pos, "ValueError", "Invalid domain: %s", sender)
	}
	return nil
}

// noDNSProvider is Stelvio's DnsProviderNotConfiguredError, with what would fix it.
func (r *reader) noDNSProvider(c *pyeval.Call, comp *Component, dmarc bool) error {
	what := "create domain email identity"
	if dmarc {
		what = "set DMARC records"
	}
	fix := "give the Email dns=Route53Dns(...) or CloudflareDns(...), or StelvioAppConfig(dns=...)"
	if r.behaviour.EmailDNSNoOptOut {
		fix += "; dns=False opts out of DNS only from Stelvio 0.10.0b6"
	} else {
		fix += ", or dns=False to manage the records yourself"
	}
	return pyeval.Errorf(c.Pos, "DnsProviderNotConfiguredError", "DNS provider must be configured to %s. (Email %q: %s)", what, comp.Name, fix)
}

// emailFields reads the config as Email._parse_config does; nil (reported) when the
// arguments are not known statically.
func (r *reader) emailFields(c *pyeval.Call, comp *Component) (*emailFields, error) {
	if comp.Args.Unknown != nil {
		return nil, nil // reported when the component was made: its options may hold anything
	}
	var opts []pyeval.Keyword
	for _, kw := range comp.Args.Keywords {
		switch kw.Name {
		case "name", "config", "tags", "customize":
		default:
			opts = append(opts, kw)
		}
	}
	cfg := comp.arg("config", 1)
	var get func(string) pyeval.Value
	switch v := cfg.(type) {
	case *record, *pyeval.Dict:
		if rec, ok := v.(*record); ok && rec.kind != "EmailConfig" {
			return nil, pyeval.Errorf(c.Pos, "AttributeError", "'%s' object has no attribute 'dmarc' (Email %q: config must be an EmailConfig, a dict or the sender)", rec.kind, comp.Name)
		}
		if len(opts) > 0 {
			return nil, pyeval.Errorf(c.Pos, "ValueError", "Invalid configuration: cannot combine complete email configuration with additional options (Email %q: %s=)", comp.Name, opts[0].Name)
		}
		if rec, ok := v.(*record); ok {
			get = rec.field
			break
		}
		d := v.(*pyeval.Dict)
		for _, it := range d.Items() {
			if u := unknownIn(it.Key); u != nil {
				r.unresolved(c.Pos, fmt.Sprintf("Email %q: a key of config= is not known statically (%s)%s", comp.Name, u.Reason, emailUnsure), "")
				r.rootCause(u)
				return nil, nil
			}
		}
		if _, ok := d.GetStr("sender"); !ok {
			return nil, typeError(c.Pos, "EmailConfig.__init__() missing 1 required keyword-only argument: 'sender' (Email %q)", comp.Name)
		}
		get = func(k string) pyeval.Value {
			if x, ok := d.GetStr(k); ok {
				return x
			}
			return pyeval.None
		}
	case pyeval.Str:
		get = func(k string) pyeval.Value {
			for _, kw := range opts {
				if kw.Name == k {
					return kw.Value
				}
			}
			return pyeval.None
		}
		if _, given := comp.Args.Kw("sender"); given {
			return nil, typeError(c.Pos, "EmailConfig.__init__() got multiple values for keyword argument 'sender' (Email %q)", comp.Name)
		}
		return &emailFields{sender: v, dmarc: get("dmarc"), dns: get("dns")}, nil
	case *pyeval.Unknown:
		r.unresolved(c.Pos, fmt.Sprintf("Email %q: config= is not known statically (%s)%s", comp.Name, v.Reason, emailUnsure), "")
		r.rootCause(v)
		return nil, nil
	default:
		// Stelvio converts only an EmailConfig, a dict or a str: anything else, None
		// included (Email("n", sender=...)), fails on reading its dmarc.
		return nil, pyeval.Errorf(c.Pos, "AttributeError", "'%s' object has no attribute 'dmarc' (Email %q: give the sender as the second argument or in config=)", orNone(cfg).TypeName(), comp.Name)
	}
	return &emailFields{sender: get("sender"), dmarc: get("dmarc"), dns: get("dns")}, nil
}

// isFalse is Python's `v is False`; known is false for a value not known statically.
func isFalse(v pyeval.Value) (is, known bool) {
	switch v := v.(type) {
	case pyeval.Bool:
		return !bool(v), true
	case *pyeval.Unknown, *pyeval.SymStr:
		return false, false
	}
	return false, true
}
