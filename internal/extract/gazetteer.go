package extract

// General knowledge the recognisers use: labels and distributors,
// festivals, awards, credit roles, bonus-feature vocabulary and the
// words that cue a film title. Nothing here names a film or a person.

// labelNames are home-video labels, distributors and studios. A name may
// be followed by a corporate suffix (see orgSuffixes), which is kept.
var labelNames = []string{
	"Lionsgate", "Lions Gate", "The Criterion Collection", "Criterion Collection", "Criterion",
	"Arrow Video", "Arrow Films", "Arrow Academy", "Eureka Entertainment", "Eureka Video", "Eureka",
	"Kino Lorber", "Kino Classics", "Shout! Factory", "Shout Factory", "Scream Factory", "Shout Studios",
	"Severin Films", "Severin", "Vinegar Syndrome", "Second Sight", "88 Films", "Indicator",
	"Powerhouse Films", "BFI", "Radiance Films", "Umbrella Entertainment", "Via Vision", "Imprint Films",
	"Blue Underground", "Synapse Films", "Mondo Macabro", "Grindhouse Releasing", "Cinema Guild",
	"Film Movement", "Janus Films", "Music Box Films", "Oscilloscope Laboratories", "Oscilloscope",
	"Magnolia Pictures", "Magnolia", "IFC Films", "IFC Midnight", "Sundance Selects", "A24", "Neon",
	"Focus Features", "Universal Pictures", "Universal", "Warner Bros.", "Warner Brothers", "Warner Archive",
	"Paramount Pictures", "Paramount", "Sony Pictures", "Sony", "Columbia Pictures", "Walt Disney Studios",
	"Disney", "Buena Vista", "20th Century Fox", "20th Century Studios", "MGM", "Well Go USA",
	"Cohen Media Group", "Strand Releasing", "Zeitgeist Films", "KimStim", "MVD Visual", "MVD Entertainment Group",
	"Image Entertainment", "Anchor Bay", "Scorpion Releasing", "Code Red", "Olive Films", "Twilight Time",
	"Flicker Alley", "Milestone Films", "Cult Epics", "Deaf Crocodile", "American Genre Film Archive", "AGFA",
	"Gravitas Ventures", "Screen Media", "RLJE Films", "Mill Creek Entertainment", "StudioCanal", "Studiocanal",
	"Curzon", "Signature Entertainment", "Altitude Films", "Dogwoof", "Entertainment One", "eOne",
	"Reprise Records", "Samuel Goldwyn Films", "Bleecker Street", "Roadside Attractions", "Greenwich Entertainment",
	"Utopia", "Dark Star Pictures", "Saban Films", "Vertical Entertainment", "Cinedigm", "Film Masters",
	"Unearthed Films", "Terror Vision", "Visual Vengeance", "Arrow", "Mubi", "MUBI",
}

// orgSuffixes extend a label name: "Lionsgate Home Entertainment".
var orgSuffixes = []string{
	"Home Entertainment", "Home Video", "Entertainment", "Studio Classics", "Studios", "Studio",
	"Pictures", "Films", "Video", "Records", "Releasing", "Distribution",
}

// genericOrgSuffixes make any capitalized name an organization.
var genericOrgSuffixes = []string{"Home Entertainment", "Home Video", "Entertainment", "Releasing", "Distribution", "Records"}

// streamers are services a film streams on.
var streamers = []string{
	"Netflix", "Hulu", "Prime Video", "Amazon Prime Video", "Amazon Prime", "Disney+", "HBO Max", "Max",
	"Peacock", "Paramount+", "Apple TV+", "Shudder", "Criterion Channel", "Tubi", "Kanopy", "Starz", "Showtime",
}

// festival is a festival's canonical name and the words that name it.
type festival struct {
	name    string
	aliases []string
}

