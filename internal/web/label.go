package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

type labelPage struct {
	Org      catalog.Organization
	Kinds    string
	Upcoming []catalog.Release
	Past     []catalog.Release
	Editions []labelEdition
	Calendar string
}

// labelEdition is an edition under the label with its film and release.
type labelEdition struct {
	catalog.Edition
	Release catalog.Release
}

var orgKindLabels = map[catalog.OrgKind]string{
	catalog.OrgDistributor: "Distributor",
	catalog.OrgDiscLabel:   "Disc label",
	catalog.OrgStudio:      "Studio",
	catalog.OrgFestival:    "Festival",
	catalog.OrgAwardBody:   "Award body",
	catalog.OrgOutlet:      "Outlet",
	catalog.OrgStreamer:    "Streamer",
}

// label answers GET /labels/{slug}: a distributor's or disc label's
// upcoming and past releases and its editions.
func (s *Site) label(r *http.Request) (*page, error) {
	d, err := s.svc.OrganizationDetail(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	o := d.Organization
	p := labelPage{Org: o, Calendar: "/calendar?view=list&label=" + o.Slug}
	var kinds []string
	for _, k := range o.Kinds {
		kinds = append(kinds, labelOr(orgKindLabels, k))
	}
	p.Kinds = strings.Join(kinds, " · ")
	today := isoDay(s.today())
	relByID := map[int64]catalog.Release{}
	for _, rel := range d.Releases {
		relByID[rel.ID] = rel
		if rel.Date.IsTBA() || rel.Date.Last() >= today {
			p.Upcoming = append(p.Upcoming, rel)
		} else {
			p.Past = append(p.Past, rel)
		}
	}
	slices.Reverse(p.Past) // newest first
	for _, e := range d.Editions {
		p.Editions = append(p.Editions, labelEdition{Edition: e, Release: relByID[e.ReleaseID]})
	}
	slices.SortStableFunc(p.Editions, func(a, b labelEdition) int { return b.Release.Date.Compare(a.Release.Date) })
	return &page{
		Template:    "label.html",
		Title:       o.Name,
		Description: o.Name + ": releases and editions.",
		Data:        p,
	}, nil
}
