// Package synth writes labelled training announcements of its own: short
// articles about invented films, built from sentence patterns that real
// announcements use (a title coming to a format on a date from a label, a
// possessive credit, a year in parentheses, a roundup list, a festival
// premiere, a list of extras), mixed with sentences that name films only
// in passing, places, companies and people who are not credited.
//
// The corpus alone has too few examples of the commonest patterns for a
// model to learn them (a two-word title opening a sentence that puts it
// on Blu-ray is not rare in news, but it is rare in 37 articles), so
// cmd/marquee-fit adds these articles to the corpus's development part
// when it fits the weights. Everything here is written for the purpose;
// nothing comes from the corpus.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"github.com/marquee-film/marquee/internal/extract"
)

var (
	titleWords = strings.Fields(`Paper Lanterns Quiet Rivers Harbour Lights Salt Meridian Crimson Tide Winter Ferry Glass
		Orchard Copper Sky Blue Vein Stone Harbor Hollow Crown Night Shift Iron Bell Velvet Hour Northern Wake Silent
		Engine Amber Widow Lost Signal Burning Field Pale Horse Silver Thread Black Water Red Meadow Golden Cage Empty
		Rooms Broken Compass Cold Summer Last Orbit Distant Shore Bitter Root Hidden Valley Sleeping Giant Wild Season
		Falling Star Lonely Planet Morning Ghost Electric Garden Paper Moon Sand Castle Burning Bridge Open Road Mirror
		Lake Dark Tower Salt Marsh Crooked House Foreign Land Narrow Gate Second Skin Wolf Moon Fever Dream Midnight
		Carnival Sweet Poison Lucky Strike Grey Area Wicked Game Tender Mercy Deep Cover Long Shadow River King`)
	singleTitles = strings.Fields(`Tide Ours Drift Monsoon Vertigo Static Ember Undertow Marrow Quarry Lodestar Wires
		Hush Ballast Tinder Fathom Gravel Rapture Kestrel Sundown Threshold Orphans Cargo Ferryman Blackout Ricochet`)
	surnames = strings.Fields(`Quince Moreau Okafor Castellane Vance Holt Tamm Marsh Lindqvist Haddad Nakamura Sato
		Kowalski Ferreira Oliveira Dubois Petrov Novak Rossi Bianchi Kim Park Lee Chen Wong Mbeki Adeyemi Larsen
		Johansson Fischer Weber Schneider Moretti Alvarez Romero Delgado Costa Silva Nguyen Tran Ito Tanaka Suzuki
		Hughes Bennett Carver Whitlock Ashdown Pembroke Fairley Greaves Thorne Rutherford Calloway Dunmore Ellery`)
	otherFirst = strings.Fields(`Hirokazu Joon-ho Chloé Apichatpong Céline Mati Rungano Kleber Nadav Alice Lukas
		Ingrid Radu Cristian Asghar Jafar Lynne Kelly Agnès Bong Park Kenji Yuki Mira Teodor Oona Piet Lev Ruth`)
	firstNames = strings.Fields(`Ada Nina Ben Lu Sean Drew Simon Laura Hannah Tom Maya Oscar Felix Clara Jonas Emma
		Daniel Sofia Lucas Elena Marcus Julia Peter Grace Henry Alma Victor Iris Leo Nora Paul Rosa Sam Vera`)
	characters = strings.Fields(`Captain Orr|Rosa|Mikey|the ferryman|Hilde|Detective Vale|Marta|Old Jonah|Sister Agnes|the Count|Elsie|Inspector Lund`)
	labels     = []string{"Arrow Video", "The Criterion Collection", "Kino Lorber", "Vinegar Syndrome", "Shout! Factory",
		"Severin Films", "Second Sight", "Eureka Entertainment", "Lionsgate", "Universal Pictures Home Entertainment",
		"Umbrella Entertainment", "88 Films", "Indicator", "Radiance Films", "Film Movement", "Magnolia Home Entertainment",
		"Blue Underground", "Well Go USA", "Music Box Films", "IFC Films"}
	// inventedLabels are labels no lexicon knows, read from their shape
	// and place.
	inventedLabels = []string{"Lantern Video", "Quill Street Films", "Mossgrove Pictures", "Northlight Releasing",
		"Brightwater Home Entertainment", "Cobalt Distribution"}
	// foreignHeads, foreignLinks and foreignTails make titles in other
	// languages, whose inner words are not capitalized.
	foreignHeads = strings.Fields(`La Il Le Los Das Der`)
	foreignLinks = []string{"notte del", "segreto di", "jour des", "ojos de", "Haus am", "fin de", "mani sulla"}
	foreignTails = strings.Fields(`lupo Marta loups Lucía See semana città`)
	// nameTitles are titles that are a given name.
	nameTitles = strings.Fields(`Marta Ines Tomasz Odile Hanna Greta Yusuf`)
	genres     = strings.Fields(`drama thriller comedy documentary horror western musical romance satire slasher
		mystery biopic melodrama noir fable`)
	adjectives = strings.Fields(`acclaimed overlooked French Korean Japanese Brazilian Italian Danish cult underrated
		haunting gritty tender slow-burning celebrated`)
	places     = strings.Fields(`Lisbon Marseille Reykjavik Glasgow Naples Busan Oaxaca Tbilisi Odessa Tangier`)
	festivals  = []string{"Cannes Film Festival", "Sundance Film Festival", "Venice Film Festival", "Berlin International Film Festival", "Toronto International Film Festival", "Fantastic Fest", "Locarno Film Festival", "SXSW", "Tribeca Film Festival"}
	fmtPhrases = map[string][]string{
		"dvd":        {"DVD"},
		"bluray":     {"Blu-ray", "Blu-ray Disc"},
		"uhd4k":      {"4K Ultra HD", "4K UHD", "4K"},
		"digital":    {"digital", "Digital HD", "digital platforms"},
		"vod":        {"VOD", "On Demand"},
		"streaming":  {"streaming"},
		"theatrical": {"theaters", "cinemas"},
	}
	physical = []string{"dvd", "bluray", "uhd4k"}
)