var festivals = []festival{
	{"Cannes Film Festival", []string{"Cannes Film Festival", "Festival de Cannes", "Cannes"}},
	{"Sundance Film Festival", []string{"Sundance Film Festival", "Sundance"}},
	{"Venice Film Festival", []string{"Venice International Film Festival", "Venice Film Festival", "Venice"}},
	{"Berlin International Film Festival", []string{"Berlin International Film Festival", "Berlin Film Festival", "Berlinale"}},
	{"Toronto International Film Festival", []string{"Toronto International Film Festival", "Toronto Film Festival", "TIFF"}},
	{"Telluride Film Festival", []string{"Telluride Film Festival", "Telluride"}},
	{"Tribeca Film Festival", []string{"Tribeca Film Festival", "Tribeca Festival", "Tribeca"}},
	{"South by Southwest Film Festival", []string{"South By Southwest Film Festival", "South by Southwest Film Festival", "South by Southwest", "South By Southwest", "SXSW"}},
	{"Fantastic Fest", []string{"Fantastic Fest"}},
	{"Fantasia International Film Festival", []string{"Fantasia International Film Festival", "Fantasia Film Festival", "Fantasia Festival"}},
	{"Sitges Film Festival", []string{"Sitges Film Festival", "Sitges"}},
	{"Locarno Film Festival", []string{"Locarno Film Festival", "Locarno"}},
	{"International Film Festival Rotterdam", []string{"International Film Festival Rotterdam", "Rotterdam Film Festival", "IFFR"}},
	{"Karlovy Vary International Film Festival", []string{"Karlovy Vary International Film Festival", "Karlovy Vary"}},
	{"San Sebastián Film Festival", []string{"San Sebastián Film Festival", "San Sebastian Film Festival"}},
	{"New York Film Festival", []string{"New York Film Festival", "NYFF"}},
	{"BFI London Film Festival", []string{"BFI London Film Festival", "London Film Festival"}},
	{"Busan International Film Festival", []string{"Busan International Film Festival", "Busan"}},
	{"AFI Fest", []string{"AFI Fest", "AFI FEST"}},
	{"Slamdance Film Festival", []string{"Slamdance Film Festival", "Slamdance"}},
	{"FrightFest", []string{"FrightFest", "Frightfest"}},
	{"Beyond Fest", []string{"Beyond Fest"}},
}

// festivalAwards are prizes of one festival.
var festivalAwards = map[string]string{
	"Palme d'Or": "Cannes Film Festival", "Palme d’Or": "Cannes Film Festival",
	"Caméra d'Or": "Cannes Film Festival", "Caméra d’Or": "Cannes Film Festival",
	"Camera d'Or": "Cannes Film Festival", "Camera d’Or": "Cannes Film Festival",
	"Grand Prix": "", "Jury Prize": "",
	"Golden Lion": "Venice Film Festival", "Silver Lion": "Venice Film Festival",
	"Golden Bear": "Berlin International Film Festival", "Silver Bear": "Berlin International Film Festival",
	"Grand Jury Prize":      "Sundance Film Festival",
	"People's Choice Award": "Toronto International Film Festival", "People’s Choice Award": "Toronto International Film Festival",
	"Audience Award": "",
}

// otherAwards are ceremonies that are not festivals.
var otherAwards = []string{
	"Academy Awards", "Academy Award", "Oscars", "Oscar", "Golden Globes", "Golden Globe",
	"BAFTAs", "BAFTA", "Critics Choice Awards", "Critics Choice Award", "Independent Spirit Awards",
	"Independent Spirit Award", "César", "Goya", "Emmy", "Emmys", "Gotham Awards",
}

// creditRole is what a role word before a name makes of the person.
type creditRole uint8

const (
	roleNone     creditRole = 0
	roleDirector creditRole = 1 << iota
	roleWriter
	roleCast
)

// roleWords are lowercase role nouns, longest first where one extends
// another.
var roleWords = map[string]creditRole{
	"writer-director": roleDirector | roleWriter, "writer/director": roleDirector | roleWriter,
	"director-writer": roleDirector | roleWriter, "writer and director": roleDirector | roleWriter,
	"director and co-writer": roleDirector | roleWriter, "director and writer": roleDirector | roleWriter,
	"director": roleDirector, "co-director": roleDirector, "filmmaker": roleDirector, "filmmakers": roleDirector,
	"directors":    roleDirector,
	"screenwriter": roleWriter, "writer": roleWriter, "co-writer": roleWriter, "screenwriters": roleWriter,
	"writers": roleWriter, "co-writers": roleWriter,
	"actor": roleCast, "actress": roleCast, "actors": roleCast, "actresses": roleCast,
	"lead actor": roleCast, "lead actress": roleCast, "star": roleCast, "co-star": roleCast,
	"stars": roleCast, "co-stars": roleCast, "cast member": roleCast, "cast members": roleCast,
	"producer": roleNone, "producers": roleNone, "executive producer": roleNone, "co-producer": roleNone,
	"cinematographer": roleNone, "director of photography": roleNone, "editor": roleNone,
	"composer": roleNone, "critic": roleNone, "film critic": roleNone, "film historian": roleNone,
	"historian": roleNone, "author": roleNone, "journalist": roleNone, "scholar": roleNone,
	"programmer": roleNone, "production designer": roleNone, "costume designer": roleNone,
	"artist": roleNone, "musician": roleNone, "novelist": roleNone, "writer-producer": roleWriter,
	"host": roleNone, "moderator": roleNone, "biographer": roleNone, "filmmaker and critic": roleNone,
}

