package store

import (
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

func TestTimeRoundTrip(t *testing.T) {
	paris := time.FixedZone("CEST", 2*3600)
	in := time.Date(2024, 5, 6, 9, 8, 9, 123456789, paris)
	text := formatTime(in)
	if want := "2024-05-06T07:08:09.123456789Z"; text != want {
		t.Errorf("formatTime = %q, want %q", text, want)
	}
	var got time.Time
	if err := (timeText{&got}).Scan(text); err != nil {
		t.Fatal(err)
	}
	if !got.Equal(in) || got.Location() != time.UTC {
		t.Errorf("scanned %v (%v), want %v in UTC", got, got.Location(), in)
	}
	// Fixed width keeps text order equal to time order.
	if a, b := formatTime(in), formatTime(in.Add(time.Nanosecond-time.Microsecond)); !(b < a) {
		t.Errorf("%q should sort before %q", b, a)
	}
	if err := (timeText{&got}).Scan(nil); err != nil || !got.IsZero() {
		t.Errorf("NULL scanned to %v, %v; want the zero time", got, err)
	}
}

func TestScanLists(t *testing.T) {
	var genres []string
	if err := jsonCol(&genres).Scan("[]"); err != nil || genres != nil {
		t.Errorf(`"[]" scanned to %#v, %v; want nil`, genres, err)
	}
	if err := jsonCol(&genres).Scan([]byte(`["drama","comedy"]`)); err != nil || len(genres) != 2 {
		t.Errorf("scanned %#v, %v", genres, err)
	}
	if got := jsonList[string](nil); got != "[]" {
		t.Errorf("jsonList(nil) = %q, want []", got)
	}
	var kinds []catalog.OrgKind
	if err := enumList(&kinds).Scan("studio,distributor"); err != nil || len(kinds) != 2 || kinds[1] != catalog.OrgDistributor {
		t.Errorf("enumList scanned %#v, %v", kinds, err)
	}
	if err := enumList(&kinds).Scan(""); err != nil || kinds != nil {
		t.Errorf(`enumList("") scanned %#v, %v; want nil`, kinds, err)
	}
}

func TestFormatUnion(t *testing.T) {
	got := formatUnion([]catalog.Format{catalog.FormatUHD4K, catalog.FormatDVD, catalog.FormatUHD4K, catalog.FormatBluray})
	want := []catalog.Format{catalog.FormatDVD, catalog.FormatBluray, catalog.FormatUHD4K}
	if len(got) != len(want) {
		t.Fatalf("formatUnion = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("formatUnion = %v, want %v", got, want)
		}
	}
}
