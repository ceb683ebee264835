package customer

import "strings"

// Abbrev is how Colombian paperwork labels the document type: "C.C.",
// "C.E." or "Pasaporte" (a passport is never "C.C.", legacy defect W-9).
func (t DocumentType) Abbrev() string {
	switch t {
	case CedulaCiudadania:
		return "C.C."
	case CedulaExtranjeria:
		return "C.E."
	case Pasaporte:
		return "Pasaporte"
	}
	return ""
}

// DocumentText is a document as it is printed: "C.C. 1036123456", or ""
// when there is no number.
func DocumentText(t DocumentType, number string) string {
	number = strings.TrimSpace(number)
	if number == "" {
		return ""
	}
	if a := t.Abbrev(); a != "" {
		return a + " " + number
	}
	return number
}
