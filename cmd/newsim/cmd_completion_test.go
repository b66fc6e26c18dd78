package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// completionScript writes `newsim completion SHELL` to a file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	code, stdout, stderr := runCode("completion", shell)
	if code != 0 {
		t.Fatalf("completion %s: exit %d: %s", shell, code, stderr)
	}
	p := filepath.Join(t.TempDir(), "newsim."+shell)
	if err := os.WriteFile(p, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// bashComplete sources the script in bash, sets COMP_WORDS and COMP_CWORD
// as readline does for the command line words (the last one being
// completed) and returns the sorted COMPREPLY.
func bashComplete(t *testing.T, script string, words ...string) []string {
	t.Helper()
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	prog := "source " + script + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
		strconv.Itoa(len(words)-1) + "\n_newsim\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
	out, err := exec.Command("bash", "--norc", "--noprofile", "-c", prog).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			got = append(got, l)
		}
	}
	sort.Strings(got)
	return got
}

func TestCompletionBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	script := completionScript(t, "bash")
	out, err := exec.Command("bash", "--norc", "--noprofile", "-c", "source "+script+" && complete -p newsim").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "complete -o default -F _newsim newsim" {
		t.Fatalf("complete -p newsim: %v %q", err, out)
	}
	tests := []struct {
		name  string
		words []string
		want  string // COMPREPLY joined by spaces; "" = none (bash completes file names)
	}{
		{"command prefix", []string{"newsim", "com"}, "compare completion"},
		{"command prefix, one match", []string{"newsim", "ver"}, "version"},
		{"version flag", []string{"newsim", "--v"}, "--version"},
		{"flag of a command", []string{"newsim", "compare", "--j"}, "--json"},
		{"flag defined by a shared helper", []string{"newsim", "stories", "--st"}, "--store"},
		{"flags of the command, not of another", []string{"newsim", "train", "--"}, "--lambda --out --pairs --xling"},
		{"flag after positional arguments", []string{"newsim", "compare", "a.txt", "--m"}, "--model"},
		{"language after --lang", []string{"newsim", "ingest", "--lang", "a"}, "ar"},
		{"language after --lang=", []string{"newsim", "compare", "--lang", "=", "t"}, "tr"},
		{"file name after a flag taking a value", []string{"newsim", "eval", "--pairs", ""}, ""},
		{"file name as an argument", []string{"newsim", "compare", "se"}, ""},
		{"shell of completion", []string{"newsim", "completion", ""}, "bash zsh"},
		{"unknown command", []string{"newsim", "nope", "--"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(bashComplete(t, script, tc.words...), " "); got != tc.want {
				t.Errorf("%q: completions %q, want %q", tc.words, got, tc.want)
			}
		})
	}
}

// The zsh script names every command of the table and, in its
// _arguments, every flag the command defines; zsh parses it when
// installed.
func TestCompletionZsh(t *testing.T) {
	script := completionScript(t, "zsh")
	b, _ := os.ReadFile(script)
	text := string(b)
	if !strings.HasPrefix(text, "#compdef newsim\n") {
		t.Errorf("no #compdef line:\n%.200s", text)
	}
	for _, c := range commands() {
		if !strings.Contains(text, "'"+c.name+":") {
			t.Errorf("command %s not offered", c.name)
		}
		for _, f := range cmdFlags(c) {
			if !strings.Contains(text, "'--"+f.name+"[") {
				t.Errorf("%s: flag --%s not offered", c.name, f.name)
			}
		}
	}
	for _, want := range []string{"'--lang[", ":language:(ar de en", "'--pairs[labelled pairs (JSON Lines, SemEval format)]:pairs:_files'", "'--json[print one JSON object]'"} {
		if !strings.Contains(text, want) {
			t.Errorf("zsh script lacks %q", want)
		}
	}
	if zsh, err := exec.LookPath("zsh"); err == nil {
		if out, err := exec.Command(zsh, "-n", script).CombinedOutput(); err != nil {
			t.Errorf("zsh -n: %v\n%s", err, out)
		}
	}
}

func TestCompletionUsage(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "fish"}, {"completion", "bash", "zsh"}} {
		if code, _, stderr := runCode(args...); code != 2 || !strings.Contains(stderr, "bash or zsh") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
}
