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
	}
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
