package main

import (
	"context"
	"fmt"
	"runtime"

	"orewatch"
)

func init() {
	register(&command{name: "version", summary: "print the version", run: runVersion})
}

func runVersion(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("version", "version [--db DSN]", "Print the orewatch version and the Go version it was built with.")
	m.addIgnoredDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments, got %q", pos[0])
	}
	fmt.Fprintf(m.Stdout, "orewatch %s (%s)\n", orewatch.Version, runtime.Version())
	return nil
}
