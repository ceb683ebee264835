package customer

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/validation"
)

// ProfileChanges holds the profile fields a customer wants to change; nil
// means keep. The email is not here: it belongs to the identity provider.
type ProfileChanges struct {
	Name           *string
	Phone          *string
	DocumentType   *DocumentType
	DocumentNumber *string
	Gender         *Gender
	// BirthDate is a calendar date (its clock part is ignored).
	BirthDate *time.Time
}

const maxName = 100

// mobilePhone is a Colombian mobile number: ten digits starting with 3.
var mobilePhone = regexp.MustCompile(`^3[0-9]{9}$`)

// documentRules say what a number of each document type looks like.
var documentRules = map[DocumentType]struct {
	pattern *regexp.Regexp
	rule    string
}{
	CedulaCiudadania:  {regexp.MustCompile(`^[0-9]{6,10}$`), "de 6 a 10 dígitos para una cédula de ciudadanía"},
	CedulaExtranjeria: {regexp.MustCompile(`^[A-Z0-9]{6,10}$`), "de 6 a 10 letras o dígitos para una cédula de extranjería"},
	Pasaporte:         {regexp.MustCompile(`^[A-Z0-9]{5,20}$`), "de 5 a 20 letras o dígitos para un pasaporte"},
}

// bogota is the shop's time zone, where "today" is decided. Colombia has kept
// UTC−5 without daylight saving since 1993, so a fixed zone is exact and needs
// no time zone database on the host.
var bogota = time.FixedZone("America/Bogota", -5*60*60)

// earliestBirthDate is exclusive: a birth date must be after it.
var earliestBirthDate = time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)

// UpdateProfile validates every sent field against the stored profile and
// then saves them all in one update, or nothing when any field is invalid.
func (s *Service) UpdateProfile(ctx context.Context, userID string, c ProfileChanges) (User, error) {
	oid, err := parseUserID(userID)
	if err != nil {
		return User{}, err
	}
	d, err := s.db.editProfile(ctx, oid, func(u User) (bson.D, error) { return profileUpdate(u, c, s.now()) })
	s.reindex(ctx, oid)
	if err != nil {
		return User{}, err
	}
	return d.toDomain(), nil
}

// profileUpdate checks the changes as they would leave profile u and returns
// the fields to set. The document type and number are checked as a pair and
// always written together, so a concurrent change can never leave a number
// of one type under another.
func profileUpdate(u User, c ProfileChanges, now time.Time) (bson.D, error) {
	v := &validation.Error{}
	set := bson.D{}
	if c.Name != nil {
		name := strings.TrimSpace(*c.Name)
		switch n := utf8.RuneCountInString(name); {
		case n == 0:
			v.Add("name", validation.Required, validation.MsgNotEmpty)
		case n > maxName:
			v.Add("name", validation.TooLong, validation.MaxChars(maxName))
		}
		set = append(set, bson.E{"name", name})
	}
	if c.Phone != nil {
		phone := strings.TrimSpace(*c.Phone)
		if !mobilePhone.MatchString(phone) {
			v.Add("phone", validation.InvalidFormat, validation.MsgColombianMobile)
		}
		set = append(set, bson.E{"phone", phone})
	}
	if c.DocumentType != nil || c.DocumentNumber != nil {
		docType, number := u.DocumentType, u.DocumentNumber
		if c.DocumentType != nil {
			docType = *c.DocumentType
		}
		if c.DocumentNumber != nil {
			number = strings.ToUpper(strings.TrimSpace(*c.DocumentNumber))
		}
		checkDocument(v, docType, number)
		set = append(set, bson.E{"documentType", string(docType)}, bson.E{"documentNumber", number})
	}
	if c.Gender != nil {
		switch *c.Gender {
		case Masculino, Femenino, Otro:
		default:
			v.Add("gender", validation.InvalidValue, validation.OneOf("masculino", "femenino", "otro"))
		}
		set = append(set, bson.E{"gender", string(*c.Gender)})
	}
	if c.BirthDate != nil {
		y, m, d := c.BirthDate.Date()
		date := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		ty, tm, td := now.In(bogota).Date()
		today := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)
		switch {
		case !date.After(earliestBirthDate):
			v.Add("birthDate", validation.OutOfRange, "Debe ser posterior al 1900-01-01.")
		case date.After(today):
			v.Add("birthDate", validation.OutOfRange, "No puede estar en el futuro.")
		}
		set = append(set, bson.E{"birthDate", date})
	}
	if len(set) == 0 {
		v.Add("body", validation.Required, validation.MsgNothingToChange)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return append(set, bson.E{"updatedAt", now}), nil
}

// checkDocument checks the document pair the profile would hold, naming the
// field that is missing or does not fit.
func checkDocument(v *validation.Error, docType DocumentType, number string) {
	if docType == "" {
		v.Add("documentType", validation.Required, "Es obligatorio cuando envías documentNumber.")
		return
	}
	rule, ok := documentRules[docType]
	if !ok {
		v.Add("documentType", validation.InvalidValue, validation.OneOf("cedula_ciudadania", "cedula_extranjeria", "pasaporte"))
		return
	}
	switch {
	case number == "":
		v.Add("documentNumber", validation.Required, "Es obligatorio cuando envías documentType.")
	case !rule.pattern.MatchString(number):
		v.Add("documentNumber", validation.InvalidFormat, "Debe tener "+rule.rule+".")
	}
}
