package config

import (
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
)

// The stelvio.* modules as the evaluator sees them: the names real apps import
// (app-and-cli.md §1.8, stelvio-newer.md §8.1). A name a module lacks is Unknown, not an
// ImportError, so an app written for a newer Stelvio still reads; its use is reported.

const notModelled = "not modelled by stelvio-action (a newer Stelvio?)"

// hostModules builds the stelvio.* and pulumi modules for one read.
func (r *reader) hostModules() map[string]*pyeval.Module {
	mods := map[string]*pyeval.Module{}
	mod := func(name string, values ...pyeval.Value) *pyeval.Module {
		m := pyeval.NewModule(name)
		m.MissingReason = notModelled
		for _, v := range values {
			switch v := v.(type) {
			case *class:
				m.SetAttr(v.name, v)
			case *method:
				m.SetAttr(v.name, v)
			}
		}
		mods[name] = m
		return m
	}
	cls := r.classes

	mod("stelvio", &method{"context", r.contextFn}, &method{"export_output", r.exportOutput})
	mod("stelvio.app", cls["StelvioApp"])
	mod("stelvio.config", cls["StelvioAppConfig"], cls["AwsConfig"])
	mod("stelvio.context", &method{"context", r.contextFn})
	mod("stelvio.link", cls["Link"], cls["LinkConfig"])
	mod("stelvio.aws")
	mod("stelvio.aws.permission", cls["AwsPermission"])
	mod("stelvio.aws.function", cls["Function"], cls["FunctionConfig"], cls["FunctionUrlConfig"])
	mod("stelvio.aws.dynamo_db", cls["DynamoTable"], cls["AttributeType"], cls["FieldType"],
		cls["StreamView"], cls["LocalIndex"], cls["GlobalIndex"])
	mod("stelvio.aws.api_gateway", cls["Api"], cls["RestApi"], cls["HttpApi"], cls["WebsocketApi"],
		cls["CorsConfig"], cls["ApiDomain"])
	mod("stelvio.aws.cors", cls["CorsConfig"])
	mod("stelvio.aws.queue", cls["Queue"], cls["QueueConfig"], cls["DlqConfig"])
	mod("stelvio.aws.topic", cls["Topic"])
	mod("stelvio.aws.cron", cls["Cron"])
	mod("stelvio.aws.s3", cls["Bucket"], cls["S3StaticWebsite"])
	mod("stelvio.aws.email", cls["Email"], cls["EmailConfig"])
	mod("stelvio.aws.layer", cls["Layer"])
	mod("stelvio.aws.cognito", cls["UserPool"], cls["IdentityPool"], cls["IdentityPoolBinding"],
		cls["IdentityPoolPermissions"], cls["PasswordPolicy"])
	mod("stelvio.aws.appsync", cls["AppSync"], cls["CognitoAuth"], cls["ApiKeyAuth"], cls["OidcAuth"],
		cls["LambdaAuth"])
	mod("stelvio.aws.cloudfront", cls["CloudFrontDistribution"], cls["Router"])
	mod("stelvio.aws.cloudfront.router", cls["Router"])
	mod("stelvio.aws.acm", cls["AcmValidatedDomain"])
	mod("stelvio.aws.dns", cls["Route53Dns"])
	mod("stelvio.cloudflare")
	mod("stelvio.cloudflare.dns", cls["CloudflareDns"])
	mod("stelvio.aws.vpc", cls["Vpc"])
	mod("pulumi", r.outputClass(), &method{"export", r.exportOutput})
	for name := range r.behaviour.AbsentModules {
		delete(mods, name)
	}
	// A package's missing names may be submodules: the evaluator imports those through
	// us, and treats every child of a module with a MissingReason as not evaluated.
	for name, m := range mods {
		for child := range mods {
			if strings.HasPrefix(child, name+".") {
				m.MissingReason = ""
				break
			}
		}
	}
	return mods
}

// importHost answers the evaluator for modules the app does not have.
func (r *reader) importHost(c *pyeval.Call, name string) (*pyeval.Module, bool, error) {
	if m, ok := r.modules[name]; ok {
		return m, true, nil
	}
	if since, absent := r.behaviour.AbsentModules[name]; absent {
		return nil, false, pyeval.Errorf(c.Pos, "ModuleNotFoundError", "No module named '%s' (it arrived in Stelvio %s)", name, since)
	}
	if name == "stelvio" || strings.HasPrefix(name, "stelvio.") {
		m := pyeval.NewModule(name)
		m.MissingReason = notModelled
		r.modules[name] = m
		return m, true, nil
	}
	return nil, false, nil
}

