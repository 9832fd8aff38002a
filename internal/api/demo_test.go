package api

import (
	"net/http"
	"slices"
	"testing"

	"github.com/marquee-film/marquee/internal/demo"
)

// TestDemoRedRocket is the done-when scenario: with the demo catalog
// loaded, searching for "rocket" finds Red Rocket, and the film in full
// shows its Cannes 2021 selection, its Palme d'Or nomination, its DVD and
// Blu-ray release on 2022-03-15 from Lionsgate, and the participants of
// its commentaries with their roles.
func TestDemoRedRocket(t *testing.T) {
	t.Parallel()
	b, err := demo.Bundle()
	if err != nil {
		t.Fatalf("demo.Bundle: %v", err)
	}
	e := newEnv(t, b)

	list := decode[FilmList](t, e.get("/api/v1/films?q=rocket").must(t, http.StatusOK))
	i := slices.IndexFunc(list.Items, func(f FilmSummary) bool { return f.Title == "Red Rocket" })
	if i < 0 {
		t.Fatalf("?q=rocket does not find Red Rocket: %+v", list.Items)
	}
	d := e.filmDetail(list.Items[i].Slug)

	if !slices.ContainsFunc(d.Selections, func(s Selection) bool {
		return s.FestivalEdition.Festival.Slug == "cannes" && s.FestivalEdition.Year == 2021
	}) {
		t.Errorf("no Cannes 2021 selection: %+v", d.Selections)
	}
	if !slices.ContainsFunc(d.Nominations, func(n Nomination) bool {
		return n.Category.Name == "Palme d'Or" && n.Year == 2021
	}) {
		t.Errorf("no Palme d'Or nomination: %+v", d.Nominations)
	}

	var formats []string
	var commentaries []Extra
	for _, r := range d.Releases {
		if r.Date != "2022-03-15" || !r.DayKnown || r.Distributor == nil || r.Distributor.Slug != "lionsgate" {
			continue
		}
		for _, ed := range r.Editions {
			for _, f := range ed.Formats {
				formats = append(formats, string(f))
			}
			for _, x := range ed.Extras {
				if x.Kind == "audio_commentary" {
					commentaries = append(commentaries, x)
				}
			}
		}
	}
	if !slices.Contains(formats, "dvd") || !slices.Contains(formats, "bluray") {
		t.Errorf("the 2022-03-15 Lionsgate release has formats %v, want DVD and Blu-ray", formats)
	}
	if len(commentaries) == 0 {
		t.Fatal("no audio commentary on the 2022-03-15 Lionsgate release")
	}
	roles := map[string]string{}
	for _, x := range commentaries {
		for _, p := range x.Participants {
			if p.Role == "" || p.Person.Name == "" {
				t.Errorf("commentary %q: participant without a name or role: %+v", x.Title, p)
			}
			roles[p.Person.Slug] = p.Role
		}
	}
	if roles["sean-baker"] != "writer-director" {
		t.Errorf("commentary participants %v, want Sean Baker as writer-director", roles)
	}
}
