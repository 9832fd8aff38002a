package catalog

import (
	"strings"
	"time"
)

// Person is anyone credited on a film or named in an extra.
type Person struct {
	ID          int64
	Slug        string // "sean-baker"
	Name        string
	SortName    string // "Baker, Sean"; derived from Name when empty
	BirthYear   int    // 0 if unknown
	DeathYear   int    // 0 if unknown or alive
	ExternalIDs ExternalIDs
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Normalize trims text and derives the sort name.
func (p *Person) Normalize() {
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.SortName = strings.TrimSpace(p.SortName)
	p.Slug = strings.TrimSpace(p.Slug)
	if p.SortName == "" {
		p.SortName = DefaultSortName(p.Name)
	}
}

// Validate checks every rule of a person record.
func (p *Person) Validate() error {
	if err := requiredText("name", p.Name, 300); err != nil {
		return err
	}
	if err := validText("sort_name", p.SortName, 300); err != nil {
		return err
	}
	if p.Slug != "" && !ValidSlug(p.Slug) {
		return Invalid("slug", "%q is not a slug", p.Slug)
	}
	if p.BirthYear != 0 && (p.BirthYear < 1800 || p.BirthYear > MaxYear) {
		return Invalid("birth_year", "%d is not a plausible year", p.BirthYear)
	}
	if p.DeathYear != 0 && (p.DeathYear < 1800 || p.DeathYear > MaxYear) {
		return Invalid("death_year", "%d is not a plausible year", p.DeathYear)
	}
	if p.BirthYear != 0 && p.DeathYear != 0 && p.DeathYear < p.BirthYear {
		return Invalid("death_year", "%d is before the birth year %d", p.DeathYear, p.BirthYear)
	}
	return p.ExternalIDs.validate("nm")
}

// DefaultSortName turns "Sean Baker" into "Baker, Sean". Single names and
// names with particles it cannot judge are returned as they are.
func DefaultSortName(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return name
	}
	last := f[len(f)-1]
	switch strings.ToLower(strings.TrimSuffix(last, ".")) {
	case "jr", "sr", "ii", "iii", "iv":
		if len(f) < 3 {
			return name
		}
		return f[len(f)-2] + ", " + strings.Join(f[:len(f)-2], " ") + " " + last
	}
	return last + ", " + strings.Join(f[:len(f)-1], " ")
}

// Credit ties a person to a film with a job.
type Credit struct {
	ID         int64
	FilmID     int64
	PersonID   int64
	Department Department // derived from Job when empty
	Job        string     // "director", "writer", "cinematographer", "actor", ...
	Character  string     // for cast
	Billing    int        // 1 = top billed; 0 = unordered
	Note       string     // "feature film debut", "uncredited"

	// Read-only, filled by the store on reads.
	PersonName string
	PersonSlug string
	FilmTitle  string
	FilmSlug   string
	FilmYear   int
}

// Normalize trims text and derives the department.
func (c *Credit) Normalize() {
	c.Job = strings.ToLower(strings.TrimSpace(c.Job))
	c.Character = strings.TrimSpace(c.Character)
	c.Note = strings.TrimSpace(c.Note)
	if c.Department == "" {
		c.Department = DepartmentForJob(c.Job)
	}
}

// Validate checks every rule of a credit.
func (c *Credit) Validate() error {
	if c.FilmID <= 0 {
		return Invalid("film_id", "is required")
	}
	if c.PersonID <= 0 {
		return Invalid("person_id", "is required")
	}
	if err := requiredText("job", c.Job, 100); err != nil {
		return err
	}
	if err := validEnum("department", c.Department, Departments); err != nil {
		return err
	}
	if c.Character != "" && c.Department != DeptCast && c.Department != DeptSelf && c.Department != DeptArchive {
		return Invalid("character", "only cast credits have a character (job is %q)", c.Job)
	}
	if err := validText("character", c.Character, 500); err != nil {
		return err
	}
	if c.Billing < 0 || c.Billing > 100000 {
		return Invalid("billing", "%d is not a billing position", c.Billing)
	}
	return validText("note", c.Note, 500)
}
