package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// wrkResult is what one wrk run measured.
type wrkResult struct {
	RPS      float64
	P50, P99 time.Duration
	Requests int64
	Errors   string // socket errors or non-2xx responses, "" when none
}

// wrkArgs are the arguments of one run against url.
func (o *options) wrkArgs(url string, d time.Duration, script string) []string {
	args := []string{"-t" + strconv.Itoa(o.threads), "-c" + strconv.Itoa(o.conns), "-d" + strconv.Itoa(int(d.Seconds())) + "s", "--latency"}
	if script != "" {
		args = append(args, "-s", script)
	}
	return append(args, url)
}

// runWrk runs wrk once and parses its report.
func (o *options) runWrk(ctx context.Context, url string, d time.Duration, script string) (wrkResult, error) {
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, o.wrk, o.wrkArgs(url, d, script)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %w\n%s", url, err, out)
	}
	if o.verbose {
		fmt.Fprintf(os.Stderr, "%s", out)
	}
	return parseWrk(string(out))
}

// parseWrk reads the lines of wrk's report that the benchmark uses:
//
//	  Latency Distribution
//	     50%  510.00us
//	     99%    3.21ms
//	  123456 requests in 10.00s, 1.23GB read
//	  Non-2xx or 3xx responses: 12
//	Requests/sec:  12345.67
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	var errs []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		fields := strings.Fields(line)
		switch {
		case strings.HasPrefix(line, "Requests/sec:") && len(fields) == 2:
			v, err := strconv.ParseFloat(fields[1], 64)
			if err != nil {
				return r, fmt.Errorf("wrk: bad requests/sec line %q", line)
			}
			r.RPS = v
		case strings.HasPrefix(line, "50%") && len(fields) == 2:
			r.P50 = wrkDuration(fields[1])
		case strings.HasPrefix(line, "99%") && len(fields) == 2:
			r.P99 = wrkDuration(fields[1])
		case len(fields) > 2 && fields[1] == "requests" && fields[2] == "in":
			r.Requests, _ = strconv.ParseInt(fields[0], 10, 64)
		case strings.HasPrefix(line, "Non-2xx or 3xx responses:"), strings.HasPrefix(line, "Socket errors:"):
			errs = append(errs, line)
		}
	}
	if r.RPS == 0 {
		return r, fmt.Errorf("wrk: no requests/sec in its output:\n%s", out)
	}
	r.Errors = strings.Join(errs, "; ")
	return r, nil
}

// wrkDuration parses wrk's latency figures: "510.00us", "3.21ms", "1.02s",
// "2.00m".
func wrkDuration(s string) time.Duration {
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"m", time.Minute}, {"s", time.Second}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 0
			}
			return time.Duration(f * float64(u.unit))
		}
	}
	return 0
}

// rotationScript writes a wrk Lua script that requests paths in turn,
// each wrk thread starting at a different place, and returns its file.
func rotationScript(dir string, paths []string) (string, error) {
	var b strings.Builder
	b.WriteString("local paths = {\n")
	for _, p := range paths {
		b.WriteString("  " + strconv.Quote(p) + ",\n")
	}
	// setup runs in the main Lua state and numbers the threads; each
	// thread starts at its own offset so that they do not walk in step.
	b.WriteString("}\nlocal threads = 0\nlocal i = 0\n")
	b.WriteString("setup = function(thread)\n  thread:set(\"id\", threads)\n  threads = threads + 1\nend\n")
	b.WriteString("init = function(args)\n  i = ((id or 0) * 7919) % #paths\nend\n")
	b.WriteString("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
	f, err := os.CreateTemp(dir, "rotate-*.lua")
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, err = f.WriteString(b.String())
	return f.Name(), err
}
