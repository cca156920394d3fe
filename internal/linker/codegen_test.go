package linker

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func props(kv ...any) []LinkProps {
	var out []LinkProps
	for i := 0; i < len(kv); i += 2 {
		out = append(out, LinkProps{Link: kv[i].(string), Props: kv[i+1].([]string)})
	}
	return out
}

// Worked examples of linking.md §5.8 and §9.3, identified by length and SHA-256
// of the real generator's output (v1/v2 checked against tags v0.2.0a4 and v0.6.1a9).
func TestResourcesFileWorkedExamples(t *testing.T) {
	cases := []struct {
		name    string
		links   []LinkProps
		cors    bool
		flavour CodegenFlavour
		size    int
		sha     string
	}{
		{"1 one table", props("todos", []string{"table_arn", "table_name"}), false, CodegenV3,
			500, "ac228ee5da03c928c55545bb0db92d039d9cc75e571a9735ff01e145bea4eadb"},
		{"2 queue subscriber", props("orders-sqs", []string{}, "user-table", []string{"table_arn", "table_name"},
			"processOrder", []string{"function_arn", "function_name"}), false, CodegenV3,
			888, "8c4175219d8fc39adb6fe563d736fb76002870f06ab704b7a8832a8e01e35144"},
		{"3 cors only", nil, true, CodegenV3,
			1074, "02f533e25f914c4d7b9509850d54260c6a450d620bad262887f3e30f3c141ca6"},
		{"4 cors and odd names", props("2fa-codes", []string{"table_arn"}, "myAPIKeys.v2", []string{"queue_url"}), true, CodegenV3,
			1536, "d5625bafbce6e6fa310a45086443da0be419a2f6ca6ca6f6f5d4006abdd395dc"},
		{"5 shared folder", props("test-link", []string{"name", "timeout"}, "test-link2", []string{"name2", "timeout2"}), false, CodegenV3,
			826, "1de12512f6879e33cf24c1a0a706db8ec160e9373fe221d3344298b795d1c39f"},
		{"7 legacy v2", props("orders-stream", []string{}, "myTable", []string{"table_arn", "table_name"}), false, CodegenV2,
			582, "d7b1911b6f69c9f1aef9d2d4450d93c297f0ae17278eb9335f0b7b8ceb3bc94a"},
		{"legacy v2 with cors", props("orders-stream", []string{}, "myTable", []string{"table_arn"}), true, CodegenV2,
			1355, "6d2f6b3b7b63702e23bbb1c21edd50e12b19128f95b65954fae2e953923a2673"},
		{"legacy v1", props("orders-stream", []string{}, "XMLParser", []string{"table_arn"}, "2fa", []string{"x"}), false, CodegenV1,
			667, "c3120a72645a3078734a393913a137a2a3803a2429d0cc8b316682677b7162ca"},
	}
	for _, c := range cases {
		got, ok, err := ResourcesFile(c.links, c.cors, c.flavour)
		if err != nil || !ok {
			t.Errorf("%s: ok=%v err=%v", c.name, ok, err)
			continue
		}
		sum := sha256.Sum256([]byte(got))
		if len(got) != c.size || hex.EncodeToString(sum[:]) != c.sha {
			t.Errorf("%s: got %d bytes sha256 %x, want %d bytes %s:\n%s", c.name, len(got), sum, c.size, c.sha, got)
		}
	}
}

func TestResourcesFileExample1Text(t *testing.T) {
	want := "import os\nfrom dataclasses import dataclass\nfrom typing import Final\nfrom functools import cached_property\n\n\n" +
		"@dataclass(frozen=True)\nclass TodosResource:\n    @cached_property\n    def table_arn(self) -> str:\n" +
		"        return os.environ[\"STLV_TODOS_TABLE_ARN\"]\n\n    @cached_property\n    def table_name(self) -> str:\n" +
		"        return os.environ[\"STLV_TODOS_TABLE_NAME\"]\n\n\n@dataclass(frozen=True)\nclass LinkedResources:\n" +
		"    todos: Final[TodosResource] = TodosResource()\n\n\nResources: Final = LinkedResources()"
	got, ok, err := ResourcesFile(props("todos", []string{"table_arn", "table_name"}), false, CodegenV3)
	if err != nil || !ok || got != want {
		t.Errorf("got ok=%v err=%v\n%q\nwant\n%q", ok, err, got, want)
	}
}

func TestResourcesFileNothingToGenerate(t *testing.T) {
	empty := props("orders-sqs", []string{}, "orders-stream", []string{})
	for _, f := range []CodegenFlavour{CodegenV1, CodegenV2, CodegenV3} {
		if got, ok, err := ResourcesFile(empty, false, f); ok || err != nil || got != "" {
			t.Errorf("%v: got %q ok=%v err=%v, want no content", f, got, ok, err)
		}
		if _, ok, err := ResourcesFile(nil, false, f); ok || err != nil {
			t.Errorf("%v: empty map gave ok=%v err=%v", f, ok, err)
		}
	}
	if _, _, err := ResourcesFile(nil, true, CodegenV1); err == nil {
		t.Error("v1 accepted CORS")
	}
	if _, _, err := ResourcesFile(nil, false, CodegenFlavour(9)); err == nil {
		t.Error("unknown flavour accepted")
	}
}

func TestResourcesFileNameErrors(t *testing.T) {
	cases := []struct {
		links   []LinkProps
		flavour CodegenFlavour
		want    string
	}{
		{props("", []string{"a"}), CodegenV3, "IndexError"},
		{props("²x", []string{"a"}), CodegenV3, "KeyError"},          // env name
		{props("ok", []string{"a"}, "²", []string{}), CodegenV3, ""}, // skipped link
		{props("ok", []string{"a"}, "²", []string{}), CodegenV2, "KeyError"},
		{props("ok", []string{"a"}, "", []string{}), CodegenV1, ""}, // class "" is fine
	}
	for _, c := range cases {
		_, _, err := ResourcesFile(c.links, false, c.flavour)
		checkException(t, "ResourcesFile "+c.flavour.String(), c.links[len(c.links)-1].Link, err, c.want)
	}
}

func TestResourcesFileUsesFirstLinkOrder(t *testing.T) {
	got, _, err := ResourcesFile(props("b", []string{"y"}, "a", []string{"x"}), false, CodegenV3)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Index(got, "class BResource") > strings.Index(got, "class AResource") {
		t.Errorf("classes not in map order:\n%s", got)
	}
}
