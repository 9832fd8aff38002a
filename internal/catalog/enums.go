package catalog

import (
	"slices"
	"strings"
)

// The enumerations below are strings on the wire and in the database.
// Each has a Valid method and a list of its values, so transports can
// reject unknown values with a clear message and document them.

// FilmStatus is where a film is in its life.
type FilmStatus string

const (
	FilmAnnounced    FilmStatus = "announced"
	FilmInProduction FilmStatus = "in_production"
	FilmCompleted    FilmStatus = "completed"
	FilmReleased     FilmStatus = "released"
	FilmCancelled    FilmStatus = "cancelled"
)

// FilmStatuses lists every FilmStatus.
var FilmStatuses = []FilmStatus{FilmAnnounced, FilmInProduction, FilmCompleted, FilmReleased, FilmCancelled}

// ReleaseType is the kind of a release event. Festival screenings and
// premieres are releases too, but a film is not "out" until a
// limited, theatrical, digital, streaming, physical or TV release.
type ReleaseType string

const (
	ReleasePremiere   ReleaseType = "premiere"
	ReleaseFestival   ReleaseType = "festival"
	ReleaseLimited    ReleaseType = "limited"
	ReleaseTheatrical ReleaseType = "theatrical"
	ReleaseDigital    ReleaseType = "digital"
	ReleaseStreaming  ReleaseType = "streaming"
	ReleasePhysical   ReleaseType = "physical"
	ReleaseTV         ReleaseType = "tv"
)

// ReleaseTypes lists every ReleaseType in life-cycle order.
var ReleaseTypes = []ReleaseType{ReleasePremiere, ReleaseFestival, ReleaseLimited, ReleaseTheatrical, ReleaseDigital, ReleaseStreaming, ReleasePhysical, ReleaseTV}

// ReleaseStatus is how certain a release is.
type ReleaseStatus string

const (
	ReleaseAnnounced ReleaseStatus = "announced"
	ReleaseConfirmed ReleaseStatus = "confirmed"
	ReleasePostponed ReleaseStatus = "postponed"
	ReleaseCancelled ReleaseStatus = "cancelled"
)

// ReleaseStatuses lists every ReleaseStatus.
var ReleaseStatuses = []ReleaseStatus{ReleaseAnnounced, ReleaseConfirmed, ReleasePostponed, ReleaseCancelled}

// Format is a home-video format of an edition.
type Format string

const (
	FormatDVD      Format = "dvd"
	FormatBluray   Format = "bluray"
	FormatBluray3D Format = "bluray3d"
	FormatUHD4K    Format = "uhd4k"
	FormatDigital  Format = "digital"
)

// Formats lists every Format.
var Formats = []Format{FormatDVD, FormatBluray, FormatBluray3D, FormatUHD4K, FormatDigital}

// Packaging is a physical packaging feature of an edition.
type Packaging string

const (
	PackagingSteelbook Packaging = "steelbook"
	PackagingSlipcover Packaging = "slipcover"
	PackagingOCard     Packaging = "o-card"
	PackagingBooklet   Packaging = "booklet"
	PackagingDigipak   Packaging = "digipak"
	PackagingBoxSet    Packaging = "box_set"
)

// Packagings lists every Packaging.
var Packagings = []Packaging{PackagingSteelbook, PackagingSlipcover, PackagingOCard, PackagingBooklet, PackagingDigipak, PackagingBoxSet}

// ExtraKind is the kind of a bonus feature.
type ExtraKind string

const (
	ExtraAudioCommentary ExtraKind = "audio_commentary"
	ExtraFeaturette      ExtraKind = "featurette"
	ExtraMakingOf        ExtraKind = "making_of"
	ExtraInterview       ExtraKind = "interview"
	ExtraDeletedScenes   ExtraKind = "deleted_scenes"
	ExtraTrailer         ExtraKind = "trailer"
	ExtraGallery         ExtraKind = "gallery"
	ExtraBooklet         ExtraKind = "booklet"
	ExtraShortFilm       ExtraKind = "short_film"
	ExtraOther           ExtraKind = "other"
)

// ExtraKinds lists every ExtraKind.
var ExtraKinds = []ExtraKind{ExtraAudioCommentary, ExtraFeaturette, ExtraMakingOf, ExtraInterview, ExtraDeletedScenes, ExtraTrailer, ExtraGallery, ExtraBooklet, ExtraShortFilm, ExtraOther}

// ExtraVintage says whether an extra was made for this edition or carried
// over from an earlier one.
type ExtraVintage string

const (
	ExtraVintageUnknown ExtraVintage = ""
	ExtraNew            ExtraVintage = "new"
	ExtraLegacy         ExtraVintage = "legacy"
)

// ExtraVintages lists every ExtraVintage, unknown included.
var ExtraVintages = []ExtraVintage{ExtraVintageUnknown, ExtraNew, ExtraLegacy}

