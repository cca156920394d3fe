package linker

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Version is a Stelvio version number: the PEP 440 forms Stelvio publishes
// ("0.9.0b5", "0.10.1b7", "1.0.0", "0.11.0.dev1", "1.0.post1").
type Version struct {
	Release []int
	Pre     string // "a", "b", "rc" or "" for none
	PreN    int
	Post    int // -1 for none
	Dev     int // -1 for none
}

// pep440 accepts the canonical form plus PEP 440's spelling variants
// (separators, "alpha", "beta", "c", implicit numbers); local versions are refused.
// Groups: 1 release, 2-3 pre, 4-6 post, 7-8 dev.
var pep440 = regexp.MustCompile(`^v?(\d+(?:\.\d+)*)` +
	`(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?` +
	`(?:[-_.]?(post|rev|r)[-_.]?(\d*)|-(\d+))?` +
	`(?:[-_.]?(dev)[-_.]?(\d*))?$`)

// ParseVersion parses a Stelvio version as written in a lock file or pin.
func ParseVersion(s string) (Version, error) {
	m := pep440.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return Version{}, fmt.Errorf("%q is not a Stelvio version number (expected something like 0.9.0b5)", s)
	}
	v := Version{Post: -1, Dev: -1}
	for _, part := range strings.Split(m[1], ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			return Version{}, fmt.Errorf("version %q: %w", s, err)
		}
		v.Release = append(v.Release, n)
	}
	switch m[2] {
	case "":
	case "alpha":
		v.Pre = "a"
	case "beta":
		v.Pre = "b"
	case "c", "pre", "preview":
		v.Pre = "rc"
	default:
		v.Pre = m[2]
	}
	if v.Pre != "" {
		v.PreN = atoiOrZero(m[3])
	}
	if m[4] != "" || m[6] != "" {
		v.Post = atoiOrZero(m[5] + m[6])
	}
	if m[7] != "" {
		v.Dev = atoiOrZero(m[8])
	}
	return v, nil
}

