package products

import (
	"strconv"
	"strings"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/sdk"
)

// productForm creates a product (id empty) or edits one.
type productForm struct {
	form.Form
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
	list := []form.Field{
		form.Text("name", "Nombre", name, "Palito de queso", width),
		form.Text("description", "Descripción", desc, "Hojaldre relleno de queso costeño", width),
		form.Text("price", "Precio (COP)", price, "2.500", width),
	}
	if p == nil {
		list = append(list, form.Text("stock", "Existencias", stock, "0", width))
	}
	list = append(list,
		form.Text("category", "Categoría", category, "Palitos", width),
		form.Text("isActive", "Activo (sí/no)", active, "sí", width))
	return productForm{Form: form.New(list...), id: id}
}

// build reads the form; problems the program can see itself (a price that is
// not a number) are marked on their fields, everything else is left to the
// API's validation.
func (f *productForm) build() (create sdk.ProductCreate, update sdk.ProductUpdate, ok bool) {
	f.ClearErrors()
	ok = true
	price, priceOK := format.ParsePesos(f.Value("price"))
	if f.Value("price") == "" {
		price, priceOK = 0, true // let the API say it is required
	}
	if !priceOK {
		f.SetError("price", "Escribe el precio en pesos, por ejemplo 2.500.")
		ok = false
	}
	active := true
	switch strings.ToLower(f.Value("isActive")) {
	case "sí", "si", "s", "yes", "y", "":
	case "no", "n":
		active = false
	default:
		f.SetError("isActive", "Escribe sí o no.")
		ok = false
	}
	name, desc, category := f.Value("name"), f.Value("description"), f.Value("category")
	if f.id == "" {
		stock, err := strconv.Atoi(f.Value("stock"))
		if err != nil {
			f.SetError("stock", "Escribe un número entero de unidades.")
			ok = false
		}
		create = sdk.ProductCreate{Name: name, Description: desc, Price: price, Stock: stock, Category: category, IsActive: &active}
	} else {
		update = sdk.ProductUpdate{Name: &name, Description: &desc, Price: &price, Category: &category, IsActive: &active}
	}
	if !ok {
		f.Err = "Revisa los campos marcados."
	}
	return create, update, ok
}

// stockForm adjusts one product's stock.
type stockForm struct {
	form.Form
	product sdk.Product
}

func newStockForm(p sdk.Product, width int) stockForm {
	return stockForm{product: p, Form: form.New(
		form.Text("quantity", "Cantidad", "", "+5 suma, -3 resta, =12 fija", width),
		form.Text("reason", "Motivo", "", "Compra a proveedor, merma, conteo…", width),
	)}
}

func (f *stockForm) build() (sdk.StockAdjustment, bool) {
	f.ClearErrors()
	q := strings.ReplaceAll(f.Value("quantity"), " ", "")
	mode := sdk.Delta
	if strings.HasPrefix(q, "=") {
		mode, q = sdk.Set, q[1:]
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(q, "+"), 10, 32)
	if err != nil || (mode == sdk.Delta && n == 0) {
		f.SetError("quantity", "Escribe +N para sumar, -N para restar o =N para fijar las existencias.")
		f.Err = "Revisa los campos marcados."
		return sdk.StockAdjustment{}, false
	}
	return sdk.StockAdjustment{Mode: mode, Quantity: int32(n), Reason: f.Value("reason")}, true
}
