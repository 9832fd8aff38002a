// Command summary reads `go test -bench` output from the sqlitebench driver
// packages (as written by run.sh) and prints a Markdown table with, per
// benchmark and driver, the median throughput, the min–max range, and the
// ratio of each driver's median to modernc's.
//
// Usage: go run ./cmd/summary results.txt
package main

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var (
	drivers  = []string{"modernc", "mattn", "ncruces"}
	pkgRE    = regexp.MustCompile(`^pkg: (\S+)`)
	benchRE  = regexp.MustCompile(`^Benchmark(\S+?)(-\d+)?\s+\d+\s+\S+ ns/op\s+(\S+) (\S+)`)
	sqlVerRE = regexp.MustCompile(`^sqlite_version: (\S+)`)
	driverRE = regexp.MustCompile(`^driver: (\S+)`)
)

type key struct{ bench, driver string }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: summary results.txt")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()

	vals := map[key][]float64{}
	units := map[string]string{}
	var benches []string
	versions := map[string]string{}
	var pkg, lastDriver string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := driverRE.FindStringSubmatch(line); m != nil {
			lastDriver = m[1]
		}
		if m := sqlVerRE.FindStringSubmatch(line); m != nil {
			versions[lastDriver] = m[1]
		}
		if m := pkgRE.FindStringSubmatch(line); m != nil {
			pkg = path.Base(m[1])
		}
		if m := benchRE.FindStringSubmatch(line); m != nil {
			v, err := strconv.ParseFloat(m[3], 64)
			if err != nil {
				continue
			}
			if !slices.Contains(benches, m[1]) {
				benches = append(benches, m[1])
			}
			units[m[1]] = m[4]
			k := key{m[1], pkg}
			vals[k] = append(vals[k], v)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	var hdr, sep strings.Builder
	hdr.WriteString("| benchmark | unit |")
	sep.WriteString("| --- | --- |")
	for _, d := range drivers {
		fmt.Fprintf(&hdr, " %s median (min–max, n) |", d)
		sep.WriteString(" ---: |")
	}
	hdr.WriteString(" mattn / modernc | ncruces / modernc |")
	sep.WriteString(" ---: | ---: |")
	fmt.Println(hdr.String())
	fmt.Println(sep.String())
	for _, b := range benches {
		med := map[string]float64{}
		fmt.Printf("| %s | %s |", b, units[b])
		for _, d := range drivers {
			v := vals[key{b, d}]
			if len(v) == 0 {
				fmt.Print(" – |")
				continue
			}
			med[d] = median(v)
			fmt.Printf(" %s (%s–%s, %d) |", human(med[d]), human(slices.Min(v)), human(slices.Max(v)), len(v))
		}
		for _, d := range drivers[1:] {
			if med["modernc"] == 0 || med[d] == 0 {
				fmt.Print(" – |")
				continue
			}
			fmt.Printf(" %.2fx |", med[d]/med["modernc"])
		}
		fmt.Println()
	}
	fmt.Println()
	for _, d := range slices.Sorted(maps.Keys(versions)) {
		fmt.Printf("- %s: SQLite %s\n", d, versions[d])
	}
}

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// human formats a rate with thousands separators, rounded to integers.
func human(f float64) string {
	s := strconv.FormatInt(int64(f+0.5), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