func atoiOrZero(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// mustParseVersion is ParseVersion for the compiled-in release table, whose
// entries TestReleaseTable checks; like regexp.MustCompile it panics only on a
// programming error.
func mustParseVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

func (v Version) String() string {
	parts := make([]string, len(v.Release))
	for i, n := range v.Release {
		parts[i] = strconv.Itoa(n)
	}
	s := strings.Join(parts, ".")
	if v.Pre != "" {
		s += v.Pre + strconv.Itoa(v.PreN)
	}
	if v.Post >= 0 {
		s += ".post" + strconv.Itoa(v.Post)
	}
	if v.Dev >= 0 {
		s += ".dev" + strconv.Itoa(v.Dev)
	}
	return s
}

// Compare orders versions as PEP 440 does: 1.0.dev0 < 1.0a1 < 1.0b1.dev0 <
// 1.0b1 < 1.0rc1 < 1.0 < 1.0.post1; trailing zeros of the release do not count.
func (v Version) Compare(w Version) int {
	for i := 0; i < max(len(v.Release), len(w.Release)); i++ {
		if c := cmp.Compare(at(v.Release, i), at(w.Release, i)); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(v.phase(), w.phase()); c != 0 {
		return c
	}
	if c := cmp.Compare(v.PreN, w.PreN); c != 0 {
		return c
	}
	if c := cmp.Compare(v.Post, w.Post); c != 0 {
		return c
	}
	return cmp.Compare(devKey(v.Dev), devKey(w.Dev))
}

func at(xs []int, i int) int {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

// phase ranks the pre-release part: a development release of a final version
// sorts before its alphas, a final release after its release candidates.
func (v Version) phase() int {
	switch {
	case v.Pre == "a":
		return 1
	case v.Pre == "b":
		return 2
	case v.Pre == "rc":
		return 3
	case v.Post < 0 && v.Dev >= 0:
		return 0
	}
	return 4
}

func devKey(dev int) int {
	if dev < 0 {
		return int(^uint(0) >> 1)
	}
	return dev
}

// APIRouteNaming is how API routes are grouped into Lambdas and named.
type APIRouteNaming int

const (
	// APIRoutesPerFileUnprefixed (0.2.0a4): one Lambda per handler file, named key.replace("/", "-").
	APIRoutesPerFileUnprefixed APIRouteNaming = iota + 1
	// APIRoutesPerFile (0.3.0a5–0.5.0a7): one Lambda per handler file, named "{api}-{key}".
	APIRoutesPerFile
	// APIRoutesPerHandler (0.6.0a8 on): one Lambda per full handler path, "." becomes "_".
	APIRoutesPerHandler
)

// FunctionNaming is the Lambda and IAM logical naming scheme (linking.md §7.4).
type FunctionNaming int

const (
	FunctionNamingUnprefixed FunctionNaming = iota + 1 // 0.2.0a4: fn, fn-role, fn-Policy
	FunctionNamingPrefixed                             // 0.3.0a5: prefix+fn, -role, -policy
	FunctionNamingSafeIAM                              // 0.4.0a6: safe_name for role (-r) and policy (-p)
	FunctionNamingSafeLambda                           // 0.5.0a7 on: safe_name for the Lambda too
)

// Customize is how customize= dictionaries reach a Function's resources.
type Customize int

const (
	CustomizeNone     Customize = iota + 1 // before 0.7.0b1
	CustomizeReplaces                      // 0.7.0b1–0.9.0b5: global and per-instance keys replace Stelvio's
	CustomizeDefaults                      // 0.10.0b6 on: a global dict is a default; computed values win
)

// Unsure names a rule taken from a source that stelvio-newer.md does not
// confirm; the linker reports values that depend on it as unresolved.
type Unsure string

const (
	UnsureFolderRules0100    Unsure = "0.10.0b6 keeps the old stlv_resources.py folder rules (the fixes are listed under 0.10.1b7 only)"
	UnsureFolderRules0101    Unsure = "0.10.1b7 folder rules (union map, sticky CORS, normalised keys, empty links skipped) are read from unreleased main-line code"
	UnsureAPIInvokeStatement Unsure = "whether a RestApi/HttpApi link grants execute-api:Invoke, and on which resource, is not known"
	UnsureRelease0102        Unsure = "the 0.10.2b8 changelog is not known; the 0.10.1b7 rules are assumed"
	UnsureDocumentDb         Unsure = "the DocumentDb link (properties, ca_file path) is known only from an unreleased branch"
)

// Rules are the behaviour switches of one Stelvio version.
type Rules struct {
	Version Version // the version asked for
	Release string  // the known release whose rules apply
	Exact   bool    // Version is that release
	Newer   bool    // newer than every known release: the newest rules apply
	Older   bool    // older than every known release: the oldest rules apply

	Codegen        CodegenFlavour
	FunctionNaming FunctionNaming
	APIRoutes      APIRouteNaming
	APIClass       string   // the REST API component: "Api", "RestApi" from 0.10.0b6
	Linkable       []string // component classes with a default link creator, in order of arrival
	Customize      Customize

	CreatorGetsComponent     bool // link creators get the component (0.7.0b1), before it the Pulumi resource
	DynamoIndexStatement     bool // DynamoTable's second statement on …/index/* (0.4.0a6)
	TableSafeName            bool // DynamoTable logical name through safe_name(…, 255) (0.7.0b1)
	UserEnvironment          bool // environment= is applied, after links and CORS (0.5.0a7)
	CORS                     bool // API CORS env vars and the CorsResource class (0.5.0a7)
	DevModeEnv               bool // stlv dev adds its own STLV_* vars (0.6.0a8)
	PermissionsTypeChecked   bool // permissions must be AwsPermission, else TypeError (0.5.0a7)
	QueueSubscriberDotToDash bool // Queue.subscribe names "{queue with . → -}-{name}" (0.7.2b3)

	LinkMapSkipsEmpty       bool   // links with no properties stay out of the codegen map (0.10.1b7)
	FolderMapUnion          bool   // folder files union every function's properties (0.10.1b7)
	FolderCORSSticky        bool   // a folder file keeps CorsResource if any function has CORS (0.10.1b7)
	FolderKeyNormalised     bool   // "x/" and "x" are one folder key (0.10.1b7)
	PackageOwnFileOnly      bool   // a function without content ships no stlv_resources.py (0.10.1b7)
	CORSAnyOrder            bool   // CORS env reaches a routed Function created earlier (0.10.1b7)
	RandomPhysicalNames     bool   // queue, topic and bucket names get a Pulumi suffix (0.10.1b7)
	EmailConfigSetPrefixed  bool   // the SES configuration set name carries the app-env prefix (0.10.1b7)
	AppSyncURLProperty      string // the AppSync link's URL property: "url", "api_url" from 0.10.1b7
	VPCExecutionAttachment  bool   // Function(vpc=) adds AWSLambdaVPCAccessExecutionRole (0.10.1b7)
	APIRouteDuplicateRaises bool   // a Function named like a route Lambda raises instead of being reused (0.10.1b7)

	Unsure []Unsure
}

// IsLinkable reports whether the component class has a default link creator.
func (r Rules) IsLinkable(class string) bool {
	return slices.Contains(r.Linkable, class)
}

type release struct {
	version string
	date    string
	change  func(*Rules)
}

// releases is the version table: each known release and what it changed,
// cumulatively. Sources: linking.md §9, stelvio-newer.md §0, §1, §9.
var releases = [...]release{
	{"0.2.0a4", "2025-05-14", func(r *Rules) {
		r.Codegen = CodegenV1
		r.FunctionNaming = FunctionNamingUnprefixed
		r.APIRoutes = APIRoutesPerFileUnprefixed
		r.APIClass = "Api"
		r.Linkable = []string{"DynamoTable"}
		r.Customize = CustomizeNone
		r.AppSyncURLProperty = "url"
	}},
	{"0.3.0a5", "2025-07-10", func(r *Rules) {
		r.FunctionNaming = FunctionNamingPrefixed
		r.APIRoutes = APIRoutesPerFile
	}},
	{"0.4.0a6", "2025-09-05", func(r *Rules) {
		r.FunctionNaming = FunctionNamingSafeIAM
		r.Linkable = append(r.Linkable, "Bucket")
		r.DynamoIndexStatement = true
	}},
	{"0.5.0a7", "2025-10-31", func(r *Rules) {
		r.Codegen = CodegenV2
		r.FunctionNaming = FunctionNamingSafeLambda
		r.UserEnvironment = true
		r.CORS = true
		r.PermissionsTypeChecked = true
	}},
	{"0.6.0a8", "2025-12-23", func(r *Rules) {
		r.APIRoutes = APIRoutesPerHandler
		r.DevModeEnv = true
	}},
	{"0.6.1a9", "2025-12-30", func(*Rules) {}},
	{"0.7.0b1", "2026-01-30", func(r *Rules) {
		r.Codegen = CodegenV3
		r.Linkable = append(r.Linkable, "Function", "Queue", "Topic", "Email")
		r.Customize = CustomizeReplaces
		r.CreatorGetsComponent = true
		r.TableSafeName = true
	}},
	{"0.7.1b2", "2026-02-20", func(*Rules) {}},
	{"0.7.2b3", "2026-02-28", func(r *Rules) {
		r.QueueSubscriberDotToDash = true
	}},
	{"0.8.0b4", "2026-03-13", func(r *Rules) {
		r.Linkable = append(r.Linkable, "AppSync")
	}},
	{"0.9.0b5", "2026-04-13", func(r *Rules) {
		r.Linkable = append(r.Linkable, "UserPool", "UserPoolClient", "IdentityPool")
	}},
	{"0.10.0b6", "2026-09-10", func(r *Rules) {
		r.APIClass = "RestApi"
		r.Linkable = append(r.Linkable, "RestApi", "HttpApi", "WebsocketApi")
		r.Customize = CustomizeDefaults
		r.Unsure = append(r.Unsure, UnsureFolderRules0100)
	}},
	{"0.10.1b7", "2026-10-09", func(r *Rules) {
		r.LinkMapSkipsEmpty = true
		r.FolderMapUnion = true
		r.FolderCORSSticky = true
		r.FolderKeyNormalised = true
		r.PackageOwnFileOnly = true
		r.CORSAnyOrder = true
		r.RandomPhysicalNames = true
		r.EmailConfigSetPrefixed = true
		r.AppSyncURLProperty = "api_url"
		r.VPCExecutionAttachment = true
		r.APIRouteDuplicateRaises = true
		r.Unsure = []Unsure{UnsureFolderRules0101, UnsureAPIInvokeStatement}
	}},
	{"0.10.2b8", "2026-10", func(r *Rules) {
		r.Linkable = append(r.Linkable, "DocumentDb")
		r.Unsure = append(r.Unsure, UnsureRelease0102, UnsureDocumentDb)
	}},
}

// KnownReleases lists the Stelvio releases the version table knows, oldest first.
func KnownReleases() []string {
	out := make([]string, len(releases))
	for i, rel := range releases {
		out[i] = rel.version
	}
	return out
}

// RulesFor returns the behaviour of Stelvio version v: the rules of the newest
// known release that is not newer than v (linking.md §9.4).
func RulesFor(v Version) Rules {
	r := Rules{Version: v}
	last := 0
	for i, rel := range releases {
		if i > 0 && mustParseVersion(rel.version).Compare(v) > 0 {
			break
		}
		last = i
	}
	for _, rel := range releases[:last+1] {
		rel.change(&r)
	}
	known := mustParseVersion(releases[last].version)
	r.Release = releases[last].version
	r.Exact = known.Compare(v) == 0
	r.Older = last == 0 && known.Compare(v) > 0
	r.Newer = last == len(releases)-1 && known.Compare(v) < 0
	return r
}

// Notice explains, for a report, when the rules are not those of an exact
// known release; it is empty when they are.
func (r Rules) Notice() string {
	switch {
	case r.Newer:
		return fmt.Sprintf("Stelvio %s is newer than the newest known release %s; its rules are used", r.Version, r.Release)
	case r.Older:
		return fmt.Sprintf("Stelvio %s is older than the oldest known release %s; its rules are used", r.Version, r.Release)
	case !r.Exact:
		return fmt.Sprintf("Stelvio %s is not a known release; the rules of %s are used", r.Version, r.Release)
	}
	return ""
}
