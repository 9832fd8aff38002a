package web

import (
	"strings"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

func TestViewDate(t *testing.T) {
	for in, want := range map[string]dateView{
		"2022-03-15": {Text: "15 Mar 2022", Machine: "2022-03-15", Prec: "day"},
		"2027-03":    {Text: "March 2027", Machine: "2027-03", Note: "day not announced", Prec: "month"},
		"2022":       {Text: "2022", Machine: "2022", Note: "month not announced", Prec: "year"},
		"TBA":        {Text: "TBA", Prec: "tba"},
	} {
		if got := viewDate(catalog.MustDate(in)); got != want {
			t.Errorf("viewDate(%s) = %+v, want %+v", in, got, want)
		}
	}
}

func TestLabels(t *testing.T) {
	cases := map[string]string{
		moneyLabel(catalog.Money{Amount: 2199, Currency: "USD"}):  "$21.99",
		moneyLabel(catalog.Money{Amount: 1999, Currency: "GBP"}):  "£19.99",
		moneyLabel(catalog.Money{Amount: 5000, Currency: "JPY"}):  "¥5000",
		moneyLabel(catalog.Money{Amount: 12905, Currency: "SEK"}): "129.05 SEK",
		moneyLabel(catalog.Money{}):                               "",
		runtimeLabel(130):                                         "2 h 10 min",
		runtimeLabel(45):                                          "45 min",
		runtimeLabel(120):                                         "2 h",
		secondsLabel(30):                                          "30 s",
		secondsLabel(754):                                         "13 min",
		festivalShortName("Festival de Cannes"):                   "Cannes",
		festivalShortName("Sundance Film Festival"):               "Sundance",
		festivalShortName("Venice International Film Festival"):   "Venice",
		festivalShortName("Fantastic Fest"):                       "Fantastic Fest",
		festivalShortName("Festival du Festival"):                 "Festival",
		formatsLabel([]catalog.Format{"uhd4k", "bluray"}):         "4K UHD + Blu-ray",
		packagingLabel([]catalog.Packaging{"o-card", "box_set"}):  "O-card, Box set",
		initials("The Florida Project"):                           "FP",
		initials("<script>alert(1)</script>"):                     "",
		initials("Amélie"):                                        "A",
		countryName("GB"):                                         "United Kingdom",
		countryName("XK"):                                         "XK",
		countryName(""):                                           "Worldwide",
		releaseTypeLabel(catalog.ReleasePhysical):                 "Disc",
		labelOr(extraKindLabels, catalog.ExtraKind("new_kind")):   "New kind",
		weekRange(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 13, 0, 0, 0, 0, time.UTC)): "7–13 December 2026",
		weekRange(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)): "30 November – 6 December 2026",
		weekRange(time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC)):  "28 December 2026 – 3 January 2027",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestEncodeJSONLDEscapes(t *testing.T) {
	js, err := encodeJSONLD(map[string]string{"name": "</script><!-- & \u2028"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(js)
	if strings.ContainsAny(s, "<>&\u2028") {
		t.Errorf("unescaped: %s", s)
	}
	if !strings.Contains(s, `\u003c/script\u003e\u003c!-- \u0026 \u2028`) {
		t.Errorf("escaped form: %s", s)
	}
}

func TestEveryPageTemplateParses(t *testing.T) {
	pages := parsePages(loadAssets())
	for _, name := range []string{"home.html", "calendar.html", "films.html", "film.html", "editions.html",
		"person.html", "label.html", "festivals.html", "festival.html", "festival_edition.html", "search.html", "error.html"} {
		if pages[name] == nil {
			t.Errorf("no page template %s", name)
		}
	}
}
