package api

import "github.com/marquee-film/marquee/internal/extract"

// Extraction is every fact an article states, each with its evidence.
type Extraction struct {
	Published *string         `json:"published" doc:"Publication date used for relative dates; null when unknown."`
	TextRunes int             `json:"text_runes" doc:"Length of the text evidence offsets point into, in characters (runes)."`
	Films     []ExtractedFilm `json:"films"`
}

// Evidence is where a fact is stated: [start, end) in runes, and the words.
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
}

// ExtractedFilm is a film and what the article says about it.
type ExtractedFilm struct {
	Title      string              `json:"title"`
	Year       *int                `json:"year"`
	Aliases    []string            `json:"aliases"`
	Confidence float64             `json:"confidence"`
	Evidence   Evidence            `json:"evidence"`
	Credits    []ExtractedCredit   `json:"credits"`
	Releases   []ExtractedRelease  `json:"releases"`
	Extras     []ExtractedExtra    `json:"extras"`
	Festivals  []ExtractedFestival `json:"festivals"`
	Awards     []ExtractedAward    `json:"awards"`
}

// ExtractedCredit is a person's stated part in a film.
type ExtractedCredit struct {
	Name       string   `json:"name"`
	Roles      []string `json:"roles" doc:"director, writer, cast"`
	RoleText   string   `json:"role_text"`
	Character  string   `json:"character"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// ExtractedRelease is one format's stated release.
type ExtractedRelease struct {
	Format     string   `json:"format"`
	Date       *string  `json:"date" doc:"YYYY, YYYY-MM or YYYY-MM-DD; null when the text gives none that resolves."`
	Precision  string   `json:"precision"`
	DateText   string   `json:"date_text"`
	Status     string   `json:"status" doc:"tba or available when the text says so."`
	Label      string   `json:"label"`
	Region     string   `json:"region"`
	Edition    string   `json:"edition"`
	Price      string   `json:"price"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// ExtractedExtra is a stated bonus feature.
type ExtractedExtra struct {
	Kind         string                 `json:"kind"`
	Title        string                 `json:"title"`
	Vintage      string                 `json:"vintage"`
	Runtime      string                 `json:"runtime"`
	ExclusiveTo  []string               `json:"exclusive_to"`
	Participants []ExtractedParticipant `json:"participants"`
	Confidence   float64                `json:"confidence"`
	Evidence     Evidence               `json:"evidence"`
}

// ExtractedParticipant is a person (or only a role) in an extra.
type ExtractedParticipant struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// ExtractedFestival is a stated festival showing, selection or prize.
type ExtractedFestival struct {
	Name       string   `json:"name"`
	Year       *int     `json:"year"`
	Award      string   `json:"award"`
	Result     string   `json:"result"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// ExtractedAward is a stated prize or nomination outside festivals.
type ExtractedAward struct {
	Name       string   `json:"name"`
	Result     string   `json:"result"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

func evidenceDTO(e extract.Evidence) Evidence {
	return Evidence{Start: e.Start, End: e.End, Quote: e.Quote}
}

func extractionDTO(r *extract.Result) *Extraction {
	if r == nil {
		return nil
	}
	out := &Extraction{Published: optString(r.Published), TextRunes: r.TextRunes, Films: []ExtractedFilm{}}
	for _, f := range r.Films {
		ef := ExtractedFilm{Title: f.Title, Year: optInt(f.Year), Aliases: orEmpty(f.Aliases), Confidence: f.Confidence,
			Evidence: evidenceDTO(f.Evidence), Credits: []ExtractedCredit{}, Releases: []ExtractedRelease{},
			Extras: []ExtractedExtra{}, Festivals: []ExtractedFestival{}, Awards: []ExtractedAward{}}
		for _, c := range f.Credits {
			ef.Credits = append(ef.Credits, ExtractedCredit{Name: c.Name, Roles: orEmpty(c.Roles), RoleText: c.RoleText,
				Character: c.Character, Confidence: c.Confidence, Evidence: evidenceDTO(c.Evidence)})
		}
		for _, r := range f.Releases {
			ef.Releases = append(ef.Releases, ExtractedRelease{Format: r.Format, Date: optString(r.Date), Precision: r.Precision,
				DateText: r.DateText, Status: string(r.Status), Label: r.Label, Region: r.Region, Edition: r.Edition,
				Price: r.Price, Confidence: r.Confidence, Evidence: evidenceDTO(r.Evidence)})
		}
		for _, x := range f.Extras {
			ex := ExtractedExtra{Kind: string(x.Kind), Title: x.Title, Vintage: string(x.Vintage), Runtime: x.Runtime,
				ExclusiveTo: orEmpty(x.Formats), Participants: []ExtractedParticipant{}, Confidence: x.Confidence, Evidence: evidenceDTO(x.Evidence)}
			for _, p := range x.Participants {
				ex.Participants = append(ex.Participants, ExtractedParticipant{Name: p.Name, Role: p.Role})
			}
			ef.Extras = append(ef.Extras, ex)
		}
		for _, fe := range f.Festivals {
			ef.Festivals = append(ef.Festivals, ExtractedFestival{Name: fe.Name, Year: optInt(fe.Year), Award: fe.Award,
				Result: fe.Result, Confidence: fe.Confidence, Evidence: evidenceDTO(fe.Evidence)})
		}
		for _, a := range f.Awards {
			ef.Awards = append(ef.Awards, ExtractedAward{Name: a.Name, Result: a.Result, Confidence: a.Confidence, Evidence: evidenceDTO(a.Evidence)})
		}
		out.Films = append(out.Films, ef)
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
