package store

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

const orgColumns = `o.id, o.slug, o.name,
	COALESCE((SELECT string_agg(k.kind, ',' ORDER BY k.position) FROM organization_kinds k WHERE k.organization_id = o.id), ''),
	o.country, o.website, o.created_at, o.updated_at`

func scanOrganization(s scanner) (catalog.Organization, error) {
	var o catalog.Organization
	err := s.Scan(&o.ID, &o.Slug, &o.Name, enumList(&o.Kinds), &o.Country, &o.Website,
		timeText{&o.CreatedAt}, timeText{&o.UpdatedAt})
	return o, err
}

// orgOrder sorts organizations by folded name, then ID.
func orgOrder() keyset {
	return keyset{columns: []string{"o.name_fold", "o.id"}, kinds: []keyKind{textKey, intKey}}
}

func orgKey(o catalog.Organization) []any { return []any{catalog.FoldText(o.Name), o.ID} }

func orgUniqueKey(o *catalog.Organization) uniqueKey {
	return unique("slug", "organization slug %q already exists", o.Slug)
}

// CreateOrganization stores o and sets its ID; an empty slug is derived
// from the name.
func (q *queries) CreateOrganization(ctx context.Context, o *catalog.Organization) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "organizations", &o.Slug, catalog.Slugify(o.Name), "organization", 0); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO organizations (slug, name, name_fold, country, website, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			o.Slug, o.Name, catalog.FoldText(o.Name), o.Country, o.Website, formatTime(o.CreatedAt), formatTime(o.UpdatedAt))
		if err != nil {
			return q.writeError(err, orgUniqueKey(o))
		}
		o.ID = id
		return q.insertOrgKinds(ctx, o)
	})
}

// UpdateOrganization replaces the stored organization o.ID with o; its
// creation time is kept.
func (q *queries) UpdateOrganization(ctx context.Context, o *catalog.Organization) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "organizations", &o.Slug, catalog.Slugify(o.Name), "organization", o.ID); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "organization", o.ID, `UPDATE organizations SET slug = ?, name = ?, name_fold = ?,
			country = ?, website = ?, updated_at = ? WHERE id = ?`,
			o.Slug, o.Name, catalog.FoldText(o.Name), o.Country, o.Website, formatTime(o.UpdatedAt), o.ID)
		if err != nil {
			return q.writeError(err, orgUniqueKey(o))
		}
		if _, err := q.exec(ctx, "DELETE FROM organization_kinds WHERE organization_id = ?", o.ID); err != nil {
			return q.dbError(err)
		}
		return q.insertOrgKinds(ctx, o)
	})
}

func (q *queries) insertOrgKinds(ctx context.Context, o *catalog.Organization) error {
	if len(o.Kinds) == 0 {
		return nil
	}
	rows := make([]string, len(o.Kinds))
	args := make([]any, 0, 3*len(o.Kinds))
	for i, k := range o.Kinds {
		rows[i] = "(?, ?, ?)"
		args = append(args, o.ID, string(k), i)
	}
	_, err := q.exec(ctx, "INSERT INTO organization_kinds (organization_id, kind, position) VALUES "+strings.Join(rows, ", "), args...)
	return q.dbError(err)
}

// DeleteOrganization deletes an organization that no release or edition
// refers to.
func (q *queries) DeleteOrganization(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		err := q.checkUnreferenced(ctx, "organization", id,
			referrer{"releases", "SELECT 1 FROM releases WHERE distributor_id = ?"},
			referrer{"editions", "SELECT 1 FROM editions WHERE label_id = ?"})
		if err != nil {
			return err
		}
		return q.deleteRecord(ctx, catalog.EntityOrganization, "organization", "organizations", id)
	})
}

func (q *queries) GetOrganization(ctx context.Context, id int64) (catalog.Organization, error) {
	return queryOne(ctx, q, scanOrganization, "organization", id,
		"SELECT "+orgColumns+" FROM organizations o WHERE o.id = ?", id)
}

func (q *queries) GetOrganizationBySlug(ctx context.Context, slug string) (catalog.Organization, error) {
	return queryOne(ctx, q, scanOrganization, "organization", slug,
		"SELECT "+orgColumns+" FROM organizations o WHERE o.slug = ?", slug)
}

// ListOrganizations returns a page of organizations matching f by folded
// name, then ID.
func (q *queries) ListOrganizations(ctx context.Context, f catalog.OrganizationFilter) ([]catalog.Organization, string, error) {
	var w conds
	if query := strings.TrimSpace(catalog.FoldText(f.Query)); query != "" {
		w.add(`o.name_fold LIKE ? ESCAPE '\'`, likeContains(query))
	}
	if f.Kind != "" {
		w.add("EXISTS (SELECT 1 FROM organization_kinds k WHERE k.organization_id = o.id AND k.kind = ?)", string(f.Kind))
	}
	if err := orgOrder().after(&w, f.After); err != nil {
		return nil, "", err
	}
	limit := f.Effective()
	orgs, err := queryAll(ctx, q, scanOrganization,
		"SELECT "+orgColumns+" FROM organizations o"+w.where()+orgOrder().orderBy()+" LIMIT ?", append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	orgs, next := page(orgs, limit, orgKey)
	return orgs, next, nil
}

// FindOrganizationsByName returns the organizations whose name matches
// name by catalog.MatchOrganizationName, closest first. The names the
// comparison needs (catalog.OrganizationNameKeys) are computed, not
// stored, so a new name variant needs no migration; SQL narrows the rows
// to those whose folded name, without spaces, dots, apostrophes and
// hyphens, contains the longest word of name's core (every kind of match
// implies it), and Go ranks them.
func (q *queries) FindOrganizationsByName(ctx context.Context, name string) ([]catalog.Organization, error) {
	keys := catalog.OrganizationNameKeys(name)
	word := ""
	for _, w := range strings.Fields(keys.Core) {
		if len(w) > len(word) && w != "and" {
			word = w
		}
	}
	if word == "" {
		return nil, nil
	}
	compact := `replace(replace(replace(replace(o.name_fold, ' ', ''), '.', ''), '''', ''), '-', '')`
	orgs, err := queryAll(ctx, q, scanOrganization, "SELECT "+orgColumns+" FROM organizations o WHERE o.name_fold = ? OR "+
		compact+` LIKE ? ESCAPE '\'`, keys.Fold, likeContains(word))
	if err != nil {
		return nil, err
	}
	match := make(map[int64]catalog.OrgNameMatch, len(orgs))
	orgs = slices.DeleteFunc(orgs, func(o catalog.Organization) bool {
		match[o.ID] = catalog.MatchOrganizationName(name, o.Name)
		return match[o.ID] == catalog.OrgNameNone
	})
	slices.SortFunc(orgs, func(a, b catalog.Organization) int {
		return cmp.Or(cmp.Compare(match[b.ID], match[a.ID]),
			strings.Compare(catalog.FoldText(a.Name), catalog.FoldText(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	return orgs, nil
}
