package linker

import (
	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// Catalog is Stelvio's table of default links (linking.md §3.1) for one Stelvio version.
// It implements config.Catalog: the reader asks it when the app calls .link() or lists a
// component in links=[...].
type Catalog struct {
	linkable map[string]bool
}

// NewCatalog returns the default links of Stelvio 0.9.0b5 (HEAD 394a7f0).
func NewCatalog() *Catalog {
	return &Catalog{linkable: map[string]bool{
		"DynamoTable": true, "Bucket": true, "Queue": true, "Topic": true, "Function": true,
		"Email": true, "AppSync": true, "UserPool": true, "UserPoolClient": true, "IdentityPool": true,
	}}
}

// Linkable implements config.Catalog.
func (c *Catalog) Linkable(kind string) bool { return c.linkable[kind] }

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
	n := comp.Name
	prefix := comp.Prefix()
	switch comp.Kind {
	case "DynamoTable":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties: linkProps("table_arn", arn, "table_name", sym(n, "name")),
			Permissions: []*config.Permission{
				perm(one(arn), "dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
				perm(one(sym(n, "arn", "/index/*")), "dynamodb:Query", "dynamodb:Scan"),
			},
		}
	case "Bucket":
		name := prefix + n
		arn := pyeval.Str("arn:aws:s3:::" + name)
		return &config.LinkConfig{
			Properties: linkProps("bucket_arn", arn, "bucket_name", pyeval.Str(name)),
			Permissions: []*config.Permission{
				perm(one(arn), "s3:ListBucket"),
				perm(one(pyeval.Str("arn:aws:s3:::"+name+"/*")), "s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
			},
		}
	case "Queue":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties:  linkProps("queue_url", sym(n, "url"), "queue_arn", arn, "queue_name", pyeval.Str(queueName(comp))),
			Permissions: []*config.Permission{perm(one(arn), "sqs:SendMessage", "sqs:GetQueueAttributes")},
		}
	case "Topic":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties:  linkProps("topic_arn", arn, "topic_name", pyeval.Str(topicName(comp))),
			Permissions: []*config.Permission{perm(one(arn), "sns:Publish")},
		}
	case "Function":
		arn := sym(n, "arn")
		return &config.LinkConfig{
			Properties:  linkProps("function_arn", arn, "function_name", sym(n, "name")),
			Permissions: []*config.Permission{perm(one(arn), "lambda:InvokeFunction")},
		}
	case "Email":
		return emailLink(comp)
	case "AppSync":
		return appSyncLink(comp)
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
	return &config.LinkConfig{Properties: &config.Props{Values: map[string]pyeval.Value{}}, Permissions: []*config.Permission{}}
}

func emailLink(comp *config.Component) *config.LinkConfig {
	n := comp.Name
	sender := comp.Arg("sender")
	if sender == nil && len(comp.Args.Positional) > 1 {
		sender = comp.Args.Positional[1]
	}
	identityArn := sym(n, "identity_arn")
	resource := identityArn
	if truthy(comp.Arg("sandbox")) {
		resource = pyeval.Str("*")
	}
	return &config.LinkConfig{
		Properties: linkProps("email_identity_sender", orUnknown(sender, comp), "email_identity_arn", identityArn,
			"configuration_set_name", pyeval.Str(n+"-config-set"), "configuration_set_arn", sym(n, "configuration_set_arn")),
		Permissions: []*config.Permission{perm(one(resource), "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail")},
	}
}

func appSyncLink(comp *config.Component) *config.LinkConfig {
	n := comp.Name
	var url pyeval.Value = sym(n, "url")
	if d, ok := comp.Arg("domain").(pyeval.Str); ok {
		url = pyeval.Str("https://" + string(d) + "/graphql")
	}
	p := linkProps("url", url)
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

// queueName is the queue's physical name: explicit in Stelvio ≤ 0.10.0 (linking.md §7.4).
func queueName(comp *config.Component) string {
	return fifoName(comp, 80)
}

func topicName(comp *config.Component) string {
	return fifoName(comp, 256)
}

func fifoName(comp *config.Component, max int) string {
	name, suffix := comp.Name, ""
	if truthy(comp.Arg("fifo")) {
		suffix = ".fifo"
		if len(name) > len(suffix) && name[len(name)-len(suffix):] == suffix {
			name = name[:len(name)-len(suffix)]
		}
	}
	return safeNameOrPlain(comp.Prefix(), name, max, suffix)
}

// safeNameOrPlain is a placeholder for safe_name until the naming helpers land: names that
// fit are returned as Stelvio would; longer ones are marked.
func safeNameOrPlain(prefix, name string, max int, suffix string) string {
	return prefix + name + suffix
}
