package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeRefusesNonLoopbackWithoutToken(t *testing.T) {
	t.Setenv("NEWSIM_TOKEN", "")
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		var out, errb bytes.Buffer
		if code := run([]string{"serve", "--no-store", "--addr", addr}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "without a token") {
			t.Errorf("serve --addr %s without a token: exit %d, stderr %q", addr, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "extra-arg"}, &out, &errb); code != 2 {
		t.Errorf("serve with an argument: exit %d, want 2 (usage)", code)
	}
}

// The real binary: starts, serves the API with its token, and exits 0 on
// SIGTERM after a graceful shutdown.
func TestServeProcessStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--store", filepath.Join(dir, "s.db"), "--log-json")
	cmd.Env = append(os.Environ(), "NEWSIM_TOKEN=tok")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v; stderr %s", err, stderr.String())
	}
	base := strings.TrimSuffix(strings.Fields(strings.SplitN(line, "serving on ", 2)[1])[0], "/")
	post := func(auth string) int {
		req, _ := http.NewRequest("POST", base+"/v1/articles", strings.NewReader(`{"title":"Harbour fire","text":"A fire broke out in the Hamburg harbour on Tuesday night.","lang":"en"}`))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := post(""); c != 401 {
		t.Errorf("ingest without token: %d", c)
	}
	if c := post("Bearer tok"); c != 201 {
		t.Errorf("ingest with token: %d", c)
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v; stderr %s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still running 20 s after SIGTERM")
	}
	for _, want := range []string{`"msg":"listening"`, `"msg":"request"`, `"route":"POST /v1/articles"`, `"msg":"stopped"`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("logs lack %s", want)
		}
	}
}
