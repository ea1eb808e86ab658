// Command newsline is a terminal news reader: it loads a local collection of
// articles (plain text, Markdown, JSON) into a three-pane reader, and lists,
// counts and shows them for scripts.
//
// This package is the only place where data (reading collections) and ui (the
// Bubble Tea program) meet.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; by
// default it comes from the module's build information.
var version = ""

// usageError marks failures the user caused (bad flag, missing path,
// unknown ID): they exit with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// quietFailure is a failure the command has reported already: exit
// status 1, nothing more printed.
type quietFailure interface {
	error
	quiet()
}

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes newsline with args and returns the exit status: 0 on
// success, 2 for a usage error, 1 for anything else.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var done quietFailure
	if errors.As(err, &done) {
		return 1
	}
	fmt.Fprintf(stderr, "newsline: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
