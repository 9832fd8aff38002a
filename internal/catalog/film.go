package catalog

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Film is a feature, short or any other title the catalog tracks.
type Film struct {
	ID             int64
	Slug           string // stable URL key, e.g. "red-rocket-2021"
	Title          string
	OriginalTitle  string
	Year           int // first release year, 0 if unknown
	RuntimeMinutes int // 0 if unknown
	Synopsis       string
	Tagline        string
	Genres         []string
	Status         FilmStatus
	ExternalIDs    ExternalIDs
	Trailers       []Trailer
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Trailer is a link to a trailer or teaser.
type Trailer struct {
	URL      string `json:"url"`
	Kind     string `json:"kind,omitempty"`     // "trailer", "teaser", "clip"
	Language string `json:"language,omitempty"` // BCP 47 tag, e.g. "en"
}

// Normalize trims text, drops empty genres and sets defaults.
func (f *Film) Normalize() {
	f.Title = strings.TrimSpace(f.Title)
	f.OriginalTitle = strings.TrimSpace(f.OriginalTitle)
	f.Synopsis = strings.TrimSpace(f.Synopsis)
	f.Tagline = strings.TrimSpace(f.Tagline)
	f.Slug = strings.TrimSpace(f.Slug)
	f.Genres = normalizeList(f.Genres, strings.ToLower)
	if f.Status == "" {
		f.Status = FilmAnnounced
	}
	for i := range f.Trailers {
		f.Trailers[i].URL = strings.TrimSpace(f.Trailers[i].URL)
	}
}

// Validate checks every rule of a film record.
func (f *Film) Validate() error {
	if err := requiredText("title", f.Title, 500); err != nil {
		return err
	}
	if f.Slug != "" && !ValidSlug(f.Slug) {
		return Invalid("slug", "%q is not a slug (lowercase letters, digits and single hyphens)", f.Slug)
	}
	for field, v := range map[string]string{"original_title": f.OriginalTitle, "tagline": f.Tagline} {
		if err := validText(field, v, 500); err != nil {
			return err
		}
	}
	if err := validText("synopsis", f.Synopsis, 20000); err != nil {
		return err
	}
	if f.Year != 0 && (f.Year < MinYear || f.Year > MaxYear) {
		return Invalid("year", "%d is outside %d..%d", f.Year, MinYear, MaxYear)
	}
	if f.RuntimeMinutes < 0 || f.RuntimeMinutes > 100000 {
		return Invalid("runtime_minutes", "%d is not a runtime in minutes", f.RuntimeMinutes)
	}
	for i, g := range f.Genres {
		if err := validText("genres["+itoa(i)+"]", g, 100); err != nil {
			return err
		}
	}
	if err := validEnum("status", f.Status, FilmStatuses); err != nil {
		return err
	}
	if err := f.ExternalIDs.validate("tt"); err != nil {
		return err
	}
	for i, t := range f.Trailers {
		if err := validateHTTPURL("trailers["+itoa(i)+"].url", t.URL, true); err != nil {
			return err
		}
		if err := validText("trailers["+itoa(i)+"].kind", t.Kind, 50); err != nil {
			return err
		}
		if err := validText("trailers["+itoa(i)+"].language", t.Language, 35); err != nil {
			return err
		}
	}
	return nil
}

// DefaultSlug is the slug a film gets when none is given: its title and,
// when known, its year ("red-rocket-2021").
func (f *Film) DefaultSlug() string {
	if f.Year != 0 {
		return Slugify(f.Title, itoa(f.Year))
	}
	return Slugify(f.Title)
}

func validateHTTPURL(field, raw string, required bool) error {
	if raw == "" {
		if required {
			return Invalid(field, "is required")
		}
		return nil
	}
	if err := validText(field, raw, 2000); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Invalid(field, "%q is not an http or https URL", raw)
	}
	return nil
}

func normalizeList(in []string, f func(string) string) []string {
	out := in[:0:0]
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if f != nil && utf8.ValidString(s) { // invalid text is left for Validate to reject
			s = f(s)
		}
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
