package feed

import (
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

const testBase = "https://marquee.example"

// testNow is the fixed "now" of the golden files.
var testNow = time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)

func at(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 30, 15, 123456000, time.UTC) }

// fixtureReleases is an invented catalog covering every date precision
// and status, markup in a title, and text that needs escaping.
func fixtureReleases() []catalog.Release {
	return []catalog.Release{
		{
			ID: 101, FilmID: 1, FilmTitle: "Harbor Lights", FilmSlug: "harbor-lights-2025", FilmYear: 2025,
			Country: "US", Type: catalog.ReleasePhysical, Date: catalog.MustDate("2026-03-31"),
			Status: catalog.ReleaseConfirmed, DistributorName: "Lantern Video",
			Formats:   []catalog.Format{catalog.FormatDVD, catalog.FormatBluray},
			CreatedAt: at(1, 9), UpdatedAt: at(20, 10),
		},
		{
			ID: 102, FilmID: 2, FilmTitle: "The <script>alert(1)</script> Affair", FilmSlug: "the-script-affair-2026", FilmYear: 2026,
			Country: "GB", Type: catalog.ReleaseTheatrical, Date: catalog.MustDate("2026-12-31"),
			Status: catalog.ReleaseAnnounced, DistributorName: "Pebble & Stone <Films>",
			Note:      `Opens "everywhere" <b>New Year's Eve</b> & after`,
			CreatedAt: at(2, 9), UpdatedAt: at(2, 9),
		},
		{
			ID: 103, FilmID: 3, FilmTitle: "Crème brûlée, São Paulo; 東京物語", FilmSlug: "creme-brulee-sao-paulo-2027", FilmYear: 2027,
			Country: "FR", Type: catalog.ReleaseDigital, Date: catalog.MustDate("2028-02-29"),
			Status: catalog.ReleasePostponed, DistributorName: "Ñandú Films, S.A.; Paris",
			Note:      "Moved from 2027.\nNew date: leap day; rentals, purchases \\ both.",
			CreatedAt: at(3, 9), UpdatedAt: at(25, 18),
		},
		{
			ID: 104, FilmID: 1, FilmTitle: "Harbor Lights", FilmSlug: "harbor-lights-2025", FilmYear: 2025,
			Country: "JP", Type: catalog.ReleasePhysical, Date: catalog.MustDate("2026-12"),
			Status: catalog.ReleaseConfirmed, DistributorName: "Kaze Media",
			Formats:   []catalog.Format{catalog.FormatUHD4K},
			CreatedAt: at(4, 9), UpdatedAt: at(21, 8),
		},
		{
			ID: 105, FilmID: 1, FilmTitle: "Harbor Lights", FilmSlug: "harbor-lights-2025", FilmYear: 2025,
			Country: "DE", Type: catalog.ReleaseStreaming, Date: catalog.MustDate("2027"),
			Status:    catalog.ReleaseAnnounced,
			CreatedAt: at(5, 9), UpdatedAt: at(5, 9),
		},
		{
			ID: 106, FilmID: 2, FilmTitle: "The <script>alert(1)</script> Affair", FilmSlug: "the-script-affair-2026", FilmYear: 2026,
			Type: catalog.ReleaseTV, Date: catalog.TBA(), Status: catalog.ReleaseAnnounced,
			CreatedAt: at(6, 9), UpdatedAt: at(6, 9),
		},
		{
			ID: 107, FilmID: 4, FilmTitle: "A Very Long Title About the Quiet Lighthouse Keeper Who Counted Every Wave Until Morning", FilmSlug: "a-very-long-title-2026", FilmYear: 2026,
			Country: "CA", Type: catalog.ReleaseFestival, Date: catalog.MustDate("2026-06-15"),
			Status: catalog.ReleaseCancelled, DistributorName: "Northern Lights Festival Distribution Collective International",
			Note:      "Festival cancelled; the film moves to the autumn programme, which has not been announced yet.",
			CreatedAt: at(7, 9), UpdatedAt: at(22, 7),
		},
	}
}
