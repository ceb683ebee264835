package httpapi

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// The contract validator (kin-openapi) explains in English. Its errors are
// translated here from their structure — the schema keyword that failed, the
// schema and the value — never from the English text, so a new wording
// upstream cannot leak into a Spanish interface.

// schemaFieldErrors turns one schema error into field errors. base names the
// parameter ("" for a body), the error's JSON pointer the field inside it.
func schemaFieldErrors(base string, se *openapi3.SchemaError) []FieldError {
	path := strings.Join(se.JSONPointer(), ".")
	field := joinField(base, path)
	s := se.Schema
	if s == nil {
		s = &openapi3.Schema{}
	}
	switch se.SchemaField {
	case "required":
		// kin-openapi points at the missing property itself.
		return []FieldError{{Field: field, Code: validation.Required, Message: validation.MsgRequired}}
	case "properties", "additionalProperties":
		// The pointer is the object; name each field it does not take.
		obj, _ := se.Value.(map[string]any)
		var out []FieldError
		for _, k := range sortedKeys(obj) {
			if _, known := s.Properties[k]; !known {
				out = append(out, FieldError{Field: joinField(field, k), Code: validation.UnknownField,
					Message: "Este campo no existe en esta operación."})
			}
		}
		if len(out) == 0 {
			out = append(out, FieldError{Field: field, Code: validation.UnknownField, Message: "Este campo no existe en esta operación."})
		}
		return out
	case "readOnly":
		return []FieldError{{Field: field, Code: validation.ReadOnly, Message: "Este campo lo asigna el servidor; no lo envíes."}}
	case "minLength":
		return []FieldError{{Field: field, Code: tooShortCode(s.MinLength), Message: validation.MinChars(int(s.MinLength))}}
	case "maxLength":
		return []FieldError{{Field: field, Code: validation.TooLong, Message: validation.MaxChars(int(deref(s.MaxLength)))}}
	case "minItems":
		return []FieldError{{Field: field, Code: tooShortCode(s.MinItems), Message: fmt.Sprintf("Debe tener al menos %d elementos.", s.MinItems)}}
	case "maxItems":
		return []FieldError{{Field: field, Code: validation.TooLong, Message: fmt.Sprintf("Debe tener como máximo %d elementos.", deref(s.MaxItems))}}
	case "minProperties", "maxProperties":
		return []FieldError{{Field: field, Code: validation.InvalidValue, Message: "No tiene la cantidad de campos permitida."}}
	case "uniqueItems":
		return []FieldError{{Field: field, Code: validation.Duplicate, Message: "No puede tener elementos repetidos."}}
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		return []FieldError{{Field: field, Code: validation.OutOfRange, Message: rangeMessage(s)}}
	case "multipleOf":
		return []FieldError{{Field: field, Code: validation.InvalidValue,
			Message: "Debe ser múltiplo de " + formatNumber(deref(s.MultipleOf)) + "."}}
	case "pattern":
		return []FieldError{{Field: field, Code: validation.InvalidFormat, Message: patternMessage(s)}}
	case "format":
		return []FieldError{{Field: field, Code: validation.InvalidFormat, Message: formatMessage(s.Format)}}
	case "enum":
		return []FieldError{{Field: field, Code: validation.InvalidValue, Message: enumMessage(s.Enum)}}
	case "type":
		return []FieldError{{Field: field, Code: validation.InvalidType, Message: typeMessage(s)}}
	case "nullable":
		return []FieldError{{Field: field, Code: validation.InvalidType, Message: "No puede ser null."}}
	default:
		// oneOf, anyOf, allOf, not, discriminator: the contract uses none
		// today; say what is known without the validator's words.
		return []FieldError{{Field: field, Code: validation.InvalidValue, Message: "El valor no es válido para este campo."}}
	}
}

// parameterFieldErrors translates the failure of one parameter.
func parameterFieldErrors(p *openapi3.Parameter, err error) []FieldError {
	var s *openapi3.Schema
	if p.Schema != nil {
		s = p.Schema.Value
	}
	var pe *openapi3filter.ParseError
	var se *openapi3.SchemaError
	switch {
	case errors.Is(err, openapi3filter.ErrInvalidRequired):
		return []FieldError{{Field: p.Name, Code: validation.Required, Message: requiredParameterMessage(p)}}
	case errors.Is(err, openapi3filter.ErrInvalidEmptyValue):
		return []FieldError{{Field: p.Name, Code: validation.Required, Message: validation.MsgNotEmpty}}
	case errors.As(err, &se):
		var out []FieldError
		for _, e := range flatten(err) {
			if errors.As(e, &se) {
				out = append(out, schemaFieldErrors(p.Name, se)...)
			}
		}
		return out
	case errors.As(err, &pe) && s != nil:
		return []FieldError{{Field: p.Name, Code: validation.InvalidType, Message: typeMessage(s)}}
	default:
		return []FieldError{{Field: p.Name, Code: validation.InvalidFormat, Message: "El valor no tiene el formato esperado."}}
	}
}

func requiredParameterMessage(p *openapi3.Parameter) string {
	switch p.In {
	case openapi3.ParameterInHeader:
		return "Falta el encabezado " + p.Name + "."
	case openapi3.ParameterInQuery:
		return "Falta el parámetro " + p.Name + "."
	}
	return validation.MsgRequired
}

