package iamdata

import (
	"strings"
	"testing"
)

const tinyCatalog = `# a comment
H	1	@example/pkg	1.2.3	2024-01-02T03:04:05Z	2	3
S	alpha
R	thing	arn:${Partition}:alpha:::thing/${Name}
A	DoThing	W	thing*
A	listThings	L	
S	beta
A	Tag	T	
`

func TestParseTinyCatalog(t *testing.T) {
	c, err := parse(tinyCatalog)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version() != "@example/pkg@1.2.3" || c.Updated() != "2024-01-02T03:04:05Z" {
		t.Errorf("version %q, updated %q", c.Version(), c.Updated())
	}
	a, ok := c.Lookup("ALPHA:dothing")
	if !ok || a.Name != "alpha:DoThing" || a.Level != Write || len(a.ResourceTypes) != 1 ||
		a.ResourceTypes[0] != (ResourceType{Name: "thing", ARN: "arn:${Partition}:alpha:::thing/${Name}", Required: true}) {
		t.Errorf("Lookup(alpha:DoThing) = %+v, %v", a, ok)
	}
	if lvl, _ := c.AccessLevel("alpha:ListThings"); lvl != List {
		t.Errorf("alpha:ListThings level %q", lvl)
	}
	if lvl, _ := c.AccessLevel("beta:tag"); lvl != Tagging {
		t.Errorf("beta:Tag level %q", lvl)
	}
	if got, _ := c.Expand("*"); strings.Join(got, " ") != "alpha:DoThing alpha:listThings beta:Tag" {
		t.Errorf("Expand(*) = %v", got)
	}
}

func TestParseRejectsBrokenData(t *testing.T) {
	header := "H\t1\tp\t1\td\t1\t1\n"
	cases := []struct {
		name, text, want string
	}{
		{"empty", "", "no header"},
		{"no header", "S\talpha\n", "catalog.txt:1: header \"S\\talpha\""},
		{"only comments", "# x\n# y\n", "no header"},
		{"format", "H\t2\tp\t1\td\t1\t1\n", "catalog.txt:1: header"},
		{"counts", "H\t1\tp\t1\td\tx\t1\n", "bad package, version or counts"},
		{"second header", header + header, "catalog.txt:2: want a service record"},
		{"outside service", header + "A\tX\tR\t\n", "catalog.txt:2: want a service record"},
		{"level", header + "S\ta\nA\tX\tQ\t\n", "catalog.txt:3: action a:X: unknown access level code \"Q\""},
		{"fields", header + "S\ta\nA\tX\tR\n", "catalog.txt:3: action record"},
		{"wildcard name", header + "S\ta\nA\tX*\tR\t\n", "catalog.txt:3: action record"},
		{"kind", header + "S\ta\nZ\tq\n", "catalog.txt:3: unknown record \"Z\\tq\""},
		{"service order", "H\t1\tp\t1\td\t2\t0\nS\tb\nS\ta\n", "catalog.txt:3: service \"a\" out of order"},
		{"duplicate service", "H\t1\tp\t1\td\t2\t0\nS\ta\nS\tA\n", "out of order"},
		{"action order", "H\t1\tp\t1\td\t1\t2\nS\ta\nA\tb\tR\t\nA\tA\tR\t\n", "catalog.txt:4: action a:A out of order"},
		{"too many", header + "S\ta\nA\tX\tR\t\nA\tY\tR\t\n", "header promises 1 actions, found 2"},
		{"bad line in block", header + "S\ta\nA\tX\tR\t\nbogus\n", "catalog.txt:4: unknown record \"bogus\""},
		{"too few", "H\t1\tp\t1\td\t1\t2\nS\ta\nA\tX\tR\t\n", "header promises 2 actions, found 1"},
		{"too few services", "H\t1\tp\t1\td\t2\t0\nS\ta\n", "header promises 2 services, found 1"},
		{"too many services", "H\t1\tp\t1\td\t1\t0\nS\ta\nS\tb\n", "catalog.txt:3: more services than the header's count"},
		{"resource", header + "S\ta\nR\tx\n", "catalog.txt:3: resource record"},
		{"bad prefix", header + "S\ta:b\n", "bad service prefix"},
	}
	for _, tc := range cases {
		c, err := parse(tc.text)
		if err == nil {
			err = c.check()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: parse error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}
