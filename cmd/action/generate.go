package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/udiff"
)

// runGenerate writes the stlv_resources.py files Stelvio would write, or with --check
// lists the stale ones with a diff and writes nothing.
func runGenerate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f appFlags
	f.register(fs)
	check := fs.Bool("check", false, "write nothing; list stale files with a unified diff and exit 1 if any")
	if err := fs.Parse(args); err != nil {
		return exitInput
	}
	res, err := resolveApp(ctx, f)
	if err != nil {
		return reportError(stderr, err)
	}
	changes, unknown, err := linker.Changes(f.dir, res.Files)
	if err != nil {
		fmt.Fprintf(stderr, "generate: %v\n", err)
		return exitUnexpected
	}
	for _, p := range unknown {
		fmt.Fprintf(stderr, "generate: %s: left alone: its content cannot be known statically (see `resolve`)\n", p)
	}
	if *check {
		for _, c := range changes {
			fmt.Fprintf(stdout, "stale: %s (%s)\n", c.Path, c.Action)
		}
		for _, c := range changes {
			fmt.Fprint(stdout, udiff.Diff(c.Path, c.Old, c.OldExists, c.New, c.Action == "write"))
		}
		if len(changes) > 0 || len(unknown) > 0 {
			return exitCheck
		}
		return exitOK
	}
	if err := linker.Apply(f.dir, changes); err != nil {
		fmt.Fprintf(stderr, "generate: %v\n", err)
		return exitUnexpected
	}
	for _, c := range changes {
		verb := "wrote"
		if c.Action == "delete" {
			verb = "deleted"
		}
		fmt.Fprintf(stdout, "%s %s\n", verb, c.Path)
	}
	if len(unknown) > 0 {
		return exitCheck
	}
	return exitOK
}
