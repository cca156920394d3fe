package linker

import (
	"github.com/stelvio-action/stelvio-action/internal/config"
)

// BehaviourFor is what the reader must do differently for the Stelvio version of r.
func BehaviourFor(r Rules) config.Behaviour {
	return config.Behaviour{
		LegacyQueueNames:  !r.QueueSubscriberDotToDash,
		LegacyAPIRoutes:   r.APIRoutes != APIRoutesPerHandler,
		NoUserEnvironment: !r.UserEnvironment,
		NoCORS:            !r.CORS,
		CORSAnyOrder:      r.CORSAnyOrder,
		RequireConfig:     r.Version.Compare(mustParseVersion("0.9.0b5")) < 0,
		NoConfigTags:      r.Version.Compare(mustParseVersion("0.8.0b4")) < 0,
		AbsentModules:     absentModules(r.Version),
		EmailDNSNoOptOut:  r.Version.Compare(mustParseVersion("0.10.0b6")) < 0,
	}
}

// moduleArrivals are the stelvio.* modules the reader models that some release lacks, with
// the first release that has them: read from each release tag's stelvio/ tree, except
// stelvio.aws.vpc, which stelvio-newer.md dates to 0.10.0b6.
var moduleArrivals = map[string]string{
	"stelvio.config":                "0.3.0a5",
	"stelvio.context":               "0.3.0a5",
	"stelvio.aws.acm":               "0.4.0a6",
	"stelvio.aws.dns":               "0.4.0a6",
	"stelvio.aws.s3":                "0.4.0a6",
	"stelvio.cloudflare":            "0.4.0a6",
	"stelvio.cloudflare.dns":        "0.4.0a6",
	"stelvio.aws.cloudfront":        "0.5.0a7",
	"stelvio.aws.cloudfront.router": "0.6.0a8",
	"stelvio.aws.cors":              "0.6.0a8",
	"stelvio.aws.cron":              "0.7.0b1",
	"stelvio.aws.email":             "0.7.0b1",
	"stelvio.aws.queue":             "0.7.0b1",
	"stelvio.aws.topic":             "0.7.0b1",
	"stelvio.aws.appsync":           "0.8.0b4",
	"stelvio.aws.cognito":           "0.9.0b5",
	"stelvio.aws.vpc":               "0.10.0b6",
}

// absentModules are the modules of moduleArrivals that release v does not have yet.
func absentModules(v Version) map[string]string {
	absent := map[string]string{}
	for name, since := range moduleArrivals {
		if v.Compare(mustParseVersion(since)) < 0 {
			absent[name] = since
		}
	}
	return absent
}

// RulesForPinned returns the rules for a pinned version string; with none pinned, the
// newest known release, with a notice saying so.
func RulesForPinned(pinned string) (Rules, string, error) {
	if pinned == "" {
		releases := KnownReleases()
		newest := releases[len(releases)-1]
		return RulesFor(mustParseVersion(newest)), "no pinned Stelvio version found: the rules of the newest known release " + newest + " are used", nil
	}
	v, err := ParseVersion(pinned)
	if err != nil {
		return Rules{}, "", err
	}
	r := RulesFor(v)
	return r, r.Notice(), nil
}