// gen builds one article.
type gen struct {
	r     *rand.Rand
	pub   time.Time
	text  []string // paragraphs
	gold  extract.Labels
	names map[string]bool
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) title() string {
	var t string
	switch g.r.IntN(11) {
	case 9:
		t = g.pick(foreignHeads) + " " + g.pick(foreignLinks) + " " + g.pick(foreignTails)
	case 10:
		t = g.pick(nameTitles)
	case 0:
		t = g.pick(singleTitles)
	case 1:
		t = "The " + g.pick(titleWords) + " " + g.pick(titleWords)
	case 2:
		t = g.pick(titleWords) + " of the " + g.pick(titleWords)
	case 3:
		t = g.pick(titleWords) + " " + g.pick(titleWords) + ": The " + g.pick(titleWords)
	case 4:
		t = g.pick(titleWords) + " " + g.pick(titleWords) + " " + fmt.Sprint(2+g.r.IntN(3))
	case 5:
		t = "A " + g.pick(titleWords) + " for " + g.pick(titleWords)
	default:
		t = g.pick(titleWords) + " " + g.pick(titleWords)
	}
	return t
}

func (g *gen) person() string {
	for {
		var n string
		if g.chance(0.3) {
			n = g.pick(otherFirst) + " " + g.pick(surnames)
		} else {
			n = g.pick(firstNames) + " " + g.pick(surnames)
		}
		if !g.names[n] {
			g.names[n] = true
			return n
		}
	}
}

func surname(n string) string { f := strings.Fields(n); return f[len(f)-1] }

