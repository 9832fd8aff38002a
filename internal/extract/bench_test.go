package extract

import (
	"strings"
	"testing"
)

// benchText builds an announcement-like article of about n bytes.
func benchText(n int) []byte {
	para := "Vinegar Syndrome has set Ada Quince’s The Hollow Crown for release on Blu-ray and 4K Ultra HD on 10/26, with the Digital release expected on 9/17. " +
		"Extras include an audio commentary with writer-director Ada Quince and cinematographer Lu Park, deleted scenes, a gag reel and 3 trailers (One, Two, and Three). " +
		"The drama stars Nina Holt as Captain Ree and premiered at the 2021 Venice Film Festival.\n\n"
	return []byte("date 2021-09-08 " + strings.Repeat(para, max(1, n/len(para))))
}

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
		_ = strings.Fields(string(data))
	}
}

func BenchmarkExtract1KB(b *testing.B)     { benchmarkExtract(b, 1<<10) }
func BenchmarkExtract100KB(b *testing.B)   { benchmarkExtract(b, 100<<10) }
func BenchmarkWordSplit1KB(b *testing.B)   { benchmarkWordSplit(b, 1<<10) }
func BenchmarkWordSplit100KB(b *testing.B) { benchmarkWordSplit(b, 100<<10) }
