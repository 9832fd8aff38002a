package imdbgen

import "testing"

// TestIDsStrictlyIncrease: the i-th title or name has a larger ID than
// the one before, at every scale, including scale 1 where the 7-digit
// part would run past 9,999,999 into the 8-digit IDs (the generator once
// wrote 570,667 repeated title IDs and 1.9 million repeated name IDs
// there).
func TestIDsStrictlyIncrease(t *testing.T) {
	t.Parallel()
	for _, n := range []int{10, 1_000, 123_000, 1_230_000, 12_300_000, 15_100_000, 16_700_000} {
		cut := min(n*6/10, 9_999_998)
		check := func(i int) {
			if i <= 0 || i >= n {
				return
			}
			if a, b := id(i-1, n), id(i, n); a >= b {
				t.Fatalf("n=%d: id(%d) = %d, id(%d) = %d", n, i-1, a, i, b)
			}
		}
		// Exhaustively near the ends and the cut; sampled in between.
		for _, centre := range []int{0, cut, n - 1} {
			for i := centre - 2000; i <= centre+2000; i++ {
				check(i)
			}
		}
		for i := 1; i < n; i += 997 {
			check(i)
		}
		if got := id(cut-1, n); got > 9_999_999 {
			t.Errorf("n=%d: the last 7-digit ID is %d", n, got)
		}
		if got := id(cut, n); got != 10_000_000 {
			t.Errorf("n=%d: the first 8-digit ID is %d, want 10000000", n, got)
		}
		if got := fmtID("tt", id(0, n)); got != "tt0000001" {
			t.Errorf("n=%d: first ID %s", n, got)
		}
	}
}
