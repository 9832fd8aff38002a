package extract

// Format values inside the extractor: the lexicon's format values. The
// label schema reports bluray3d as bluray.
const (
	fmtDVD        = "dvd"
	fmtBluray     = "bluray"
	fmtBluray3D   = "bluray3d"
	fmtUHD        = "uhd4k"
	fmtDigital    = "digital"
	fmtVOD        = "vod"
	fmtStreaming  = "streaming"
	fmtTheatrical = "theatrical"
	fmtFestival   = "festival"
)
