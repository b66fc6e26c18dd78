// Command newsim tells which news articles cover the same story and how
// they differ. Run `newsim help` for the commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// command is one subcommand: run parses its own flags from args.
type command struct {
	name, args, help string
	run              func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"compare", "[--json] [--lang L] A B", "rate two articles on the seven dimensions, with evidence", runCompare},
		{"score", "--pairs FILE.jsonl [--out FILE]", "score every pair of a pairs file, one JSON line each", runScore},
		{"eval", "--pairs FILE.jsonl [--folds K]", "cross-validated Pearson/Spearman per language, against a TF-IDF baseline", runEval},
		{"train", "--pairs FILE.jsonl [--out FILE]", "fit the model on labelled pairs and write the model file", runTrain},
		{"bench", "--pairs FILE.jsonl", "measure analysis and comparison speed", runBench},
		{"ingest", "[--store PATH] FILE|DIR|- ...", "add articles to the store and group them into stories", runIngest},
		{"stories", "[--store PATH] [--since DUR] [--json]", "list stories, biggest first", runStories},
		{"story", "[--store PATH] [--json] ID", "show one story as a timeline", runStory},
		{"similar", "[--store PATH] [--json] FILE", "find stored articles covering the same story", runSimilar},
		{"dupes", "[--store PATH] [--json]", "list near-duplicate groups (wire copy, reposts)", runDupes},
		{"prune", "[--store PATH] --before DATE", "remove articles older than DATE", runPrune},
		{"check", "[--store PATH] [--json]", "check the store: SQLite's integrity and newsim's invariants (exit 1 on problems)", runCheck},
		{"eval-stories", "--pairs FILE.jsonl", "precision/recall/F1 of the same-story decision", runEvalStories},
		{"serve", "[--addr HOST:PORT] [--store PATH]", "serve the HTTP API and web page", runServe},
		{"version", "[--json] [--model FILE]", "print the version, VCS revision, model fingerprint and training data", runVersion},
		{"completion", "bash|zsh", "print a shell completion script (source it, or see 'newsim completion -h')", runCompletion},
		{"publish", "--nats URL FILE|DIR|- ...", "publish articles to NATS JetStream for workers", runPublish},
		{"worker", "--nats URL --store URL", "ingest published articles into a shared store (any number of them)", runWorker},
		{"watch", "--nats URL [--json]", "print story events (created, grew, merged) as workers commit them", runWatch},
	}
}

// usageError marks a command-line mistake (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usage(w io.Writer) {
	fmt.Fprintln(w, "newsim: which news articles cover the same story, and how they differ")
	fmt.Fprintln(w, "\nusage: newsim COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n  %-13s   %s\n", c.name, c.args, "", c.help)
	}
	fmt.Fprintln(w, "\nRun 'newsim COMMAND -h' for a command's flags.")
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status: 0 success,
// 1 failure, 2 usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(args[1:], stdout, stderr)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "newsim %s: %v\nusage: newsim %s %s\n", c.name, err, c.name, c.args)
			return 2
		default:
			fmt.Fprintf(stderr, "newsim %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "newsim: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// flags returns a FlagSet for a command that reports errors as usage
// errors instead of exiting.
func flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("newsim "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if fc, ok := stderr.(*flagCollector); ok {
		fc.sets = append(fc.sets, fs) // completion reads the command's flags
	}
	return fs
}

// parse parses args into fs, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