// date returns a future release date and the ways to write it.
func (g *gen) date() (string, string) {
	d := g.pub.AddDate(0, 0, 7+g.r.IntN(120))
	iso := d.Format("2006-01-02")
	switch g.r.IntN(6) {
	case 0:
		return d.Format("January 2"), iso
	case 1:
		return d.Format("Jan. 2"), iso
	case 2:
		return fmt.Sprintf("%d/%d", int(d.Month()), d.Day()), iso
	case 3:
		return d.Format("2 January 2006"), iso
	case 4:
		return d.Format("January 2, 2006"), iso
	}
	return d.Format("January"), d.Format("2006-01")
}

// film is a title entry being built.
type film struct {
	t *extract.LabelTitle
}

func (g *gen) newFilm(title string) film {
	g.gold.Titles = append(g.gold.Titles, extract.LabelTitle{Title: title, Directors: []string{}, Writers: []string{},
		Cast: []extract.LabelCast{}, Releases: []extract.LabelRelease{}, Extras: []extract.LabelExtra{}, Festivals: []extract.LabelFestival{}})
	return film{&g.gold.Titles[len(g.gold.Titles)-1]}
}

func sp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (f film) release(format, date, label string) {
	f.t.Releases = append(f.t.Releases, extract.LabelRelease{Format: sp(format), Date: sp(date), Label: sp(label)})
}

// formats picks one to three formats and writes them as a phrase.
func (g *gen) formats() ([]string, string) {
	var fs []string
	switch g.r.IntN(5) {
	case 0, 1:
		fs = []string{g.pick(physical)}
	case 2:
		fs = []string{"bluray", "dvd"}
	case 3:
		fs = []string{"uhd4k", "bluray"}
	default:
		fs = []string{g.pick([]string{"digital", "vod", "streaming"})}
	}
	var words []string
	for _, f := range fs {
		words = append(words, g.pick(fmtPhrases[f]))
	}
	phrase := strings.Join(words, " and ")
	return fs, phrase
}

