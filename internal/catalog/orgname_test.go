package catalog

import "testing"

func TestOrganizationNameKeys(t *testing.T) {
	tests := []struct {
		name string
		want OrgNameKeys
	}{
		{"The Criterion Collection", OrgNameKeys{"the criterion collection", "criterion"}},
		{"Criterion", OrgNameKeys{"criterion", "criterion"}},
		{"Lionsgate Home Entertainment", OrgNameKeys{"lionsgate home entertainment", "lionsgate"}},
		{"Universal Pictures Home Entertainment", OrgNameKeys{"universal pictures home entertainment", "universal"}},
		{"Arrow Video", OrgNameKeys{"arrow video", "arrow"}},
		{"Shout! Factory", OrgNameKeys{"shout! factory", "shout factory"}},
		{"  Kino   Lorber, Inc. ", OrgNameKeys{"kino lorber, inc.", "kino lorber"}},
		{"Studio Éclair Films Ltd", OrgNameKeys{"studio eclair films ltd", "studio eclair"}},
		{"B&W Films", OrgNameKeys{"b&w films", "b and w"}},
		{"The Film Company", OrgNameKeys{"the film company", "film"}},
		{"Pictures", OrgNameKeys{"pictures", "pictures"}},
		{"The", OrgNameKeys{"the", "the"}},
		{"  ", OrgNameKeys{"", ""}},
	}
	for _, tt := range tests {
		if got := OrganizationNameKeys(tt.name); got != tt.want {
			t.Errorf("OrganizationNameKeys(%q) = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestMatchOrganizationName(t *testing.T) {
	tests := []struct {
		query, name string
		want        OrgNameMatch
	}{
		{"Criterion", "The Criterion Collection", OrgNameCore},
		{"Lionsgate Home Entertainment", "Lionsgate", OrgNameCore},
		{"Arrow", "Arrow Video", OrgNameCore},
		{"Kino", "Kino Lorber", OrgNamePrefix},
		{"Shout Factory", "Shout! Factory", OrgNameCore},
		{"Universal Pictures Home Entertainment", "Universal", OrgNameCore},
		{"Lions Gate Films", "Lionsgate", OrgNameCore},
		{"ARROW VIDEO", "Arrow Video", OrgNameExact},
		{"Arrow Video", "Arrow Films", OrgNameCore},
		{"Kino Lorber", "Kino", OrgNameNone}, // a long name does not find a short one
		{"Sony Pictures Classics", "Sony Pictures", OrgNameNone},
		{"Arrow", "Arrowhead", OrgNameNone},
		{"Second Sight", "Second Run", OrgNameNone},
		{"", "Arrow Video", OrgNameNone},
	}
	for _, tt := range tests {
		if got := MatchOrganizationName(tt.query, tt.name); got != tt.want {
			t.Errorf("MatchOrganizationName(%q, %q) = %d, want %d", tt.query, tt.name, got, tt.want)
		}
	}
}
