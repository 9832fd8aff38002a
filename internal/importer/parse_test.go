package importer

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/store"
)

func TestParseExamples(t *testing.T) {
	row, _, reason := parseLine(specs["title.basics"], []byte("tt10000001\tmovie\t\"Swing it\" magistern\t\\N\t0\t1940\t\\N\t\\N\tComedy,Drama"), nil)
	if reason != "" {
		t.Fatal(reason)
	}
	if row[0] != int64(10000001) || row[2] != `"Swing it" magistern` || row[3] != "" || row[11] != `["comedy","drama"]` || row[6] != "swing-it-magistern-1940-tt10000001" {
		t.Errorf("row %q", row)
	}
	row, _, reason = parseLine(specs["title.principals"], []byte(`tt0000001	2	nm0000002	actor	\N	["A \"B\" C","Self"]`), nil)
	if reason != "" || row[5] != `A "B" C / Self` {
		t.Errorf("characters: %q %s", row, reason)
	}
	for _, bad := range []string{"tt000001\tmovie\tX\t\\N\t0\t\\N\t\\N\t\\N\t\\N", "tt0000001\tmovie\t\t\\N\t0\t\\N\t\\N\t\\N\t\\N", "tt0000001\tmovie\tX\t\\N\t2\t\\N\t\\N\t\\N\t\\N"} {
		if _, _, reason := parseLine(specs["title.basics"], []byte(bad), nil); reason == "" {
			t.Errorf("accepted %q", bad)
		}
	}
}

// FuzzParseLine: no input panics, and an accepted row has the table's
// column count and only text both databases keep.
func FuzzParseLine(f *testing.F) {
	f.Add("title.basics", "tt0000001\tshort\tCarmencita\t\\N\t0\t1894\t\\N\t1\tDocumentary,Short")
	f.Add("title.principals", "tt0000001\t1\tnm1588970\tself\t\\N\t[\"Self\"]")
	f.Add("title.principals", "tt0000001\t1\tnm1588970\tactor\t\\N\t[\"a\\u0000b\"]")
	f.Add("name.basics", "nm0000001\tFred Astaire\t1899\t1987\tactor,miscellaneous\ttt0050419,tt0053137")
	f.Add("title.akas", "tt0000001\t1\tКарменсіта\tUA\t\\N\timdbDisplay\t\\N\t0")
	f.Add("title.crew", "tt0000001\tnm0005690\t\\N")
	f.Add("title.episode", "tt0041951\ttt0041038\t1\t9")
	f.Add("title.ratings", "tt0000001\t5.7\t2100")
	f.Fuzz(func(t *testing.T, file, line string) {
		spec, ok := specs[file]
		if !ok {
			return
		}
		row, _, reason := parseLine(spec, []byte(line), nil)
		// Inside a chunk (fields as substrings of the chunk), the same.
		p := newRowParser(spec)
		buf := []byte("x\n" + line + "\nyz")
		p.setChunk(buf, 1)
		inChunk, chunkReason := p.parse(buf[2 : 2+len(line)])
		if chunkReason != reason || fmt.Sprintf("%#v", inChunk) != fmt.Sprintf("%#v", row) {
			t.Fatalf("in a chunk: %#v %q; alone: %#v %q", inChunk, chunkReason, row, reason)
		}
		if reason != "" {
			if row != nil {
				t.Fatalf("rejected with a row: %q", row)
			}
			return
		}
		if len(row) != len(store.IMDbTables[file].Columns) {
			t.Fatalf("%d values for %d columns", len(row), len(store.IMDbTables[file].Columns))
		}
		if _, ok := row[0].(int64); !ok {
			t.Fatalf("key %T", row[0])
		}
		for _, v := range row {
			if s, ok := v.(string); ok && (!utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0) {
				t.Fatalf("value %q is not storable text", s)
			}
		}
	})
}
