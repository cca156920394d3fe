package iamdata

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// rawActions reads catalog.txt line by line, independently of the parser,
// and returns the canonical names of a service's actions (of all services
// when prefix is empty), sorted.
func rawActions(t *testing.T, prefix string) []string {
	t.Helper()
	f, err := os.Open("catalog.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	svc := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		switch fields[0] {
		case "S":
			svc = fields[1]
		case "A":
			if prefix == "" || svc == prefix {
				out = append(out, svc+":"+fields[1])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestExpandServiceWildcard(t *testing.T) {
	c := mustLoad(t)
	got, ok := c.Expand("dynamodb:*")
	want := rawActions(t, "dynamodb")
	if !ok || !slices.Equal(got, want) {
		t.Fatalf("Expand(dynamodb:*) = %d actions, %v; the data lists %d:\n got %v\nwant %v", len(got), ok, len(want), got, want)
	}
	if len(got) <= 50 {
		t.Errorf("dynamodb:* expands to %d actions, want > 50", len(got))
	}
	for _, must := range []string{"dynamodb:PutItem", "dynamodb:Query", "dynamodb:ListStreams", "dynamodb:TagResource"} {
		if !slices.Contains(got, must) {
			t.Errorf("dynamodb:* lacks %s", must)
		}
	}
	if upper, _ := c.Expand("DynamoDB:*"); !slices.Equal(upper, got) {
		t.Error("Expand(DynamoDB:*) differs from Expand(dynamodb:*)")
	}
}

func TestExpandPrefixSuffixAndQuestion(t *testing.T) {
	c := mustLoad(t)
	s3 := rawActions(t, "s3")
	check := func(pattern string, keep func(name string) bool) {
		t.Helper()
		var want []string
		for _, a := range s3 {
			if keep(strings.TrimPrefix(a, "s3:")) {
				want = append(want, a)
			}
		}
		got, ok := c.Expand(pattern)
		if !ok || !slices.Equal(got, want) || len(got) == 0 {
			t.Errorf("Expand(%q) = %v, %v\nwant %v", pattern, got, ok, want)
		}
	}
	check("s3:Get*", func(n string) bool { return strings.HasPrefix(n, "Get") })
	check("s3:get*", func(n string) bool { return strings.HasPrefix(n, "Get") })
	check("s3:*Object", func(n string) bool { return strings.HasSuffix(n, "Object") })
	check("s3:*Object*Tagging", func(n string) bool {
		i := strings.Index(n, "Object")
		return i >= 0 && strings.HasSuffix(n[i+len("Object"):], "Tagging")
	})
	check("s3:?etObject", func(n string) bool { return len(n) == 9 && n[1:] == "etObject" })
	check("s3:GetObject", func(n string) bool { return n == "GetObject" })
	check("S3:GETOBJECT", func(n string) bool { return n == "GetObject" })

	if got, _ := c.Expand("s3:Get*"); slices.Contains(got, "s3:ListBucket") || !slices.Contains(got, "s3:GetObject") {
		t.Errorf("s3:Get* = %v", got)
	}
}

func TestExpandEverything(t *testing.T) {
	c := mustLoad(t)
	all, ok := c.Expand("*")
	if want := rawActions(t, ""); !ok || !slices.Equal(all, want) {
		t.Fatalf("Expand(*) = %d actions, %v; the data lists %d", len(all), ok, len(want))
	}
	if !slices.Contains(all, "dynamodb:PutItem") || !slices.Contains(all, "iam:PassRole") {
		t.Error("Expand(*) lacks well-known actions")
	}
	if same, _ := c.Expand("*:*"); !slices.Equal(same, all) {
		t.Error("Expand(*:*) differs from Expand(*)")
	}
}

func TestExpandWildcardServicePrefix(t *testing.T) {
	c := mustLoad(t)
	got, ok := c.Expand("cognito-*:GetUser")
	if !ok || !slices.Equal(got, []string{"cognito-idp:GetUser"}) {
		t.Errorf("Expand(cognito-*:GetUser) = %v, %v", got, ok)
	}
	got, ok = c.Expand("*:GetItem")
	if !ok || !slices.Contains(got, "dynamodb:GetItem") {
		t.Errorf("Expand(*:GetItem) = %v, %v", got, ok)
	}
}

func TestExpandUnknown(t *testing.T) {
	c := mustLoad(t)
	for _, p := range []string{"dynamodbx:*", "nosuch*:*", "dynamodb", "dynamodb:", ":*", "", "Get*"} {
		if got, ok := c.Expand(p); ok || len(got) != 0 {
			t.Errorf("Expand(%q) = %v, %v; want empty, false", p, got, ok)
		}
	}
	// A known service with no matching action is a valid, empty grant.
	if got, ok := c.Expand("s3:Zzz*"); !ok || len(got) != 0 {
		t.Errorf("Expand(s3:Zzz*) = %v, %v; want empty, true", got, ok)
	}
	if got, ok := c.Expand("dynamodb:GetItems"); !ok || len(got) != 0 {
		t.Errorf("Expand(dynamodb:GetItems) = %v, %v; want empty, true", got, ok)
	}
}

func TestExpandSingleActionIsCanonical(t *testing.T) {
	c := mustLoad(t)
	got, ok := c.Expand("DYNAMODB:getitem")
	if !ok || !slices.Equal(got, []string{"dynamodb:GetItem"}) {
		t.Errorf("Expand(DYNAMODB:getitem) = %v, %v", got, ok)
	}
}