// NominationResult is the outcome of an award nomination.
type NominationResult string

const (
	ResultNominated NominationResult = "nominated"
	ResultWon       NominationResult = "won"
	ResultLost      NominationResult = "lost"
	ResultPending   NominationResult = "pending"
	ResultWithdrawn NominationResult = "withdrawn"
)

// NominationResults lists every NominationResult.
var NominationResults = []NominationResult{ResultNominated, ResultWon, ResultLost, ResultPending, ResultWithdrawn}

// PremiereScope is how wide a premiere at a festival was.
type PremiereScope string

const (
	PremiereNone          PremiereScope = ""
	PremiereWorld         PremiereScope = "world"
	PremiereInternational PremiereScope = "international"
	PremiereNational      PremiereScope = "national"
)

// PremiereScopes lists every PremiereScope, none included.
var PremiereScopes = []PremiereScope{PremiereNone, PremiereWorld, PremiereInternational, PremiereNational}

// OrgKind is a role an organization plays. One organization may have
// several (Lionsgate distributes theatrically and releases discs).
type OrgKind string

const (
	OrgDistributor OrgKind = "distributor"
	OrgDiscLabel   OrgKind = "disc_label"
	OrgStudio      OrgKind = "studio"
	OrgFestival    OrgKind = "festival"
	OrgAwardBody   OrgKind = "award_body"
	OrgOutlet      OrgKind = "outlet"
	OrgStreamer    OrgKind = "streamer"
)

// OrgKinds lists every OrgKind.
var OrgKinds = []OrgKind{OrgDistributor, OrgDiscLabel, OrgStudio, OrgFestival, OrgAwardBody, OrgOutlet, OrgStreamer}

// SourceKind is where a source came from.
type SourceKind string

const (
	SourceArticle SourceKind = "article"
	SourceDataset SourceKind = "dataset"
	SourceManual  SourceKind = "manual"
	SourceAPI     SourceKind = "api"
)

// SourceKinds lists every SourceKind.
var SourceKinds = []SourceKind{SourceArticle, SourceDataset, SourceManual, SourceAPI}

// Department groups credit jobs the way filmographies are shown.
type Department string

const (
	DeptDirecting    Department = "directing"
	DeptWriting      Department = "writing"
	DeptCast         Department = "cast"
	DeptCamera       Department = "camera"
	DeptEditing      Department = "editing"
	DeptSound        Department = "sound"
	DeptProduction   Department = "production"
	DeptArt          Department = "art"
	DeptCostume      Department = "costume"
	DeptVisualFX     Department = "visual_effects"
	DeptCrew         Department = "crew"
	DeptSelf         Department = "self"
	DeptArchive      Department = "archive"
	DeptUnclassified Department = "other"
)

// Departments lists every Department.
var Departments = []Department{DeptDirecting, DeptWriting, DeptCast, DeptCamera, DeptEditing, DeptSound, DeptProduction, DeptArt, DeptCostume, DeptVisualFX, DeptCrew, DeptSelf, DeptArchive, DeptUnclassified}

// jobDepartments maps the common job names to their department, so a
// credit given only a job ("cinematographer") gets its department.
var jobDepartments = map[string]Department{
	"director": DeptDirecting, "co-director": DeptDirecting,
	"writer": DeptWriting, "screenplay": DeptWriting, "story": DeptWriting, "novel": DeptWriting,
	"actor": DeptCast, "actress": DeptCast, "voice": DeptCast,
	"cinematographer": DeptCamera, "director of photography": DeptCamera,
	"editor":   DeptEditing,
	"composer": DeptSound, "sound designer": DeptSound,
	"producer": DeptProduction, "executive producer": DeptProduction, "co-producer": DeptProduction, "casting director": DeptProduction,
	"production designer": DeptArt, "art director": DeptArt,
	"costume designer": DeptCostume,
	"self":             DeptSelf, "archive footage": DeptArchive,
}

// DepartmentForJob returns the department a job belongs to, or
// DeptUnclassified for a job it does not know.
func DepartmentForJob(job string) Department {
	if d, ok := jobDepartments[strings.ToLower(strings.TrimSpace(job))]; ok {
		return d
	}
	return DeptUnclassified
}

// validEnum checks v against the allowed values and builds the error
// message that lists them.
func validEnum[T ~string](field string, v T, allowed []T) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	names := make([]string, 0, len(allowed))
	for _, a := range allowed {
		if a != "" {
			names = append(names, string(a))
		}
	}
	return Invalid(field, "unknown value %q (want one of %s)", string(v), strings.Join(names, ", "))
}

// ParseEnum returns s as a T if it is one of allowed, else a KindInvalid
// error naming field and listing the allowed values.
func ParseEnum[T ~string](field, s string, allowed []T) (T, error) {
	v := T(s)
	return v, validEnum(field, v, allowed)
}
