// Command action is stelvio-action: the GitHub Action (no command, GITHUB_ACTIONS=true) and the
// local commands resolve, generate, diff and version.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes of every command (action.md §2).
const (
	exitOK         = 0
	exitCheck      = 1
	exitInput      = 2
	exitUnexpected = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	var code int
	if len(os.Args) == 1 && os.Getenv("GITHUB_ACTIONS") == "true" {
		code = runAction(ctx, os.Getenv, os.Stdout, os.Stderr)
	} else {
		code = run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	}
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitInput
	}
	switch args[0] {
	case "version":
		fmt.Fprintf(stdout, "stelvio-action %s\n", version)
		return exitOK
	case "resolve":
		return runResolve(ctx, args[1:], stdout, stderr)
	case "generate":
		return runGenerate(ctx, args[1:], stdout, stderr)
	case "diff":
		return runDiff(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "unknown command %q\n%s\n", args[0], usage)
	return exitInput
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `usage: action <command> [flags]

commands:
  resolve   print the resolved Stelvio app (functions, links, env, IAM, files)
  generate  write or check the stlv_resources.py files Stelvio would write
  diff      link diff between two git revisions
  version   print the version`
