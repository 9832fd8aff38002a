package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func collect[T any](runs []wrkResult, f func(wrkResult) T) []T {
	out := make([]T, len(runs))
	for i, r := range runs {
		out[i] = f(r)
	}
	return out
}

// report prints a Markdown table of the medians and ratios.
func report(w io.Writer, o *options, targets []*target) {
	base := targets[0]
	baseRPS := median(collect(base.runs, func(r wrkResult) float64 { return r.RPS }))
	fmt.Fprintf(w, "\n%d rounds x %s, wrk -t%d -c%d; medians (min-max) of requests/s; ratio = median / baseline median\n\n",
		o.rounds, o.duration, o.threads, o.conns)
	fmt.Fprintln(w, "| target | path | body | req/s median (min–max) | ratio | target | p50 | p99 |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |")
	for _, t := range targets {
		rps := collect(t.runs, func(r wrkResult) float64 { return r.RPS })
		med := median(rps)
		ratio, goal := "", ""
		if t != base {
			ratio = fmt.Sprintf("%.3f", med/baseRPS)
		}
		if t.target > 0 {
			verdict := "met"
			if med/baseRPS < t.target {
				verdict = "MISSED"
			}
			goal = fmt.Sprintf("≥ %.2f %s", t.target, verdict)
		}
		path := t.path
		if t.script != "" {
			path = "/films/… (rotating)"
		}
		fmt.Fprintf(w, "| %s | `%s` | %s | %s (%s–%s) | %s | %s | %s | %s |\n", t.name, path, bytesLabel(t.bodyBytes),
			thousands(med), thousands(slices.Min(rps)), thousands(slices.Max(rps)), ratio, goal,
			latency(median(collect(t.runs, func(r wrkResult) time.Duration { return r.P50 }))),
			latency(median(collect(t.runs, func(r wrkResult) time.Duration { return r.P99 }))))
	}
	var errs []string
	for _, t := range targets {
		for _, r := range t.runs {
			if r.Errors != "" {
				errs = append(errs, t.name+": "+r.Errors)
			}
		}
	}
	if len(errs) > 0 {
		fmt.Fprintln(w, "\nwrk reported errors:\n  "+strings.Join(errs, "\n  "))
	}
}

func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func bytesLabel(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}

func latency(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%d µs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
