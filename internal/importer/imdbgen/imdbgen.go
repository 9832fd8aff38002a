// Package imdbgen writes a synthetic IMDb dataset: the seven gzipped TSV
// files with the real columns, IDs in order (7-digit, then 8-digit),
// realistic null rates and list lengths, bare double quotes and
// non-ASCII names, and row counts proportional to the 2026 files
// (scale 1 ≈ 12.3M titles, 15.1M people, 98M principals, 55M
// alternative titles, 12.3M crew rows, 9.5M episodes, 1.6M ratings).
// The same scale and seed always give the same bytes.
package imdbgen

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// Counts at scale 1.
const (
	fullTitles     = 12_300_000
	fullNames      = 15_100_000
	fullPrincipals = 98_000_000
	fullAkas       = 55_000_000
	fullEpisodes   = 9_500_000
	fullRatings    = 1_600_000
)

// ds is the shape of one generated dataset, shared by the file writers.
type ds struct {
	seed                       uint64
	titles, names              int
	principals, akas, episodes int
	ratings                    int
}

// id maps an index to an ID: the first 60% are 7-digit IDs with small
// gaps, the rest 8-digit IDs from 10,000,000, as in the real files. IDs
// strictly increase with i: at full scale, where 60% of the names is
// over 9 million, the 7-digit gaps shrink so that they stay below
// 10,000,000 (and above scale 1.1 fewer than 60% are 7-digit).
func id(i, n int) int64 {
	cut := min(int64(n*6/10), 9_999_998) // at most that many 7-digit IDs
	if int64(i) < cut {
		if cut*3/2 < 9_999_999 {
			return int64(i)*3/2 + 1
		}
		return int64(i)*9_999_998/cut + 1
	}
	return 10_000_000 + (int64(i)-cut)*5/4
}

func tt(i, n int) string { return fmtID("tt", id(i, n)) }
func nm(i, n int) string { return fmtID("nm", id(i, n)) }

func fmtID(p string, v int64) string {
	s := strconv.FormatInt(v, 10)
	if len(s) < 7 {
		s = strings.Repeat("0", 7-len(s)) + s
	}
	return p + s
}

