package catalog

import (
	"strings"
	"time"
)

// Organization is a company or institution: a distributor, a disc label,
// a studio, a festival's organizer, an award body, a news outlet.
type Organization struct {
	ID        int64
	Slug      string // "lionsgate"
	Name      string
	Kinds     []OrgKind
	Country   string // ISO 3166-1 alpha-2, or ""
	Website   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalize trims text, upper-cases the country and removes duplicate kinds.
func (o *Organization) Normalize() {
	o.Name = strings.TrimSpace(o.Name)
	o.Slug = strings.TrimSpace(o.Slug)
	o.Country = strings.ToUpper(strings.TrimSpace(o.Country))
	o.Website = strings.TrimSpace(o.Website)
	o.Kinds = normalizeEnums(o.Kinds)
}

// Validate checks every rule of an organization.
func (o *Organization) Validate() error {
	if err := requiredText("name", o.Name, 300); err != nil {
		return err
	}
	if o.Slug != "" && !ValidSlug(o.Slug) {
		return Invalid("slug", "%q is not a slug", o.Slug)
	}
	for i, k := range o.Kinds {
		if err := validEnum("kinds["+itoa(i)+"]", k, OrgKinds); err != nil {
			return err
		}
	}
	if o.Country != "" && !ValidCountry(o.Country) {
		return Invalid("country", "%q is not an ISO 3166-1 alpha-2 country code", o.Country)
	}
	return validateHTTPURL("website", o.Website, false)
}

// HasKind reports whether the organization plays role k.
func (o *Organization) HasKind(k OrgKind) bool {
	for _, x := range o.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

func normalizeEnums[T ~string](in []T) []T {
	out := in[:0:0]
	seen := map[T]bool{}
	for _, v := range in {
		v = T(strings.TrimSpace(string(v)))
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	return out
}
