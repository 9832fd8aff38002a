package extract

import "strings"

// Labels is the corpus label schema: one document per article.
type Labels struct {
	Titles []LabelTitle `json:"titles"`
}

// LabelTitle is one film or box set in the label schema.
type LabelTitle struct {
	Title     string          `json:"title"`
	Year      *int            `json:"year"`
	Directors []string        `json:"directors"`
	Writers   []string        `json:"writers"`
	Cast      []LabelCast     `json:"cast"`
	Releases  []LabelRelease  `json:"releases"`
	Extras    []LabelExtra    `json:"extras"`
	Festivals []LabelFestival `json:"festivals"`
}

// LabelCast is a cast member and the part they play, if stated.
type LabelCast struct {
	Name      string  `json:"name"`
	Character *string `json:"character"`
}

// LabelRelease is one format's release in the label schema.
type LabelRelease struct {
	Format   *string `json:"format"`
	Date     *string `json:"date"`
	DateText *string `json:"date_text"`
	Label    *string `json:"label"`
	Region   *string `json:"region"`
	Edition  *string `json:"edition"`
	Price    *string `json:"price"`
}

// LabelExtra is a bonus feature in the label schema.
type LabelExtra struct {
	Kind         string             `json:"kind"`
	Title        *string            `json:"title"`
	Participants []LabelParticipant `json:"participants"`
}

// LabelParticipant is a person (or a role alone) in an extra.
type LabelParticipant struct {
	Name *string `json:"name"`
	Role *string `json:"role"`
}

// LabelFestival is a festival entry in the label schema.
type LabelFestival struct {
	Name   string  `json:"name"`
	Year   *int    `json:"year"`
	Award  *string `json:"award"`
	Result *string `json:"result"`
}

// ToLabels converts a Result to the corpus label schema. Blu-ray 3D is
// reported as "bluray" (the schema has no 3D format) and short films as
// "other" extras.
func ToLabels(r *Result) Labels {
	out := Labels{Titles: []LabelTitle{}}
	for _, f := range r.Films {
		out.Titles = append(out.Titles, labelTitle(f))
	}
	return out
}

func labelTitle(f Film) LabelTitle {
	t := LabelTitle{Title: f.Title, Year: optInt(f.Year), Directors: []string{}, Writers: []string{},
		Cast: []LabelCast{}, Releases: []LabelRelease{}, Extras: []LabelExtra{}, Festivals: []LabelFestival{}}
	for _, c := range f.Credits {
		for _, role := range c.Roles {
			switch role {
			case "director":
				t.Directors = append(t.Directors, c.Name)
			case "writer":
				t.Writers = append(t.Writers, c.Name)
			case "cast":
				t.Cast = append(t.Cast, LabelCast{Name: c.Name, Character: opt(c.Character)})
			}
		}
	}
	for _, r := range f.Releases {
		format := r.Format
		if format == fmtBluray3D {
			format = fmtBluray
		}
		t.Releases = append(t.Releases, LabelRelease{Format: opt(format), Date: opt(r.Date), DateText: opt(r.DateText),
			Label: opt(r.Label), Region: opt(r.Region), Edition: opt(r.Edition), Price: opt(r.Price)})
	}
	for _, e := range f.Extras {
		kind := string(e.Kind)
		if kind == "short_film" {
			kind = "other"
		}
		x := LabelExtra{Kind: kind, Title: opt(e.Title), Participants: []LabelParticipant{}}
		for _, p := range e.Participants {
			x.Participants = append(x.Participants, LabelParticipant{Name: opt(p.Name), Role: opt(p.Role)})
		}
		t.Extras = append(t.Extras, x)
	}
	for _, fe := range f.Festivals {
		t.Festivals = append(t.Festivals, LabelFestival{Name: fe.Name, Year: optInt(fe.Year), Award: opt(fe.Award), Result: opt(fe.Result)})
	}
	return t
}

func opt(s string) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return &s
}

func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