// releaseSentence announces a film's release in one of many ways.
func (g *gen) releaseSentence(f film, title, label, director string) string {
	fs, fp := g.formats()
	dw, iso := g.date()
	for _, x := range fs {
		f.release(x, iso, label)
	}
	year := fmt.Sprint(1950 + g.r.IntN(70))
	genre := g.pick(genres)
	poss := ""
	if director != "" {
		poss = director + "’s "
		if g.chance(0.5) {
			poss = surname(director) + "'s "
		}
	}
	s := g.releaseText(title, label, fp, dw, year, genre, poss)
	if poss != "" && strings.Contains(s, poss) && !contains(f.t.Directors, director) {
		f.t.Directors = append(f.t.Directors, director)
	}
	return strings.TrimSpace(s)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (g *gen) releaseText(title, label, fp, dw, year, genre, poss string) string {
	switch g.r.IntN(14) {
	case 0:
		return fmt.Sprintf("%s is coming to %s on %s from %s.", title, fp, dw, label)
	case 1:
		return fmt.Sprintf("%s will release %s%s on %s %s.", label, poss, title, fp, dw)
	case 2:
		return fmt.Sprintf("%s has announced %s for %s on %s.", label, title, fp, dw)
	case 3:
		return fmt.Sprintf("%s arrives on %s %s via %s.", title, fp, dw, label)
	case 4:
		return fmt.Sprintf("On %s, %s releases %s%s on %s.", dw, label, poss, title, fp)
	case 5:
		return fmt.Sprintf("Due %s on %s from %s is %s’s %s.", dw, fp, label, year, title)
	case 6:
		return fmt.Sprintf("%s (%s) hits %s %s courtesy of %s.", title, year, fp, dw, label)
	case 7:
		return fmt.Sprintf("The %s %s streets %s on %s from %s.", g.pick(adjectives), genre+" "+title, dw, fp, label)
	case 8:
		return fmt.Sprintf("%s brings %s%s %s %s to %s on %s.", label, poss, year, genre, title, fp, dw)
	case 9:
		return fmt.Sprintf("Look for %s on %s starting %s, from %s.", title, fp, dw, label)
	case 10:
		return fmt.Sprintf("%s gets a %s release on %s, courtesy of %s.", title, fp, dw, label)
	case 11:
		return fmt.Sprintf("“%s” will be available on %s from %s on %s.", title, fp, label, dw)
	case 12:
		return fmt.Sprintf("%s %s is headed to %s on %s, %s announced.", poss, title, fp, dw, label)
	}
	return fmt.Sprintf("%s sets %s%s for %s on %s.", label, poss, title, fp, dw)
}

// creditSentence states credits of a film.
func (g *gen) creditSentence(f film, title string, director string) string {
	star, star2 := g.person(), g.person()
	char := g.pick(strings.Split(strings.Join(characters, " "), "|"))
	f.t.Cast = append(f.t.Cast, extract.LabelCast{Name: star, Character: sp(char)})
	f.t.Cast = append(f.t.Cast, extract.LabelCast{Name: star2})
	genre := g.pick(genres)
	switch g.r.IntN(6) {
	case 0:
		f.t.Directors = append(f.t.Directors, director)
		return fmt.Sprintf("Directed by %s, the %s stars %s as %s and %s.", director, genre, star, char, star2)
	case 1:
		f.t.Directors = append(f.t.Directors, director)
		f.t.Writers = append(f.t.Writers, director)
		return fmt.Sprintf("Written and directed by %s, %s stars %s as %s, with %s.", director, title, star, char, star2)
	case 2:
		f.t.Directors = append(f.t.Directors, director)
		return fmt.Sprintf("The %s, from director %s, follows %s (%s) and a stranger played by %s.", genre, director, char, star, star2)
	case 3:
		writer := g.person()
		f.t.Directors = append(f.t.Directors, director)
		f.t.Writers = append(f.t.Writers, writer)
		return fmt.Sprintf("%s directed the film from a screenplay by %s; %s and %s star.", director, writer, star, star2)
	case 4:
		f.t.Directors = append(f.t.Directors, director)
		return fmt.Sprintf("%s stars %s as %s, alongside %s, in %s’s %s.", title, star, char, star2, director, genre)
	}
	f.t.Directors = append(f.t.Directors, director)
	return fmt.Sprintf("The film reunites %s with writer-director %s, and co-stars %s.", star, director, star2)
}

// extras lists bonus features, in prose or as a list.
func (g *gen) extras(f film, director string) []string {
	crit := g.person()
	items := []struct {
		text, kind, title string
		people            []string
		roles             []string
	}{
		{"an audio commentary with director " + director, "audio_commentary", "", []string{director}, []string{"director"}},
		{"a new audio commentary by film historian " + crit, "audio_commentary", "", []string{crit}, []string{"film historian"}},
		{"deleted scenes", "deleted_scenes", "", nil, nil},
		{"the theatrical trailer", "trailer", "", nil, nil},
		{"an image gallery", "gallery", "", nil, nil},
		{"a booklet with an essay by critic " + crit, "booklet", "", []string{crit}, []string{"critic"}},
		{"an interview with " + director, "interview", "", []string{director}, nil},
	}
	titled := g.pick(titleWords) + " " + g.pick(titleWords)
	var chosen []int
	for i := range items {
		if g.chance(0.5) {
			chosen = append(chosen, i)
		}
	}
	if len(chosen) == 0 {
		chosen = []int{0}
	}
	add := func(kind, title string, people, roles []string) {
		x := extract.LabelExtra{Kind: kind, Title: sp(title), Participants: []extract.LabelParticipant{}}
		for k, p := range people {
			role := ""
			if k < len(roles) {
				role = roles[k]
			}
			x.Participants = append(x.Participants, extract.LabelParticipant{Name: sp(p), Role: sp(role)})
		}
		f.t.Extras = append(f.t.Extras, x)
	}
	var parts []string
	for _, i := range chosen {
		it := items[i]
		add(it.kind, it.title, it.people, it.roles)
		parts = append(parts, it.text)
	}
	add("making_of", titled, nil, nil)
	parts = append(parts, "“"+titled+",” a making-of featurette")
	if g.chance(0.5) {
		lines := []string{"Special features:"}
		bullet := g.pick([]string{"•", "-", "*"})
		for _, p := range parts {
			lines = append(lines, bullet+" "+strings.ToUpper(p[:1])+p[1:])
		}
		return []string{strings.Join(lines, "\n")}
	}
	last := parts[len(parts)-1]
	return []string{"Extras include " + strings.Join(parts[:len(parts)-1], ", ") + " and " + last + "."}
}

// noise writes a sentence that names things that are not facts: a film
// only compared with, a place, a person who is not credited.
func (g *gen) noise(director string) string {
	other, other2 := g.title(), g.title()
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("Fans of %s and %s will find plenty to like here.", other, other2)
	case 1:
		return fmt.Sprintf("The film was shot in %s over two winters.", g.pick(places))
	case 2:
		return fmt.Sprintf("“We are thrilled to bring this film to collectors,” said %s, head of acquisitions.", g.person())
	case 3:
		if director != "" {
			return fmt.Sprintf("%s is best known for %s and %s.", director, other, other2)
		}
		return fmt.Sprintf("It plays like a cousin of %s.", other)
	case 4:
		return fmt.Sprintf("The new transfer was made from a 4K scan of the original negative in %s.", g.pick(places))
	}
	return "Pre-orders are open now at the usual retailers."
}

