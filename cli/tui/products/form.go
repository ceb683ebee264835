package products

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// field is one labelled input of a dialog, with the API's message about it.
type field struct {
	name  string // the API's field name, to place its validation message
	label string
	input textinput.Model
	err   string
}

func newField(name, label, value, placeholder string, width int) field {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = 2000
	in.SetValue(value)
	in.SetWidth(width)
	return field{name: name, label: label, input: in}
}

// fields is a small form: a column of inputs with one focused.
type fields struct {
	list  []field
	focus int
	err   string // a message about the whole form
}

func (f *fields) focusOn(i int) tea.Cmd {
	f.focus = (i + len(f.list)) % len(f.list)
	for j := range f.list {
		f.list[j].input.Blur()
	}
	return f.list[f.focus].input.Focus()
}

func (f *fields) value(name string) string {
	for _, fl := range f.list {
		if fl.name == name {
			return strings.TrimSpace(fl.input.Value())
		}
	}
	return ""
}

func (f *fields) setError(name, msg string) {
	for i := range f.list {
		if f.list[i].name == name {
			f.list[i].err = msg
			return
		}
	}
	f.err = msg
}

func (f *fields) clearErrors() {
	f.err = ""
	for i := range f.list {
		f.list[i].err = ""
	}
}

// showProblem puts a refusal's field messages under their fields and its
// detail above the form.
func (f *fields) showProblem(err error) {
	var e *sdk.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		f.err = "Revisa los campos marcados."
		for _, fe := range e.Fields {
			f.setError(fe.Field, fe.Message)
		}
		return
	}
	f.err = session.ProblemText(err)
}

// update moves between fields or types into the focused one.
func (f *fields) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "tab", "down":
			return f.focusOn(f.focus + 1)
		case "shift+tab", "up":
			return f.focusOn(f.focus - 1)
		}
	}
	var cmd tea.Cmd
	f.list[f.focus].input, cmd = f.list[f.focus].input.Update(msg)
	return cmd
}

func (f *fields) setWidth(w int) {
	for i := range f.list {
		f.list[i].input.SetWidth(w)
	}
}

func (f *fields) view(s session.Styles) string {
	var b strings.Builder
	if f.err != "" {
		b.WriteString(s.Error.Render(f.err) + "\n")
	}
	for i, fl := range f.list {
		marker, label := "  ", s.Label.Render(fl.label)
		if i == f.focus {
			marker, label = s.Focused.Render("› "), s.Focused.Render(fl.label)
		}
		b.WriteString(marker + label + ": " + fl.input.View() + "\n")
		if fl.err != "" {
			b.WriteString("    " + s.Error.Render(fl.err) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// productForm creates a product (id empty) or edits one.
type productForm struct {
	fields
	id string
}

func newProductForm(p *sdk.Product, width int) productForm {
	var name, desc, price, stock, category, active = "", "", "", "0", "", "sí"
	id := ""
	if p != nil {
		id, name, desc, category = p.Id, p.Name, p.Description, p.Category
		price = strings.TrimPrefix(format.COP(p.Price), "$ ")
		if !p.IsActive {
			active = "no"
		}
	}
	list := []field{
		newField("name", "Nombre", name, "Palito de queso", width),
		newField("description", "Descripción", desc, "Hojaldre relleno de queso costeño", width),
		newField("price", "Precio (COP)", price, "2.500", width),
	}
	if p == nil {
		list = append(list, newField("stock", "Existencias", stock, "0", width))
	}
	list = append(list,
		newField("category", "Categoría", category, "Palitos", width),
		newField("isActive", "Activo (sí/no)", active, "sí", width))
	f := productForm{fields: fields{list: list}, id: id}
	f.focusOn(0)
	return f
}

// build reads the form; problems the program can see itself (a price that is
// not a number) are marked on their fields, everything else is left to the
// API's validation.
func (f *productForm) build() (create sdk.ProductCreate, update sdk.ProductUpdate, ok bool) {
	f.clearErrors()
	ok = true
	price, priceOK := format.ParsePesos(f.value("price"))
	if f.value("price") == "" {
		price, priceOK = 0, true // let the API say it is required
	}
	if !priceOK {
		f.setError("price", "Escribe el precio en pesos, por ejemplo 2.500.")
		ok = false
	}
	active := true
	switch strings.ToLower(f.value("isActive")) {
	case "sí", "si", "s", "yes", "y", "":
	case "no", "n":
		active = false
	default:
		f.setError("isActive", "Escribe sí o no.")
		ok = false
	}
	name, desc, category := f.value("name"), f.value("description"), f.value("category")
	if f.id == "" {
		stock, err := strconv.Atoi(f.value("stock"))
		if err != nil {
			f.setError("stock", "Escribe un número entero de unidades.")
			ok = false
		}
		create = sdk.ProductCreate{Name: name, Description: desc, Price: price, Stock: stock, Category: category, IsActive: &active}
	} else {
		update = sdk.ProductUpdate{Name: &name, Description: &desc, Price: &price, Category: &category, IsActive: &active}
	}
	if !ok {
		f.err = "Revisa los campos marcados."
	}
	return create, update, ok
}

// stockForm adjusts one product's stock.
type stockForm struct {
	fields
	product sdk.Product
}

func newStockForm(p sdk.Product, width int) stockForm {
	f := stockForm{product: p, fields: fields{list: []field{
		newField("quantity", "Cantidad", "", "+5 suma, -3 resta, =12 fija", width),
		newField("reason", "Motivo", "", "Compra a proveedor, merma, conteo…", width),
	}}}
	f.focusOn(0)
	return f
}

func (f *stockForm) build() (sdk.StockAdjustment, bool) {
	f.clearErrors()
	q := strings.ReplaceAll(f.value("quantity"), " ", "")
	mode := sdk.Delta
	if strings.HasPrefix(q, "=") {
		mode, q = sdk.Set, q[1:]
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(q, "+"), 10, 32)
	if err != nil || (mode == sdk.Delta && n == 0) {
		f.setError("quantity", "Escribe +N para sumar, -N para restar o =N para fijar las existencias.")
		f.err = "Revisa los campos marcados."
		return sdk.StockAdjustment{}, false
	}
	return sdk.StockAdjustment{Mode: mode, Quantity: int32(n), Reason: f.value("reason")}, true
}