// newClasses makes every Stelvio class the reader knows, bound to this read.
func (r *reader) newClasses() map[string]*class {
	cls := map[string]*class{}
	add := func(k *class) { cls[k.name] = k }

	add(r.appClass())
	appConfig := newRecordClass("stelvio.config", "StelvioAppConfig")
	construct := appConfig.construct
	appConfig.construct = func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
		if _, ok := args.Kw("tags"); ok && r.behaviour.NoConfigTags {
			return nil, typeError(c.Pos, "StelvioAppConfig.__init__() got an unexpected keyword argument 'tags' (tags= arrived in Stelvio 0.8.0b4)")
		}
		return construct(c, args)
	}
	add(appConfig)
	add(newRecordClass("stelvio.config", "AwsConfig"))
	add(newLinkClass())
	add(newLinkConfigClass())
	add(newAwsPermissionClass())
	add(newRecordClass("stelvio.aws.function", "FunctionConfig", "handler"))
	add(newRecordClass("stelvio.aws.function", "FunctionUrlConfig"))
	add(newRecordClass("stelvio.aws.dynamo_db", "LocalIndex", "sort_key"))
	add(newRecordClass("stelvio.aws.dynamo_db", "GlobalIndex", "partition_key", "sort_key"))
	add(newRecordClass("stelvio.aws.api_gateway", "CorsConfig"))
	add(newRecordClass("stelvio.aws.api_gateway", "ApiDomain"))
	add(newRecordClass("stelvio.aws.queue", "QueueConfig"))
	add(newRecordClass("stelvio.aws.queue", "DlqConfig", "queue"))
	add(newRecordClass("stelvio.aws.cognito", "IdentityPoolBinding"))
	add(newRecordClass("stelvio.aws.cognito", "IdentityPoolPermissions"))
	add(newRecordClass("stelvio.aws.cognito", "PasswordPolicy"))
	add(newRecordClass("stelvio.aws.appsync", "CognitoAuth"))
	add(newRecordClass("stelvio.aws.appsync", "ApiKeyAuth"))
	add(newRecordClass("stelvio.aws.appsync", "OidcAuth"))
	add(newRecordClass("stelvio.aws.appsync", "LambdaAuth", "handler"))
	add(newRecordClass("stelvio.aws.email", "EmailConfig"))
	add(newRecordClass("stelvio.aws.dns", "Route53Dns", "zone_id"))
	add(newRecordClass("stelvio.cloudflare.dns", "CloudflareDns", "zone_id"))

	add(enumClass("stelvio.aws.dynamo_db", "AttributeType", map[string]string{"STRING": "S", "NUMBER": "N", "BINARY": "B"}))
	add(enumClass("stelvio.aws.dynamo_db", "FieldType", map[string]string{"STRING": "S", "NUMBER": "N", "BINARY": "B"}))
	add(enumClass("stelvio.aws.dynamo_db", "StreamView", map[string]string{
		"KEYS_ONLY": "keys-only", "NEW_IMAGE": "new-image", "OLD_IMAGE": "old-image", "NEW_AND_OLD_IMAGES": "new-and-old-images",
	}))

	for _, kind := range componentKinds {
		add(r.componentClass(kind))
	}
	return cls
}

// enumClass models a Stelvio str enum by its members' values, which is how Stelvio
// compares them ("S" == AttributeType.STRING).
func enumClass(module, name string, members map[string]string) *class {
	k := &class{name: name, module: module, attrs: map[string]pyeval.Value{}}
	for m, v := range members {
		k.attrs[m] = pyeval.Str(v)
	}
	return k
}

// contextFn is stelvio.context(): the app name and env Stelvio runs with.
func (r *reader) contextFn(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	if r.phase == phaseImport {
		return nil, pyeval.Errorf(c.Pos, "RuntimeError", "Stelvio context not initialized: context() is only available in @app.config, @app.run and the modules they load")
	}
	return &contextObject{r: r}, nil
}

type contextObject struct{ r *reader }

func (*contextObject) TypeName() string { return "AppContext" }

func (o *contextObject) Attr(c *pyeval.Call, name string) (pyeval.Value, bool, error) {
	switch name {
	case "env":
		return pyeval.Str(o.r.app.Env), true, nil
	case "name":
		return pyeval.Str(o.r.app.Name), true, nil
	case "prefix":
		return &method{name, func(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
			p := o.r.prefix()
			if len(args.Positional) > 0 {
				if s, ok := str(args.Positional[0]); ok {
					return pyeval.Str(p + s), nil
				}
				if !isNone(args.Positional[0]) {
					return &pyeval.Unknown{Pos: c.Pos, Reason: "context().prefix() of a value not known statically"}, nil
				}
			}
			return pyeval.Str(p), nil
		}}, true, nil
	}
	return &pyeval.Unknown{Pos: c.Pos, Reason: "context()." + name + " is known only at deploy time"}, true, nil
}

// exportOutput is stelvio.export_output / pulumi.export: stack outputs, not links.
func (r *reader) exportOutput(c *pyeval.Call, args pyeval.Args) (pyeval.Value, error) {
	return pyeval.None, nil
}

// prefix is Stelvio's resource-name prefix "{app}-{env}-", lower-cased.
func (r *reader) prefix() string {
	return strings.ToLower(r.app.Name) + "-" + strings.ToLower(r.app.Env) + "-"
}