// genreNouns, right before a capitalized run, mark it as a film title:
// "the courtroom drama Saint Omer".
var genreNouns = map[string]bool{
	"film": true, "movie": true, "picture": true, "feature": true, "documentary": true, "doc": true,
	"drama": true, "comedy": true, "thriller": true, "horror": true, "satire": true, "western": true,
	"musical": true, "classic": true, "masterpiece": true, "slasher": true, "adventure": true, "epic": true,
	"romance": true, "fantasy": true, "sci-fi": true, "noir": true, "mystery": true, "biopic": true,
	"sequel": true, "prequel": true, "remake": true, "reboot": true, "melodrama": true, "chiller": true,
	"shocker": true, "actioner": true, "animation": true, "anime": true, "debut": true, "swashbuckler": true,
	"cartoon": true, "procedural": true, "headscratcher": true, "favorite": true, "favourite": true,
}

// boxSetNouns end a box-set title: "Dino Park five-film collection".
var boxSetNouns = map[string]bool{"collection": true, "box": true, "trilogy": true, "anthology": true, "quadrilogy": true, "saga": true, "set": true}

// notNameWords are capitalized words that never start a person's name.
var notNameWords = map[string]bool{
	"the": true, "a": true, "an": true, "my": true, "your": true, "our": true, "his": true, "her": true,
	"their": true, "its": true, "this": true, "that": true, "these": true, "those": true, "new": true,
	"best": true, "more": true, "also": true, "and": true, "both": true, "all": true, "every": true,
}

// sentenceStarters are capitalized words that begin sentences and are not
// names or titles on their own.
var sentenceStarters = map[string]bool{
	"a": true, "an": true, "the": true, "after": true, "although": true, "also": true, "and": true, "as": true,
	"at": true, "before": true, "both": true, "but": true, "by": true, "check": true, "critics": true,
	"due": true, "during": true, "each": true, "even": true, "extras": true, "finally": true, "for": true,
	"from": true, "good": true, "here": true, "here's": true, "here’s": true, "however": true, "i": true, "if": true, "in": true,
	"it": true, "its": true, "it's": true, "it’s": true, "later": true, "meanwhile": true, "more": true, "most": true,
	"movie": true, "movies": true, "next": true, "not": true, "now": true, "of": true, "on": true, "once": true,
	"one": true, "our": true, "plus": true, "since": true, "so": true, "some": true, "speaking": true,
	"still": true, "subscribe": true, "that": true, "their": true, "then": true, "there": true, "these": true,
	"they": true, "this": true, "those": true, "to": true, "trading": true, "taking": true, "unemployed": true,
	"very": true, "we": true, "we'll": true, "we’ll": true, "we're": true, "we’re": true, "well": true,
	"what": true, "when": true, "where": true, "which": true, "while": true, "who": true, "why": true,
	"will": true, "with": true, "yet": true, "you": true, "your": true, "you'll": true, "you’ll": true,
	"based": true, "directed": true, "released": true, "available": true, "classic": true, "big": true,
	"label": true, "duration": true, "video": true, "rating": true, "source": true, "dear": true,
	"additionally": true, "alongside": true, "new": true, "don't": true, "don’t": true, "over": true,
	"just": true, "many": true, "few": true, "any": true, "no": true, "another": true, "follow": true,
	"inside": true, "click": true, "read": true, "watch": true, "see": true, "get": true, "buy": true,
	"pre-order": true, "preorder": true, "bonus": true, "special": true, "features": true, "supplements": true, "order": true, "like": true, "only": true, "though": true,
}

// connectors may join the capitalized words of a title or name.
var connectors = map[string]bool{
	"of": true, "the": true, "a": true, "an": true, "and": true, "in": true, "on": true, "to": true,
	"for": true, "from": true, "with": true, "at": true, "by": true, "de": true, "du": true, "des": true,
	"la": true, "le": true, "el": true, "von": true, "van": true, "der": true, "den": true, "da": true,
	"di": true, "vs": true, "vs.": true, "v": true, "v.": true, "or": true, "&": true,
	"into": true, "over": true, "under": true, "without": true, "about": true, "upon": true,
}

// titleStopWords are capitalized words that end a title run: format and
// calendar words that follow titles in announcements.
var titleStopWords = map[string]bool{
	"dvd": true, "blu-ray": true, "blu-raytm": true, "4k": true, "uhd": true, "bd": true, "bd/dvd": true,
	"digital": true, "vod": true,
}