// article builds one article of a random shape.
func (g *gen) article() {
	shape := g.r.IntN(6)
	switch shape {
	case 4: // a schedule list: one line per film, written to one template
		g.scheduleList()
	case 0, 1, 2: // one film: release, credits, maybe extras and a festival
		title := g.title()
		f := g.newFilm(title)
		director := g.person()
		label := g.pick(labels)
		if g.chance(0.2) {
			label = g.pick(inventedLabels)
		}
		if g.chance(0.4) {
			g.text = append(g.text, headline(title, g))
		}
		var para []string
		if g.chance(0.6) {
			para = append(para, g.releaseSentence(f, title, label, director))
			para = append(para, g.creditSentence(f, title, director))
		} else {
			para = append(para, g.creditSentence(f, title, director))
			para = append(para, g.releaseSentence(f, title, label, ""))
		}
		if g.chance(0.5) {
			fest := g.pick(festivals)
			year := g.pub.Year() - g.r.IntN(2)
			f.t.Festivals = append(f.t.Festivals, extract.LabelFestival{Name: fest, Year: &year})
			para = append(para, fmt.Sprintf("The film premiered at the %d %s.", year, fest))
		}
		if g.chance(0.5) {
			para = append(para, g.noise(director))
		}
		g.text = append(g.text, strings.Join(para, " "))
		if g.chance(0.6) {
			g.text = append(g.text, g.extras(f, director)...)
		}
	case 3: // a roundup list
		label := g.pick(labels)
		g.text = append(g.text, fmt.Sprintf("%s has unveiled its slate for the coming months:", label))
		var lines []string
		for range 3 + g.r.IntN(3) {
			title := g.title()
			f := g.newFilm(title)
			fs, fp := g.formats()
			dw, iso := g.date()
			for _, x := range fs {
				f.release(x, iso, label)
			}
			switch g.r.IntN(3) {
			case 0:
				lines = append(lines, fmt.Sprintf("• %s – %s, %s", title, fp, dw))
			case 1:
				d := g.person()
				f.t.Directors = append(f.t.Directors, d)
				lines = append(lines, fmt.Sprintf("• %s (%s, %d) on %s, %s", title, d, 1950+g.r.IntN(70), fp, dw))
			default:
				lines = append(lines, fmt.Sprintf("• %s: %s on %s", title, dw, fp))
			}
		}
		g.text = append(g.text, strings.Join(lines, "\n"))
		if g.chance(0.5) {
			g.text = append(g.text, g.noise(""))
		}
	default: // several films in prose
		label := g.pick(labels)
		var para []string
		for range 2 + g.r.IntN(3) {
			title := g.title()
			f := g.newFilm(title)
			director := g.person()
			f.t.Directors = append(f.t.Directors, director)
			para = append(para, g.releaseSentence(f, title, label, director))
		}
		if g.chance(0.5) {
			para = append(para, g.noise(""))
		}
		g.text = append(g.text, strings.Join(para, " "))
	}
}

