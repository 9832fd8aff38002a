package web

// countryNames holds the English short names of the countries films are
// most often released in; others are shown by their ISO code.
var countryNames = map[string]string{
	"AR": "Argentina", "AT": "Austria", "AU": "Australia", "BE": "Belgium", "BR": "Brazil",
	"CA": "Canada", "CH": "Switzerland", "CL": "Chile", "CN": "China", "CO": "Colombia",
	"CZ": "Czechia", "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "EG": "Egypt",
	"ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom", "GR": "Greece",
	"HK": "Hong Kong", "HU": "Hungary", "ID": "Indonesia", "IE": "Ireland", "IL": "Israel",
	"IN": "India", "IR": "Iran", "IS": "Iceland", "IT": "Italy", "JP": "Japan",
	"KR": "South Korea", "LB": "Lebanon", "LT": "Lithuania", "LV": "Latvia", "MA": "Morocco",
	"MX": "Mexico", "MY": "Malaysia", "NG": "Nigeria", "NL": "Netherlands", "NO": "Norway",
	"NZ": "New Zealand", "PE": "Peru", "PH": "Philippines", "PL": "Poland", "PT": "Portugal",
	"RO": "Romania", "RS": "Serbia", "RU": "Russia", "SA": "Saudi Arabia", "SE": "Sweden",
	"SG": "Singapore", "SK": "Slovakia", "SN": "Senegal", "TH": "Thailand", "TN": "Tunisia",
	"TR": "Türkiye", "TW": "Taiwan", "UA": "Ukraine", "US": "United States", "UY": "Uruguay",
	"VN": "Vietnam", "ZA": "South Africa",
}

// countryName returns a country's name, its code when the name is not
// known, or "Worldwide" for no country.
func countryName(code string) string {
	if code == "" {
		return "Worldwide"
	}
	if n, ok := countryNames[code]; ok {
		return n
	}
	return code
}
