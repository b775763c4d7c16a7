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
	fs := m.newFlagSet("version", "version", "Print the orewatch version and the Go version it was built with.")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "orewatch %s (%s)\n", orewatch.Version, runtime.Version())
	return nil
}