// scheduleList writes an introduction that names the format once and
// then one plain line per film, every line written to the same template
// ("Title: New date – May 4"), some with no date yet.
func (g *gen) scheduleList() {
	format := g.pick([]string{"theatrical", "bluray", "uhd4k", "digital"})
	fp := g.pick(fmtPhrases[format])
	intros := []string{
		"Here is where the %s dates stand now.",
		"Several titles have changed their %s dates; the list below has the latest.",
		"The following films have new %s release dates:",
		"Our running list of %s dates, updated weekly.",
	}
	intro := fmt.Sprintf(g.pick(intros), fp)
	if format == "theatrical" {
		intro = strings.Replace(intro, fp+" dates", "dates in "+fp, 1)
		intro = strings.Replace(intro, fp+" release dates", "release dates in "+fp, 1)
	}
	g.text = append(g.text, intro)
	templates := []struct{ dated, tba string }{
		{"%s: New Date – %s", "%s: New Date – TBA"},
		{"%s — opens %s", "%s — date to be announced"},
		{"%s | %s", "%s | TBD"},
		{"%s (moved to %s)", "%s (no new date yet)"},
	}
	tpl := templates[g.r.IntN(len(templates))]
	var lines []string
	for range 3 + g.r.IntN(5) {
		title := g.title()
		f := g.newFilm(title)
		if g.chance(0.6) {
			dw, iso := g.date()
			f.release(format, iso, "")
			lines = append(lines, fmt.Sprintf(tpl.dated, title, dw))
		} else {
			f.release(format, "", "")
			lines = append(lines, fmt.Sprintf(tpl.tba, title))
		}
	}
	g.text = append(g.text, lines...)
	if g.chance(0.5) {
		g.text = append(g.text, g.noise(""))
	}
}

func headline(title string, g *gen) string {
	switch g.r.IntN(3) {
	case 0:
		return "‘" + title + "’ Coming to Disc This Spring"
	case 1:
		return title + " Gets a Home Release"
	}
	return "New Release: " + title
}

// address is an article's web address: as news sites write them, half
// the time a slug of its first line's words (the headline, when it has
// one), otherwise a number.
func address(r *rand.Rand, i int, first string) string {
	if r.IntN(2) == 0 {
		return fmt.Sprintf("https://example.com/news/%d", 10000+i)
	}
	var words []string
	first = strings.NewReplacer("’", "", "'", "").Replace(strings.ToLower(first))
	for w := range strings.FieldsFuncSeq(first, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		if len(words) < 10 {
			words = append(words, w)
		}
	}
	return fmt.Sprintf("https://example.com/%d/%02d/%s/", 2015+r.IntN(10), 1+r.IntN(12), strings.Join(words, "-"))
}

// Articles returns n labelled articles, the same ones for the same seed.
func Articles(n int, seed uint64) []extract.TrainingArticle {
	r := rand.New(rand.NewPCG(seed, 7))
	// Addresses draw from their own stream, so that the articles stay
	// the same whatever the addresses do.
	ra := rand.New(rand.NewPCG(seed, 11))
	out := make([]extract.TrainingArticle, 0, n)
	for i := range n {
		g := &gen{r: r, names: map[string]bool{}, gold: extract.Labels{Titles: []extract.LabelTitle{}}}
		g.pub = time.Date(2015+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		g.article()
		body := strings.Join(g.text, "\n\n")
		data := fmt.Sprintf("date %s\nsource %s\n%s\n", g.pub.Format("2006-01-02"), address(ra, i, g.text[0]), body)
		out = append(out, extract.TrainingArticle{Name: fmt.Sprintf("synth-%03d", i), Data: []byte(data), Gold: g.gold})
	}
	return out
}