// bindingFieldErrors translates what the generated binding refuses after the
// gate (rare: the gate validates the same parameters first).
func bindingFieldErrors(err error) []FieldError {
	var (
		req     *api.RequiredParamError
		reqH    *api.RequiredHeaderError
		format  *api.InvalidParamFormatError
		many    *api.TooManyValuesForParamError
		unmarsh *api.UnmarshalingParamError
	)
	switch {
	case errors.As(err, &req):
		return []FieldError{{Field: req.ParamName, Code: validation.Required, Message: "Falta el parámetro " + req.ParamName + "."}}
	case errors.As(err, &reqH):
		return []FieldError{{Field: reqH.ParamName, Code: validation.Required, Message: "Falta el encabezado " + reqH.ParamName + "."}}
	case errors.As(err, &format):
		return []FieldError{{Field: format.ParamName, Code: validation.InvalidFormat, Message: "El valor no tiene el formato esperado."}}
	case errors.As(err, &many):
		return []FieldError{{Field: many.ParamName, Code: validation.InvalidValue, Message: "Envía un solo valor."}}
	case errors.As(err, &unmarsh):
		return []FieldError{{Field: unmarsh.ParamName, Code: validation.Malformed, Message: "El valor no es JSON válido."}}
	}
	return []FieldError{{Field: "body", Code: validation.Malformed, Message: "El cuerpo no es JSON válido o no tiene la forma esperada."}}
}

func tooShortCode(min uint64) string {
	if min <= 1 {
		return validation.Required
	}
	return validation.TooShort
}

func rangeMessage(s *openapi3.Schema) string {
	lo, hi := s.Min, s.Max
	exclLo := s.ExclusiveMin.Bool != nil && *s.ExclusiveMin.Bool
	exclHi := s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool
	if v := s.ExclusiveMin.Value; v != nil {
		lo, exclLo = v, true
	}
	if v := s.ExclusiveMax.Value; v != nil {
		hi, exclHi = v, true
	}
	switch {
	case lo != nil && hi != nil && !exclLo && !exclHi:
		return "Debe ser un número entre " + formatNumber(*lo) + " y " + formatNumber(*hi) + "."
	case lo != nil && hi != nil:
		return "Debe ser un número mayor " + cmp(exclLo) + formatNumber(*lo) + " y menor " + cmp(exclHi) + formatNumber(*hi) + "."
	case lo != nil:
		return "Debe ser un número mayor " + cmp(exclLo) + formatNumber(*lo) + "."
	case hi != nil:
		return "Debe ser un número menor " + cmp(exclHi) + formatNumber(*hi) + "."
	}
	return "El número está fuera del rango permitido."
}

func cmp(exclusive bool) string {
	if exclusive {
		return "que "
	}
	return "o igual a "
}

// patternMessages explain the contract's patterns in words; any other
// pattern gets the generic message with the schema's example.
var patternMessages = map[string]string{
	`^[0-9a-fA-F]{24}$`:     "Debe ser un identificador de 24 caracteres hexadecimales.",
	`^[A-Z]{3}$`:            "Debe ser un código de moneda ISO 4217 de 3 letras mayúsculas (COP).",
	`^3[0-9]{9}$`:           validation.MsgColombianMobile,
	`^[A-Za-z0-9]{5,20}$`:   "Debe tener de 5 a 20 letras o dígitos.",
	`^[A-Za-z0-9_-]{3,40}$`: "Debe tener de 3 a 40 letras, dígitos, _ o -.",
}

func patternMessage(s *openapi3.Schema) string {
	if m, ok := patternMessages[s.Pattern]; ok {
		return m
	}
	if s.Example != nil {
		return fmt.Sprintf("No tiene el formato esperado (ejemplo: %v).", s.Example)
	}
	return "No tiene el formato esperado."
}

func formatMessage(format string) string {
	switch format {
	case "date":
		return validation.MsgDate
	case "date-time":
		return "Debe ser una fecha y hora RFC 3339 (2026-01-31T15:04:05-05:00)."
	case "email":
		return "Debe ser un correo electrónico válido."
	case "uuid":
		return "Debe ser un UUID."
	case "uri", "url":
		return "Debe ser una URL válida."
	}
	return "No tiene el formato esperado."
}

func enumMessage(values []any) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = fmt.Sprint(v)
	}
	return validation.OneOf(names...)
}

func typeMessage(s *openapi3.Schema) string {
	switch {
	case s.Type.Is(openapi3.TypeInteger):
		return "Debe ser un número entero."
	case s.Type.Is(openapi3.TypeNumber):
		return "Debe ser un número."
	case s.Type.Is(openapi3.TypeBoolean):
		return "Debe ser true o false."
	case s.Type.Is(openapi3.TypeString):
		return "Debe ser un texto."
	case s.Type.Is(openapi3.TypeArray):
		return "Debe ser una lista."
	case s.Type.Is(openapi3.TypeObject):
		return "Debe ser un objeto."
	}
	return "No tiene el tipo esperado."
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func joinField(base, path string) string {
	switch {
	case base == "":
		return path
	case path == "":
		return base
	}
	return base + "." + path
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// dedupe drops repeated field errors: kin-openapi reports one unknown
// property per error, and each names every unknown key of its object.
func dedupe(in []FieldError) []FieldError {
	out := in[:0]
	for _, fe := range in {
		if !slices.Contains(out, fe) {
			out = append(out, fe)
		}
	}
	return out
}
