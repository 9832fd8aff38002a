package extract

import (
	"os"
	"strings"
	"testing"
	"time"
)

// benchText builds an announcement-like article of about n bytes.
func benchText(n int) []byte {
	para := "Vinegar Syndrome has set Ada Quince’s The Hollow Crown for release on Blu-ray and 4K Ultra HD on 10/26, with the Digital release expected on 9/17. " +
		"Extras include an audio commentary with writer-director Ada Quince and cinematographer Lu Park, deleted scenes, a gag reel and 3 trailers (One, Two, and Three). " +
		"The drama stars Nina Holt as Captain Ree and premiered at the 2021 Venice Film Festival.\n\n"
	return []byte("date 2021-09-08 " + strings.Repeat(para, max(1, n/len(para))))
}

// wordSplit is the baseline the speed requirement compares against: a
// plain word-splitting pass over the same bytes.
func wordSplit(data []byte) int { return len(strings.Fields(string(data))) }

func benchmarkExtract(b *testing.B, n int) {
	x := New()
	data := benchText(n)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := x.Extract(data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkWordSplit(b *testing.B, n int) {
	data := benchText(n)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		_ = wordSplit(data)
	}
}

func BenchmarkExtract1KB(b *testing.B)     { benchmarkExtract(b, 1<<10) }
func BenchmarkExtract100KB(b *testing.B)   { benchmarkExtract(b, 100<<10) }
func BenchmarkExtract10MB(b *testing.B)    { benchmarkExtract(b, 10<<20) }
func BenchmarkWordSplit1KB(b *testing.B)   { benchmarkWordSplit(b, 1<<10) }
func BenchmarkWordSplit100KB(b *testing.B) { benchmarkWordSplit(b, 100<<10) }

// speed is one same-run measurement of extraction against word
// splitting. The two are interleaved round by round, so load from other
// processes on a shared machine falls on both alike.
type speed struct {
	// bytes extracted in extract; words is the time word splitting took.
	bytes                int
	extract, words       time.Duration
	extractMBs, wordsMBs float64
}

// ratio is extraction throughput as a fraction of word-split throughput.
func (s speed) ratio() float64 { return s.extractMBs / s.wordsMBs }

// nsPerByte is the extraction cost per input byte.
func (s speed) nsPerByte() float64 { return float64(s.extract.Nanoseconds()) / float64(s.bytes) }

// measureSpeed extracts an n-byte article and word-splits it, in
// alternating blocks of about 20 ms each, until extraction has taken at
// least budget, and returns the totals. Both sides are timed in process
// CPU time (see cpuTime), so each pays for its own garbage collection.
func measureSpeed(x *Extractor, n int, budget time.Duration) speed {
	data := benchText(n)
	extract := func() {
		if _, err := x.Extract(data, Options{}); err != nil {
			panic(err)
		}
	}
	split := func() { _ = wordSplit(data) }
	// reps returns how many runs of f take about 20 ms.
	reps := func(f func()) int {
		n := 1
		for {
			t0 := cpuTime()
			for range n {
				f()
			}
			if d := cpuTime() - t0; d > 20*time.Millisecond || n >= 1<<16 {
				return n
			}
			n *= 2
		}
	}
	xn, wn := reps(extract), reps(split)
	var s speed
	xbytes, wbytes := 0, 0
	for s.extract < budget {
		t0 := cpuTime()
		for range xn {
			extract()
		}
		t1 := cpuTime()
		for range wn {
			split()
		}
		t2 := cpuTime()
		s.extract += t1 - t0
		s.words += t2 - t1
		xbytes += xn * len(data)
		wbytes += wn * len(data)
	}
	s.bytes = xbytes
	s.extractMBs = float64(xbytes) / 1e6 / s.extract.Seconds()
	s.wordsMBs = float64(wbytes) / 1e6 / s.words.Seconds()
	return s
}

// BenchmarkSpeedRatio reports, for a 1 KB and a 100 KB article measured
// in the same run, the throughput of extraction and of word splitting
// (extract-MB/s, words-MB/s) and their ratio (x-wordsplit; the
// requirement is >= 0.03). The 100 KB case also reports its per-byte
// cost relative to the 1 KB one (cost-vs-1KB; the requirement is <=
// 1.5). Run it with
//
//	go test ./internal/extract -run '^$' -bench SpeedRatio -benchtime 3x
func BenchmarkSpeedRatio(b *testing.B) {
	x := New()
	var small speed
	for _, size := range []struct {
		name string
		n    int
	}{{"1KB", 1 << 10}, {"100KB", 100 << 10}} {
		b.Run(size.name, func(b *testing.B) {
			var s speed
			for b.Loop() {
				s = measureSpeed(x, size.n, 500*time.Millisecond)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(s.extractMBs, "extract-MB/s")
			b.ReportMetric(s.wordsMBs, "words-MB/s")
			b.ReportMetric(s.ratio(), "x-wordsplit")
			if size.n == 1<<10 {
				small = s
			} else if small.bytes > 0 {
				b.ReportMetric(s.nsPerByte()/small.nsPerByte(), "cost-vs-1KB")
			}
		})
	}
}

// TestSpeedRequirement checks the speed requirement: extraction at least
// 0.03x the throughput of word splitting on 1 KB and 100 KB articles,
// and a 100 KB article costing at most 1.5x per byte what a 1 KB one
// does. Timing on a shared machine is noisy, so it runs only when asked:
//
//	MARQUEE_SPEED=1 go test ./internal/extract -run SpeedRequirement -v
func TestSpeedRequirement(t *testing.T) {
	if os.Getenv("MARQUEE_SPEED") == "" {
		t.Skip("set MARQUEE_SPEED=1 to measure")
	}
	x := New()
	small := measureSpeed(x, 1<<10, time.Second)
	large := measureSpeed(x, 100<<10, time.Second)
	for _, c := range []struct {
		name string
		s    speed
	}{{"1KB", small}, {"100KB", large}} {
		t.Logf("%-5s extract %7.2f MB/s  word split %7.2f MB/s  ratio %.3fx", c.name, c.s.extractMBs, c.s.wordsMBs, c.s.ratio())
		if c.s.ratio() < 0.03 {
			t.Errorf("%s: extraction runs at %.3fx word splitting, want >= 0.03x", c.name, c.s.ratio())
		}
	}
	cost := large.nsPerByte() / small.nsPerByte()
	t.Logf("per-byte cost 100KB/1KB %.2f (%.0f vs %.0f ns/byte)", cost, large.nsPerByte(), small.nsPerByte())
	if cost > 1.5 {
		t.Errorf("a 100 KB article costs %.2fx per byte what a 1 KB one does, want <= 1.5x", cost)
	}
}
