package linker_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// writeApp writes a generated Stelvio app: fns functions and fns*3/10 tables spread over
// modules infra/mod_N.py, each function linking two tables, a tenth behind an Api.
func writeApp(tb testing.TB, fns, modules int) string {
	tb.Helper()
	dir := tb.TempDir()
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "infra"), 0o755))
	tables := fns * 3 / 10
	var app strings.Builder
	app.WriteString("from stelvio.app import StelvioApp\n")
	for m := 0; m < modules; m++ {
		fmt.Fprintf(&app, "from infra.mod_%d import create_%d\n", m, m)
	}
	app.WriteString("\napp = StelvioApp(\"bench\")\n\n\n@app.run\ndef run() -> None:\n")
	for m := 0; m < modules; m++ {
		fmt.Fprintf(&app, "    create_%d()\n", m)
	}
	must(os.WriteFile(filepath.Join(dir, "stlv_app.py"), []byte(app.String()), 0o644))
	for m := 0; m < modules; m++ {
		var b strings.Builder
		b.WriteString("from stelvio.aws.api_gateway import Api\nfrom stelvio.aws.dynamo_db import DynamoTable\nfrom stelvio.aws.function import Function\n\n\n")
		fmt.Fprintf(&b, "def create_%d():\n    api = Api(\"api-%d\", cors=True)\n    tables = []\n", m, m)
		for t := m; t < tables; t += modules {
			fmt.Fprintf(&b, "    tables.append(DynamoTable(\"t%d\", fields={\"pk\": \"S\"}, partition_key=\"pk\"))\n", t)
		}
		b.WriteString("    n = len(tables)\n")
		for f := m; f < fns; f += modules {
			if f%10 == 0 {
				fmt.Fprintf(&b, "    api.route(\"GET\", \"/f%d\", \"functions/m%d/f%d.handler\", links=tables[:2])\n", f, m, f)
				continue
			}
			fmt.Fprintf(&b, "    Function(\"fn-%d\", handler=\"functions/m%d/f%d.handler\", links=[tables[%d %% n], tables[%d %% n]], memory=256)\n", f, m, f, f, f+1)
		}
		must(os.WriteFile(filepath.Join(dir, "infra", fmt.Sprintf("mod_%d.py", m)), []byte(b.String()), 0o644))
	}
	return dir
}

func resolveDir(tb testing.TB, dir string) *linker.Result {
	app, err := config.Read(context.Background(), dir, config.Options{Env: "prod", Catalog: linker.NewCatalog(rules095)})
	if err != nil {
		tb.Fatalf("Read: %v", err)
	}
	res, err := linker.Resolve(app, rules095)
	if err != nil {
		tb.Fatalf("Resolve: %v", err)
	}
	return res
}

func TestGeneratedAppResolves(t *testing.T) {
	res := resolveDir(t, writeApp(t, 100, 5))
	if len(res.Functions) != 100 || len(res.Unresolved) != 0 {
		t.Fatalf("%d functions, unresolved %v", len(res.Functions), res.Unresolved)
	}
}

// BenchmarkResolve reads and resolves generated apps; the 1,000-function app (300 tables,
// 50 modules) is the target: under 50 ms and 64 MiB. B/op is the memory allocated per read.
func BenchmarkResolve(b *testing.B) {
	for _, size := range []struct{ fns, modules int }{{100, 5}, {1000, 50}, {10000, 50}} {
		dir := writeApp(b, size.fns, size.modules)
		b.Run(fmt.Sprintf("functions=%d", size.fns), func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			for i := 0; i < b.N; i++ {
				resolveDir(b, dir)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// BenchmarkLinkAndCodegen times what linking adds to a read: env vars, statements and
// every stlv_resources.py of the 1,000-function app (target: under 20 ms).
func BenchmarkLinkAndCodegen(b *testing.B) {
	dir := writeApp(b, 1000, 50)
	app, err := config.Read(context.Background(), dir, config.Options{Env: "prod", Catalog: linker.NewCatalog(rules095)})
	if err != nil {
		b.Fatalf("Read: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := linker.Resolve(app, rules095); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReviewBaseAndHead reads the 1,000-function app twice with one parse cache, as a
// review reads base and head: unchanged modules are parsed once.
func BenchmarkReviewBaseAndHead(b *testing.B) {
	dir := writeApp(b, 1000, 50)
	b.ReportAllocs()
	for b.Loop() {
		cache := pyeval.NewParseCache()
		for range 2 {
			app, err := config.Read(context.Background(), dir, config.Options{Env: "prod", Catalog: linker.NewCatalog(rules095), Cache: cache})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := linker.Resolve(app, rules095); err != nil {
				b.Fatal(err)
			}
		}
	}
}
