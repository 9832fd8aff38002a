package catalog

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestParsePartialDate(t *testing.T) {
	tests := []struct {
		in        string
		want      string
		precision Precision
		wantErr   bool
	}{
		{in: "2022", want: "2022", precision: PrecisionYear},
		{in: "2022-03", want: "2022-03", precision: PrecisionMonth},
		{in: "2022-03-15", want: "2022-03-15", precision: PrecisionDay},
		{in: "2024-02-29", want: "2024-02-29", precision: PrecisionDay},
		{in: "TBA", want: "TBA", precision: PrecisionTBA},
		{in: "tba", want: "TBA", precision: PrecisionTBA},
		{in: "", want: "TBA", precision: PrecisionTBA},
		{in: "2022-02-30", wantErr: true},
		{in: "2023-02-29", wantErr: true},
		{in: "2022-13", wantErr: true},
		{in: "2022-00", wantErr: true},
		{in: "2022-03-00", wantErr: true},
		{in: "22-03-15", wantErr: true},
		{in: "2022-3-15", wantErr: true},
		{in: "2022-03-15-01", wantErr: true},
		{in: "+022", wantErr: true},
		{in: "1200", wantErr: true},
		{in: "March 2022", wantErr: true},
		{in: "2022/03/15", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParsePartialDate(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParsePartialDate(%q) = %v, want error", tt.in, d)
				}
				if KindOf(err) != KindInvalid {
					t.Errorf("error kind = %v, want invalid", KindOf(err))
				}
				return
			}
			if err != nil {
				t.Fatalf("ParsePartialDate(%q): %v", tt.in, err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if d.Precision() != tt.precision {
				t.Errorf("Precision() = %v, want %v", d.Precision(), tt.precision)
			}
		})
	}
}

func TestPartialDateRange(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"2022", "2022-01-01", "2022-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2023-02", "2023-02-01", "2023-02-28"},
		{"2022-03-15", "2022-03-15", "2022-03-15"},
		{"TBA", "", ""},
	}
	for _, tt := range tests {
		d := MustDate(tt.in)
		if d.First() != tt.first || d.Last() != tt.last {
			t.Errorf("%s: range = %q..%q, want %q..%q", tt.in, d.First(), d.Last(), tt.first, tt.last)
		}
	}
}

func TestPartialDateSortsCoarseFirstAndTBALast(t *testing.T) {
	in := []string{"TBA", "2022-03-15", "2022", "2021-12-31", "2022-03", "2022-03-01", "2023"}
	var dates []PartialDate
	for _, s := range in {
		dates = append(dates, MustDate(s))
	}
	slices.SortFunc(dates, PartialDate.Compare)
	var got []string
	for _, d := range dates {
		got = append(got, d.String())
	}
	want := []string{"2021-12-31", "2022", "2022-03", "2022-03-01", "2022-03-15", "2023", "TBA"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
}

func TestPartialDateRefines(t *testing.T) {
	tests := []struct {
		d, o string
		want bool
	}{
		{"2022-03-15", "2022-03", true},
		{"2022-03-15", "2022", true},
		{"2022-03", "TBA", true},
		{"2022-04-01", "2022-03", false},
		{"2022-03", "2022-03-15", false},
		{"2022-03", "2022-03", false},
	}
	for _, tt := range tests {
		if got := MustDate(tt.d).Refines(MustDate(tt.o)); got != tt.want {
			t.Errorf("%s.Refines(%s) = %v, want %v", tt.d, tt.o, got, tt.want)
		}
	}
}

func TestPartialDateJSON(t *testing.T) {
	type wrap struct {
		D PartialDate `json:"d"`
	}
	for _, s := range []string{"2022", "2022-03", "2022-03-15", "TBA"} {
		b, err := json.Marshal(wrap{MustDate(s)})
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"d":"` + s + `"}`; string(b) != want {
			t.Errorf("Marshal = %s, want %s", b, want)
		}
		var back wrap
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if back.D != MustDate(s) {
			t.Errorf("round trip of %s = %v", s, back.D)
		}
	}
	var w wrap
	if err := json.Unmarshal([]byte(`{"d":"2022-02-30"}`), &w); err == nil {
		t.Error("Unmarshal of 2022-02-30 succeeded, want error")
	}
}

func TestDateOfKeepsLocalCalendarDay(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	// 23:30 UTC on the 14th is already the 15th in Tokyo.
	instant := time.Date(2022, 3, 14, 23, 30, 0, 0, time.UTC)
	if got := DateOf(instant.In(tokyo)).String(); got != "2022-03-15" {
		t.Errorf("DateOf(Tokyo) = %s, want 2022-03-15", got)
	}
	if got := DateOf(instant).String(); got != "2022-03-14" {
		t.Errorf("DateOf(UTC) = %s, want 2022-03-14", got)
	}
}

func FuzzParsePartialDate(f *testing.F) {
	for _, s := range []string{"2022", "2022-03", "2022-03-15", "TBA", "2022-02-30", "", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParsePartialDate(s)
		if err != nil {
			return
		}
		again, err := ParsePartialDate(d.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", d.String(), s, err)
		}
		if again != d {
			t.Fatalf("round trip %q -> %v -> %v", s, d, again)
		}
		if !d.IsTBA() && d.First() > d.Last() {
			t.Fatalf("%v: first %s after last %s", d, d.First(), d.Last())
		}
	})
}
