// Command orewatch is the critical-minerals supply-chain monitor: a knowledge
// base of sourced figures, a time-versioned registry of export measures,
// ingestion of news and notices, analytics and scenarios, served over a CLI
// and an HTTP API.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"orewatch"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	code := m.Run(ctx, os.Args[1:])
	stop()
	m.Close()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Main is the program: its configuration, its streams and the services it
// opens lazily. Tests build one with NewMain and call Run.
type Main struct {
	Config Config
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time

	store   orewatch.Store
	catalog orewatch.CatalogService
}

// Config is the one configuration struct: defaults, then OREWATCH_* env
// vars, then flags.
type Config struct {
	DB string // SQLite file path, or a postgres:// URL
}

// NewMain returns a Main on the process's streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now}
}

// Close releases what Run opened.
func (m *Main) Close() error {
	if m.store != nil {
		err := m.store.Close()
		m.store = nil
		return err
	}
	return nil
}

// command is one subcommand. run gets the arguments after the command name.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

var commands = map[string]*command{}

// register adds a subcommand; each command file calls it from init.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

// usageError is a mistake in how a command was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// Run runs the command line args (without the program name) and returns the
// exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if v := m.Getenv("OREWATCH_DB"); v != "" && m.Config.DB == "" {
		m.Config.DB = v
	}
	if len(args) == 0 {
		m.printUsage(m.Stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return m.exit(c.run(ctx, m, []string{"--help"}))
			}
		}
		m.printUsage(m.Stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(m.Stderr, "orewatch: unknown command %q\n", name)
		if s := closestCommand(name); s != "" {
			fmt.Fprintf(m.Stderr, "did you mean %q?\n", s)
		}
		fmt.Fprintln(m.Stderr, "run 'orewatch help' for the list of commands")
		return exitUsage
	}
	return m.exit(c.run(ctx, m, args[1:]))
}

func (m *Main) exit(err error) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "orewatch: %s\n", ue.msg)
		return exitUsage
	}
	fmt.Fprintf(m.Stderr, "orewatch: %s\n", errorText(err))
	return exitFailure
}

// errorText is what a user sees of an error: an application error's message,
// or the whole chain for anything else (the CLI user is the operator).
func errorText(err error) string {
	var e *orewatch.Error
	if errors.As(err, &e) && e.Code != orewatch.EINTERNAL {
		return e.Error()
	}
	return err.Error()
}

func (m *Main) printUsage(w io.Writer) {
	fmt.Fprintln(w, "orewatch: critical-minerals supply-chain monitor")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: orewatch COMMAND [ARGS] [FLAGS]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command takes --help. The store is SQLite at the user's data directory")
	fmt.Fprintln(w, "unless --db or OREWATCH_DB names another file or a postgres:// URL.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 failure, 2 usage error.")
}

func closestCommand(name string) string {
	best, bestD := "", 3
	for n := range commands {
		if d := editDistance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// newFlagSet returns a flag set for a subcommand whose --help prints usage
// (the synopsis line), a summary and the flags to m.Stdout.
func (m *Main) newFlagSet(name, synopsis, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := m.Stdout
		fmt.Fprintf(w, "Usage: orewatch %s\n\n%s\n", synopsis, summary)
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(w, "\nFlags:")
			fs.SetOutput(w)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
		}
	}
	return fs
}

// addDBFlag adds --db to a command that opens the store.
func (m *Main) addDBFlag(fs *flag.FlagSet) {
	fs.Var(&dbFlag{&m.Config.DB, false}, "db", "store `DSN`: an SQLite file or a postgres:// URL (env OREWATCH_DB; default: orewatch/orewatch.db in the user's data directory)")
}

// dbFlag sets Config.DB. It shows no default in --help, so that a value
// taken from the environment (possibly holding a password) is not printed.
type dbFlag struct {
	p   *string
	set bool
}

func (f *dbFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return *f.p
}

func (f *dbFlag) Set(v string) error {
	*f.p, f.set = v, true
	return nil
}

// parseArgs parses flags that may come before, between or after positional
// arguments ("production 'rare earths' --year 2024") and returns the
// positional ones. "--" ends flag parsing. --help prints the usage and
// returns flag.ErrHelp; any other flag error is a usage error.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err // fs.Parse has printed the usage
			}
			return nil, usagef("%s: %v (see 'orewatch %s --help')", fs.Name(), err, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// printJSON writes v as indented JSON to m.Stdout.
func (m *Main) printJSON(v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// defaultDBPath is orewatch.db in the user's data directory.
func (m *Main) defaultDBPath() (string, error) {
	var dir string
	if x := m.Getenv("XDG_DATA_HOME"); x != "" {
		dir = x
	} else {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find a data directory (set --db or OREWATCH_DB): %w", err)
		}
		switch runtime.GOOS {
		case "darwin":
			dir = filepath.Join(home, "Library", "Application Support")
		case "windows":
			if a := m.Getenv("LocalAppData"); a != "" {
				dir = a
			} else {
				dir = filepath.Join(home, "AppData", "Local")
			}
		default:
			dir = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(dir, "orewatch", "orewatch.db"), nil
}

// isPostgres reports whether dsn names a PostgreSQL server.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