// Generate writes the seven files into dir.
func Generate(dir string, scale float64, seed uint64, gz bool) error {
	if scale <= 0 {
		return fmt.Errorf("scale must be positive")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := func(full int) int { return max(10, int(float64(full)*scale)) }
	d := ds{seed: seed, titles: n(fullTitles), names: n(fullNames), principals: n(fullPrincipals),
		akas: n(fullAkas), episodes: n(fullEpisodes), ratings: n(fullRatings)}
	writers := map[string]func(w *bufio.Writer){
		"title.basics":     d.basics,
		"name.basics":      d.namesFile,
		"title.akas":       d.akasFile,
		"title.principals": d.principalsFile,
		"title.crew":       d.crew,
		"title.episode":    d.episode,
		"title.ratings":    d.ratingsFile,
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(writers))
	for name, write := range writers {
		wg.Go(func() {
			ext := ".tsv"
			if gz {
				ext = ".tsv.gz"
			}
			f, err := os.Create(filepath.Join(dir, name+ext))
			if err != nil {
				errs <- err
				return
			}
			defer f.Close()
			var bw *bufio.Writer
			var zw *gzip.Writer
			if gz {
				zw, _ = gzip.NewWriterLevel(f, gzip.DefaultCompression)
				bw = bufio.NewWriterSize(zw, 1<<20)
			} else {
				bw = bufio.NewWriterSize(f, 1<<20)
			}
			write(bw)
			if err := bw.Flush(); err != nil {
				errs <- err
				return
			}
			if zw != nil {
				if err := zw.Close(); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func (d ds) rng(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(d.seed, stream)) }

// titleType is deterministic per title index, so every file agrees.
func (d ds) titleType(i int) string {
	r := rand.New(rand.NewPCG(d.seed^0x7e57, uint64(i)))
	x := r.IntN(1000)
	switch {
	case d.episodes*1000/d.titles > x: // ≈ 77% episodes
		return "tvEpisode"
	case x < 840:
		return "short"
	case x < 905:
		return "movie"
	case x < 925:
		return "video"
	case x < 945:
		return "tvSeries"
	case x < 957:
		return "tvMovie"
	case x < 967:
		return "tvMiniSeries"
	case x < 977:
		return "tvSpecial"
	case x < 987:
		return "videoGame"
	default:
		return "tvShort"
	}
}

var (
	words = []string{"Night", "Harbour", "Red", "Rocket", "Love", "Story", "The", "Last", "Summer", "City", "Dark", "Blue",
		"Quiet", "Return", "River", "House", "Ghost", "King", "Star", "War", "Girl", "Boy", "Dream", "Road", "Fire", "Winter",
		"Amélie", "Ærø", "Straße", "Cœur", "Mañana", "Düsseldorf", "Søn", "Ísland", "Żółć", "Şehir", "東京", "Москва", "Ελλάδα"}
	firsts = []string{"Sean", "Anna", "Jean", "Zoë", "José", "Björk", "Ingrid", "Chloé", "Ólafur", "Agnès", "Renée", "Søren",
		"Mei", "Hiro", "Ali", "Fatima", "John", "Mary", "Pedro", "Łucja", "Ştefan", "Nguyễn", "Ève", "Jürgen"}
	lasts = []string{"Baker", "Smith", "Müller", "García", "Núñez", "Dubois", "Øvergaard", "Kowalski", "Tanaka", "O'Brien",
		"Brontë", "Sjöberg", "Çelik", "Ngô", "Lefèvre", "Rossi", "Khan", "Jones", "Petrović", "Zoë"}
	genres     = []string{"Drama", "Comedy", "Documentary", "Short", "Action", "Romance", "Thriller", "Horror", "Crime", "Family", "Animation", "Music"}
	regions    = []string{"US", "GB", "FR", "DE", "JP", "IT", "ES", "BR", "IN", "SE", "\\N", "XWW"}
	langs      = []string{"\\N", "\\N", "\\N", "en", "fr", "ja", "de", "es"}
	categories = []string{"actor", "actress", "self", "director", "writer", "producer", "composer", "cinematographer",
		"editor", "production_designer", "casting_director", "archive_footage"}
	professions = []string{"actor", "actress", "director", "writer", "producer", "composer", "editor", "miscellaneous", "camera_department"}
)

func title(r *rand.Rand) string {
	if r.IntN(200) == 0 {
		return `"Swing it" magistern`
	}
	n := 1 + r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(parts, " ")
	if r.IntN(50) == 0 {
		s = `"` + s + `" ` + words[r.IntN(len(words))]
	}
	return s
}

func name(r *rand.Rand) string {
	return firsts[r.IntN(len(firsts))] + " " + lasts[r.IntN(len(lasts))]
}

func yearOrNull(r *rand.Rand, nullPct int) string {
	if r.IntN(100) < nullPct {
		return `\N`
	}
	return strconv.Itoa(1890 + r.IntN(137))
}

func (d ds) basics(w *bufio.Writer) {
	r := d.rng(1)
	w.WriteString("tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n")
	for i := range d.titles {
		t := title(r)
		orig := t
		if r.IntN(10) == 0 {
			orig = title(r)
		}
		ttype := d.titleType(i)
		end := `\N`
		if ttype == "tvSeries" && r.IntN(2) == 0 {
			end = strconv.Itoa(1950 + r.IntN(76))
		}
		rt := `\N`
		if r.IntN(100) < 30 {
			rt = strconv.Itoa(1 + r.IntN(180))
		}
		g := `\N`
		if r.IntN(100) >= 5 {
			k := 1 + r.IntN(3)
			gs := make([]string, k)
			for j := range gs {
				gs[j] = genres[(r.IntN(len(genres))+j)%len(genres)]
			}
			g = strings.Join(gs, ",")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", tt(i, d.titles), ttype, t, orig, r.IntN(50)/49, yearOrNull(r, 10), end, rt, g)
	}
}

func (d ds) namesFile(w *bufio.Writer) {
	r := d.rng(2)
	w.WriteString("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n")
	for i := range d.names {
		birth, death := `\N`, `\N`
		if r.IntN(100) < 10 {
			b := 1850 + r.IntN(160)
			birth = strconv.Itoa(b)
			if r.IntN(3) == 0 {
				death = strconv.Itoa(b + 20 + r.IntN(70))
			}
		}
		prof := `\N`
		if r.IntN(100) < 80 {
			prof = strings.Join([]string{professions[r.IntN(len(professions))], professions[r.IntN(len(professions))]}, ",")
		}
		known := `\N`
		if k := r.IntN(5); k > 0 {
			ids := make([]string, k)
			for j := range ids {
				ids[j] = tt(r.IntN(d.titles), d.titles)
			}
			known = strings.Join(ids, ",")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", nm(i, d.names), name(r), birth, death, prof, known)
	}
}

// spread gives each title a number of rows so that they sum to about total.
func spread(r *rand.Rand, total, titles int) func() int {
	avg := float64(total) / float64(titles)
	return func() int {
		// Geometric-ish: many small, some large.
		x := r.ExpFloat64() * avg
		return int(x + 0.5)
	}
}

func (d ds) akasFile(w *bufio.Writer) {
	r := d.rng(3)
	w.WriteString("titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n")
	next := spread(r, d.akas, d.titles)
	for i := range d.titles {
		for o, k := 1, next(); o <= k; o++ {
			types, attrs, orig := `\N`, `\N`, "0"
			if o == 1 {
				types, orig = "original", "1"
			} else if r.IntN(4) == 0 {
				types = "imdbDisplay"
			}
			if r.IntN(20) == 0 {
				attrs = "literal English title"
			}
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", tt(i, d.titles), o, title(r), regions[r.IntN(len(regions))], langs[r.IntN(len(langs))], types, attrs, orig)
		}
	}
}

func (d ds) principalsFile(w *bufio.Writer) {
	r := d.rng(4)
	w.WriteString("tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
	next := spread(r, d.principals, d.titles)
	for i := range d.titles {
		for o, k := 1, next(); o <= k; o++ {
			cat := categories[r.IntN(len(categories))]
			job, chars := `\N`, `\N`
			switch cat {
			case "actor", "actress":
				switch r.IntN(10) {
				case 0:
					chars = `["` + name(r) + `","Narrator"]`
				case 1:
					chars = `["Jack \"The Knife\" ` + lasts[r.IntN(len(lasts))] + `"]`
				default:
					chars = `["` + firsts[r.IntN(len(firsts))] + `"]`
				}
			case "self", "archive_footage":
				chars = `["Self"]`
			case "writer":
				if r.IntN(2) == 0 {
					job = "screenplay"
				}
			case "producer":
				job = "producer"
			}
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\n", tt(i, d.titles), o, nm(r.IntN(d.names), d.names), cat, job, chars)
		}
	}
}

func (d ds) crew(w *bufio.Writer) {
	r := d.rng(5)
	w.WriteString("tconst\tdirectors\twriters\n")
	list := func(max int) string {
		k := r.IntN(max + 1)
		if k == 0 {
			return `\N`
		}
		ids := make([]string, k)
		for j := range ids {
			ids[j] = nm(r.IntN(d.names), d.names)
		}
		return strings.Join(ids, ",")
	}
	for i := range d.titles {
		wmax := 3
		if r.IntN(2000) == 0 {
			wmax = 400 // a few titles credit hundreds of writers
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", tt(i, d.titles), list(2), list(wmax))
	}
}

func (d ds) episode(w *bufio.Writer) {
	r := d.rng(6)
	w.WriteString("tconst\tparentTconst\tseasonNumber\tepisodeNumber\n")
	lastSeries := 0
	for i := range d.titles {
		switch d.titleType(i) {
		case "tvSeries", "tvMiniSeries":
			lastSeries = i
		case "tvEpisode":
			s, e := `\N`, `\N`
			if r.IntN(100) < 80 {
				s, e = strconv.Itoa(1+r.IntN(10)), strconv.Itoa(1+r.IntN(24))
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", tt(i, d.titles), tt(lastSeries, d.titles), s, e)
		}
	}
}

func (d ds) ratingsFile(w *bufio.Writer) {
	r := d.rng(7)
	w.WriteString("tconst\taverageRating\tnumVotes\n")
	p := float64(d.ratings) / float64(d.titles)
	for i := range d.titles {
		if r.Float64() >= p {
			continue
		}
		votes := int(5 + r.ExpFloat64()*r.ExpFloat64()*200)
		if r.IntN(1000) == 0 {
			votes = 100000 + r.IntN(2000000)
		}
		fmt.Fprintf(w, "%s\t%.1f\t%d\n", tt(i, d.titles), 1+r.Float64()*9, votes)
	}
}
