package linker

import (
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// Catalog is Stelvio's table of default links (linking.md §3.1) for one Stelvio version.
// It implements config.Catalog: the reader asks it when the app calls .link() or lists a
// component in links=[...].
type Catalog struct {
	rules Rules
	// links keeps each component's default link: Stelvio builds it anew on every link()
	// call, but it is the same value each time, and link values are never changed in place.
	links map[*config.Component]*config.LinkConfig
}

// NewCatalog returns the default links of the Stelvio version rules describe.
func NewCatalog(rules Rules) *Catalog {
	return &Catalog{rules: rules, links: map[*config.Component]*config.LinkConfig{}}
}

// Linkable implements config.Catalog.
func (c *Catalog) Linkable(kind string) bool { return c.rules.IsLinkable(kind) }

// StaticAttr implements config.Catalog: a bucket's ARN is known before 0.10.1b7, when its
// name is explicit. It stays an Output, as in Python, but one without symbols.
func (c *Catalog) StaticAttr(comp *config.Component, name string) (pyeval.Value, bool) {
	if comp.Kind == "Bucket" && name == "arn" && !c.rules.RandomPhysicalNames {
		return &pyeval.Output{T: pyeval.Template{{Text: "arn:aws:s3:::" + comp.Prefix() + comp.Name}}}, true
	}
	return nil, false
}

// sym is the deploy-time attribute attr of the component called root: ${root.attr}.
func sym(root, attr string, suffix ...string) pyeval.Value {
	t := pyeval.Template{{Ref: &pyeval.Ref{Root: root, Path: []string{attr}}}}
	for _, s := range suffix {
		t = append(t, pyeval.Part{Text: s})
	}
	return &pyeval.Output{T: t}
}

// props builds an ordered property map from name/value pairs.
func linkProps(kv ...any) *config.Props {
	p := &config.Props{Values: map[string]pyeval.Value{}}
	for i := 0; i+1 < len(kv); i += 2 {
		k := kv[i].(string)
		p.Keys = append(p.Keys, k)
		p.Values[k] = kv[i+1].(pyeval.Value)
	}
	return p
}

// perm is one AwsPermission.
func perm(resources []pyeval.Value, actions ...string) *config.Permission {
	p := &config.Permission{Resources: resources}
	for _, a := range actions {
		p.Actions = append(p.Actions, pyeval.Str(a))
	}
	return p
}

func one(v pyeval.Value) []pyeval.Value { return []pyeval.Value{v} }

// DefaultLink implements config.Catalog: properties and permissions in Stelvio's order.
func (c *Catalog) DefaultLink(comp *config.Component) *config.LinkConfig {
	if lc, ok := c.links[comp]; ok {
		return lc
	}
	lc := c.defaultLink(comp)
	c.links[comp] = lc
	return lc
}

func (c *Catalog) defaultLink(comp *config.Component) *config.LinkConfig {
	n := comp.Name
	prefix := comp.Prefix()
	switch comp.Kind {
	case "DynamoTable":
		arn := sym(n, "arn")
		perms := []*config.Permission{
			perm(one(arn), "dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
		}
		if c.rules.DynamoIndexStatement {
			perms = append(perms, perm(one(sym(n, "arn", "/index/*")), "dynamodb:Query", "dynamodb:Scan"))
		}
		return &config.LinkConfig{Properties: linkProps("table_arn", arn, "table_name", sym(n, "name")), Permissions: perms}
	case "Bucket":
		// Before 0.10.1b7 a bucket's name is explicit, so its name and ARN are known.
		var name, arn, objects pyeval.Value = sym(n, "name"), sym(n, "arn"), sym(n, "arn", "/*")
		if !c.rules.RandomPhysicalNames {
			name = pyeval.Str(prefix + n)
			arn = pyeval.Str("arn:aws:s3:::" + prefix + n)
			objects = pyeval.Str("arn:aws:s3:::" + prefix + n + "/*")
		}
		return &config.LinkConfig{
			Properties: linkProps("bucket_arn", arn, "bucket_name", name),
			Permissions: []*config.Permission{
				perm(one(arn), "s3:ListBucket"),
				perm(one(objects), "s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
			},
		}
	case "Queue":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties:  linkProps("queue_url", sym(n, "url"), "queue_arn", arn, "queue_name", c.physicalName(comp, 80)),
			Permissions: []*config.Permission{perm(one(arn), "sqs:SendMessage", "sqs:GetQueueAttributes")},
		}
	case "Topic":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties:  linkProps("topic_arn", arn, "topic_name", c.physicalName(comp, 256)),
			Permissions: []*config.Permission{perm(one(arn), "sns:Publish")},
		}
	case "Function":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties:  linkProps("function_arn", arn, "function_name", sym(n, "name")),
			Permissions: []*config.Permission{perm(one(arn), "lambda:InvokeFunction")},
		}
	case "Email":
		return c.emailLink(comp)
	case "AppSync":
		return c.appSyncLink(comp)
	case "UserPool":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties:  linkProps("user_pool_id", sym(n, "id"), "user_pool_arn", arn),
			Permissions: []*config.Permission{perm(one(arn), "cognito-idp:GetUser", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers")},
		}
	case "UserPoolClient":
		pool := comp.Parent.Name
		p := linkProps("client_id", sym(n, "id"), "user_pool_id", sym(pool, "id"))
		if truthy(comp.Arg("generate_secret")) {
			p.Keys = append(p.Keys, "client_secret")
			p.Values["client_secret"] = sym(n, "client_secret")
		}
		return &config.LinkConfig{
			Properties:  p,
			Permissions: []*config.Permission{perm(one(sym(pool, "arn")), "cognito-idp:GetUser", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers")},
		}
	case "IdentityPool":
		p := linkProps("identity_pool_id", sym(n, "id"), "authenticated_role_arn", sym(n, "authenticated_role_arn"))
		if truthy(comp.Arg("allow_unauthenticated")) {
			p.Keys = append(p.Keys, "unauthenticated_role_arn")
			p.Values["unauthenticated_role_arn"] = sym(n, "unauthenticated_role_arn")
		}
		return &config.LinkConfig{Properties: p, Permissions: []*config.Permission{}}
	}
	// A kind linkable only in releases whose link the notes do not confirm (the 0.10 APIs,
	// DocumentDb): its link is reported as unknown rather than guessed.
	u := &pyeval.Unknown{Pos: comp.Pos, Reason: "the default link of " + comp.Kind + " in Stelvio " + c.rules.Release + " is not confirmed"}
	return &config.LinkConfig{Properties: config.UnknownProps(u), Permissions: []*config.Permission{config.UnknownPermission(u)}}
}

func (c *Catalog) emailLink(comp *config.Component) *config.LinkConfig {
	n := comp.Name
	sender := emailOption(comp, "sender", 1)
	identityArn := sym(n, "arn")               // Email.arn is its identity's ARN
	configSet := pyeval.Str(n + "-config-set") // not prefixed before 0.10.1b7
	if c.rules.EmailConfigSetPrefixed {
		configSet = pyeval.Str(comp.Prefix() + n + "-config-set")
	}
	resource := identityArn
	if truthy(emailOption(comp, "sandbox", -1)) {
		resource = pyeval.Str("*")
	}
	return &config.LinkConfig{
		Properties: linkProps("email_identity_sender", orUnknown(sender, comp), "email_identity_arn", identityArn,
			"configuration_set_name", configSet, "configuration_set_arn", sym(n, "configuration_set_arn")),
		Permissions: []*config.Permission{perm(one(resource), "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail")},
	}
}

// emailOption reads an Email option given as an argument (by keyword, or by position
// when index >= 0) or inside config={...}.
func emailOption(comp *config.Component, key string, index int) pyeval.Value {
	if v := comp.Arg(key); v != nil {
		return v
	}
	if index >= 0 && index < len(comp.Args.Positional) {
		return comp.Args.Positional[index]
	}
	switch cfg := comp.Arg("config").(type) {
	case *pyeval.Dict:
		v, _ := cfg.GetStr(key)
		return v
	case pyeval.Object:
		v, ok, err := cfg.Attr(nil, key)
		if ok && err == nil {
			return v
		}
	}
	return nil
}

func (c *Catalog) appSyncLink(comp *config.Component) *config.LinkConfig {
	n := comp.Name
	var url pyeval.Value = sym(n, "url")
	domainArg := "domain"
	if c.rules.AppSyncURLProperty == "api_url" {
		domainArg = "domain_name"
	}
	if d, ok := comp.Arg(domainArg).(pyeval.Str); ok {
		url = pyeval.Str("https://" + string(d) + "/graphql")
	}
	p := linkProps(c.rules.AppSyncURLProperty, url)
	if hasAPIKeyAuth(comp) {
		p.Keys = append(p.Keys, "api_key")
		p.Values["api_key"] = sym(n, "api_key")
	}
	return &config.LinkConfig{Properties: p, Permissions: []*config.Permission{perm(one(sym(n, "arn", "/*")), "appsync:GraphQL")}}
}

func hasAPIKeyAuth(comp *config.Component) bool {
	isKey := func(v pyeval.Value) bool { return v != nil && v.TypeName() == "ApiKeyAuth" }
	if isKey(comp.Arg("auth")) {
		return true
	}
	if l, ok := comp.Arg("additional_auth").(*pyeval.List); ok {
		for _, v := range l.Elems {
			if isKey(v) {
				return true
			}
		}
	}
	return false
}

func truthy(v pyeval.Value) bool {
	if v == nil {
		return false
	}
	b, known := pyeval.Truth(v)
	return b && known
}

func orUnknown(v pyeval.Value, comp *config.Component) pyeval.Value {
	if v == nil {
		return &pyeval.Unknown{Pos: comp.Pos, Reason: "the sender of Email " + comp.Name + " is not given"}
	}
	return v
}

// physicalName is a queue's or topic's name: explicit before 0.10.1b7, so known
// statically (a FIFO one ends in .fifo); after it Pulumi adds a random suffix.
func (c *Catalog) physicalName(comp *config.Component, max int) pyeval.Value {
	if c.rules.RandomPhysicalNames {
		return sym(comp.Name, "name")
	}
	name, suffix := comp.Name, ""
	if truthy(comp.Arg("fifo")) {
		suffix = ".fifo"
		name = strings.TrimSuffix(name, suffix)
	}
	full, err := SafeName(comp.Prefix(), name, max, suffix)
	if err != nil {
		return &pyeval.Unknown{Pos: comp.Pos, Reason: err.Error()}
	}
	return pyeval.Str(full)
}
