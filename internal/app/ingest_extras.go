package app

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

var clockRuntimeRE = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?$`)

var runtimeRE = regexp.MustCompile(`(?i)(?:(\d+)\s*(?:h|hours?|hrs?)\.?\s*)?(?:(\d+)\s*(?:m|mins?|minutes?)\.?)?(?:\s*(\d+)\s*(?:s|secs?|seconds?)\.?)?`)

// parseRuntime reads "22 min", "1 hr 5 mins", "90 minutes" as seconds.
func parseRuntime(s string) int {
	if m := clockRuntimeRE.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if m[3] == "" {
			return a*60 + b // mm:ss
		}
		c, _ := strconv.Atoi(m[3])
		return a*3600 + b*60 + c
	}
	m := runtimeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[0] == "" {
		return 0
	}
	h, _ := strconv.Atoi(m[1])
	min, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	return h*3600 + min*60 + sec
}

// extra places one extracted extra on each of the article's disc
// editions it belongs to (all of them, or those of its exclusive
// formats).
func (fp *filmPlan) extra(ctx context.Context, i int, ex extract.Extra, editions []placedEdition) error {
	var exclusive []catalog.Format
	for _, f := range ex.Formats {
		if _, format, ok := releaseTypeOf(f); ok && format != "" {
			exclusive = append(exclusive, format)
		}
	}
	targets := editions
	if len(exclusive) > 0 {
		targets = slices.DeleteFunc(slices.Clone(editions), func(pe placedEdition) bool { return !slices.Contains(exclusive, pe.format) })
	}
	if len(targets) == 0 {
		fp.note("%s: extra %s is stated, but the article names no disc edition to put it on; skipped", fp.film.Title, extraLabel(ex))
		return nil
	}
	for _, pe := range targets {
		if err := fp.extraOn(ctx, i, ex, pe, exclusive); err != nil {
			return err
		}
	}
	return nil
}

func extraLabel(ex extract.Extra) string {
	if ex.Title != "" {
		return strconv.Quote(ex.Title)
	}
	return strings.ReplaceAll(string(ex.Kind), "_", " ")
}

func (fp *filmPlan) extraOn(ctx context.Context, i int, ex extract.Extra, pe placedEdition, exclusive []catalog.Format) error {
	f := fp.fact(ex.Evidence, ex.Confidence)
	key := catalog.Slugify(ex.Title)
	if key == "" {
		key = strconv.Itoa(i + 1)
	}
	id := fmt.Sprintf("extra:%s%s:%s:%s:%s", fp.key, pe.suffix, pe.format, ex.Kind, key)
	var existing []catalog.Extra
	if pe.edition.ID != 0 {
		var err error
		if existing, err = fp.q.ListExtras(ctx, catalog.ExtraFilter{EditionID: pe.edition.ID}); err != nil {
			return err
		}
	}
	if j := matchExtra(existing, ex); j >= 0 {
		ref := catalog.EntityRef{Type: catalog.EntityExtra, ID: existing[j].ID}
		return fp.cite(ctx, "cite:"+id, ref, fp.film.ID, "", "", false, f, fmt.Sprintf("cite the article for the %s on the %s edition", extraLabel(ex), formatName(pe.format)))
	}
	x := catalog.Extra{EditionID: pe.edition.ID, Kind: ex.Kind, Title: ex.Title, Vintage: ex.Vintage,
		RuntimeSeconds: parseRuntime(ex.Runtime), ExclusiveFormats: exclusive}
	var roleOnly []string
	depends := firstOf(pe.change, fp.depends)
	for _, part := range ex.Participants {
		if part.Name == "" {
			if part.Role != "" {
				roleOnly = append(roleOnly, part.Role)
			}
			continue
		}
		person, personChange, ok, err := fp.person(ctx, part.Name, f)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		depends = firstOf(depends, personChange)
		if !slices.ContainsFunc(x.Participants, func(p catalog.Participant) bool { return p.PersonID == person.ID }) {
			x.Participants = append(x.Participants, catalog.Participant{PersonID: person.ID, Role: part.Role, PersonName: person.Name})
		}
	}
	if len(roleOnly) > 0 {
		x.Description = "With the " + strings.Join(roleOnly, " and the ") + "."
	}
	x.Normalize()
	check := x
	if check.EditionID == 0 {
		check.EditionID = 1 // not created in this run; the rest must still be valid
	}
	if err := check.Validate(); err != nil {
		fp.note("%s: extra %s: %v; skipped", fp.film.Title, extraLabel(ex), err)
		return nil
	}
	c := fp.change(id, ChangeCreate, catalog.EntityExtra, f, depends, "add the %s to the %s edition%s", extraLabel(ex), formatName(pe.format), withParticipants(x.Participants, roleOnly))
	if !fp.step(c) || pe.edition.ID == 0 {
		return nil
	}
	if err := fp.q.CreateExtra(ctx, &x); err != nil {
		return err
	}
	if err := fp.s.extraEvents(ctx, fp.q, x, fp.film.ID); err != nil {
		return err
	}
	if err := fp.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityExtra, ID: x.ID}, fp.film.ID, c, "", ""); err != nil {
		return err
	}
	for _, p := range x.Participants {
		if err := fp.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityParticipant, ID: p.ID}, fp.film.ID, c, "", ""); err != nil {
			return err
		}
	}
	return nil
}

func withParticipants(parts []catalog.Participant, roleOnly []string) string {
	var names []string
	for _, p := range parts {
		if p.Role != "" {
			names = append(names, p.PersonName+" ("+p.Role+")")
		} else {
			names = append(names, p.PersonName)
		}
	}
	names = append(names, roleOnly...)
	if len(names) == 0 {
		return ""
	}
	return " with " + strings.Join(names, ", ")
}

// matchExtra returns the index of the catalog extra that is the one
// extracted, or -1: the same kind and title; or, when the article gives
// no title, the same kind and a shared participant, or the only extra of
// that kind when the article names no participant.
func matchExtra(existing []catalog.Extra, ex extract.Extra) int {
	if ex.Title != "" {
		return slices.IndexFunc(existing, func(x catalog.Extra) bool {
			return x.Kind == ex.Kind && catalog.FoldText(x.Title) == catalog.FoldText(ex.Title)
		})
	}
	named := false
	for _, p := range ex.Participants {
		if p.Name == "" {
			continue
		}
		named = true
		if i := slices.IndexFunc(existing, func(x catalog.Extra) bool {
			return x.Kind == ex.Kind && slices.ContainsFunc(x.Participants, func(q catalog.Participant) bool {
				return catalog.FoldText(q.PersonName) == catalog.FoldText(p.Name)
			})
		}); i >= 0 {
			return i
		}
	}
	if named {
		return -1
	}
	only := -1
	for i, x := range existing {
		if x.Kind == ex.Kind {
			if only >= 0 {
				return -1
			}
			only = i
		}
	}
	return only
}
