// Package products is the Productos tab: the paginated catalog with search, a
// category and a status filter, the create/edit form, stock adjustments,
// adding and removing images, deletion and restoring deleted products.
package products

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PageSize is how many products one page of the table holds.
const PageSize = 20

type mode int

const (
	listing mode = iota
	editing
	adjusting
	uploading
	removingImage
)

// KeyMap are the tab's keys on the table (the list's own keys, the dialogs'
// form keys aside).
type KeyMap struct {
	New, Edit, Stock, Image, RemoveImage, Delete, Restore key.Binding
	Category, Status                                      key.Binding
}

// DefaultKeyMap are the tab's keys.
func DefaultKeyMap() KeyMap {
	b := session.Bind
	return KeyMap{
		New: b("n", "nuevo", "n"), Edit: b("enter", "editar", "enter", "e"), Stock: b("s", "stock", "s"),
		Image: b("i", "imagen", "i"), RemoveImage: b("b", "quitar imagen", "b"), Delete: b("x", "eliminar", "x", "delete"),
		Restore:  b("u", "restaurar", "u"),
		Category: b("c", "categoría", "c"), Status: b("v", "ver estado", "v"),
	}
}

// statuses are the status filter's choices, with their labels; "" is every
// product that is not deleted.
var statuses = []struct {
	filter sdk.ProductStatusFilter
	label  string
}{{"", "Activos e inactivos"}, {sdk.Active, "Solo activos"}, {sdk.Inactive, "Solo inactivos"}, {sdk.Deleted, "Eliminados"}}

// Model is the Productos tab.
type Model struct {
	s      *session.Session
	keys   KeyMap
	list   *list.Model[sdk.Product]
	width  int
	height int
	mode   mode

	category   string // "" = every category
	status     int    // index into statuses
	categories []string

	form   productForm
	stock  stockForm
	image  form.Form
	target sdk.Product // the product a dialog works on
}

// Messages with the API's answers.
type (
	categoriesMsg struct {
		items []sdk.Category
		err   error
	}
	savedMsg struct {
		product *sdk.Product
		created bool
		err     error
	}
	stockMsg struct {
		product *sdk.Product
		err     error
	}
	imageMsg struct {
		product *sdk.Product
		err     error
	}
	imageRemovedMsg struct {
		product *sdk.Product
		err     error
	}
	deletedMsg struct {
		name string
		err  error
	}
	restoredMsg struct {
		product *sdk.Product
		err     error
	}
)

// New returns the tab; Init loads the first page.
func New(s *session.Session) *Model {
	m := &Model{s: s, keys: DefaultKeyMap()}
	m.list = list.New(list.Config[sdk.Product]{
		PageSize:    PageSize,
		Fetch:       m.fetch,
		ID:          func(p sdk.Product) string { return p.Id },
		Columns:     columns,
		Row:         m.row,
		Count:       func(n int) string { return list.Count(n, "producto", "productos") },
		Placeholder: "nombre, descripción o categoría",
		Empty:       "No hay productos con estos filtros. Pulsa n para crear uno.",
	}, s.Styles)
	m.SetSize(80, 20)
	return m
}

func (m *Model) fetch(page, limit int, q string) func(ctx context.Context) (list.Page[sdk.Product], error) {
	api, cat, status := m.s.API, m.category, statuses[m.status].filter
	return func(ctx context.Context) (list.Page[sdk.Product], error) {
		params := &sdk.AdminListProductsParams{Page: &page, Limit: &limit}
		if q != "" {
			params.Q = &q
		}
		if cat != "" {
			params.Category = &cat
		}
		if status != "" {
			params.Status = &status
		}
		res, err := api.AdminListProducts(ctx, params)
		if err != nil {
			return list.Page[sdk.Product]{}, err
		}
		return list.Page[sdk.Product]{Items: res.Items, Total: res.Total}, nil
	}
}

// Init loads the categories and the first page.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.list.Load(), m.loadCategories()) }

func (m *Model) loadCategories() tea.Cmd {
	api := m.s.API
	return func() tea.Msg {
		items, err := session.Call(func(ctx context.Context) ([]sdk.Category, error) { return api.ListCategories(ctx) })
		return categoriesMsg{items: items, err: err}
	}
}

// Items are the products on the current page.
func (m *Model) Items() []sdk.Product { return m.list.Items() }

// Notice is the last message shown under the table, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.list.Notice() }

// Category is the category filter ("" for every category).
func (m *Model) Category() string { return m.category }

// StatusFilter is the status the list shows ("" for active and inactive).
func (m *Model) StatusFilter() sdk.ProductStatusFilter { return statuses[m.status].filter }

// Loading reports whether a page is being fetched.
func (m *Model) Loading() bool { return m.list.Loading() }

// Editing is true while a text field or a question has the focus.
func (m *Model) Editing() bool { return m.mode != listing || m.list.Modal() }

// KeyMap is the tab's own keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// List is the tab's list component.
func (m *Model) List() *list.Model[sdk.Product] { return m.list }

// Update handles the API's answers and the keys of the current mode.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	if cmd, ok := m.list.Update(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case categoriesMsg:
		if msg.err == nil {
			m.categories = m.categories[:0]
			for _, c := range msg.items {
				m.categories = append(m.categories, c.Name)
			}
		}
		return m, nil
	case savedMsg:
		return m, m.saved(msg)
	case stockMsg:
		if msg.err != nil {
			m.stock.ShowProblem(msg.err)
			return m, nil
		}
		m.mode = listing
		m.list.Say(fmt.Sprintf("Existencias de «%s»: %d.", msg.product.Name, msg.product.Stock), false)
		return m, m.list.Load()
	case imageMsg:
		var local *fs.PathError
		if errors.As(msg.err, &local) {
			m.image.ClearErrors()
			m.image.SetError("image", session.ProblemText(msg.err)) // the file, under its field
			return m, nil
		}
		if msg.err != nil {
			m.image.ShowProblem(msg.err)
			return m, nil
		}
		m.mode = listing
		m.list.Say(fmt.Sprintf("Imagen agregada a «%s» (%d de 3).", msg.product.Name, len(msg.product.Images)), false)
		return m, m.list.Load()
	case imageRemovedMsg:
		if msg.err != nil {
			m.image.ShowProblem(msg.err)
			return m, nil
		}
		m.mode = listing
		m.list.Say(fmt.Sprintf("Imagen quitada de «%s» (quedan %d).", msg.product.Name, len(msg.product.Images)), false)
		return m, m.list.Load()
	case deletedMsg:
		m.list.Done()
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		m.list.Say(fmt.Sprintf("«%s» se eliminó del catálogo (v → Eliminados para restaurarlo).", msg.name), false)
		return m, tea.Batch(m.list.Load(), m.loadCategories())
	case restoredMsg:
		m.list.Done()
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		m.list.Say(fmt.Sprintf("«%s» volvió al catálogo, inactivo.", msg.product.Name), false)
		return m, tea.Batch(m.list.Load(), m.loadCategories())
	case tea.KeyPressMsg:
		switch m.mode {
		case listing:
			if cmd, ok := list.Dispatch(msg, m.Actions()); ok {
				return m, cmd
			}
			return m, m.list.Type(msg)
		case editing:
			return m, m.updateForm(msg)
		case adjusting:
			return m, m.updateStock(msg)
		case uploading:
			return m, m.updateImage(msg)
		case removingImage:
			return m, m.updateRemoveImage(msg)
		}
	}
	return m, m.forwardToInput(msg)
}

// forwardToInput passes other messages (cursor blinks) to the focused input.
func (m *Model) forwardToInput(msg tea.Msg) tea.Cmd {
	switch m.mode {
	case editing:
		return m.form.Update(msg)
	case adjusting:
		return m.stock.Update(msg)
	case uploading:
		return m.image.Update(msg)
	}
	return nil
}

// Actions are the keys of the table: the list's own while it asks or
// searches, else the tab's actions on the selected product and the list's.
func (m *Model) Actions() []list.Action {
	if m.list.Modal() {
		return m.list.Actions()
	}
	k := &m.keys
	p, ok := m.list.Selected()
	deleted := statuses[m.status].filter == sdk.Deleted
	k.New.SetEnabled(!deleted)
	for _, b := range []*key.Binding{&k.Edit, &k.Stock, &k.Image, &k.Delete} {
		b.SetEnabled(ok && !deleted)
	}
	k.RemoveImage.SetEnabled(ok && !deleted && len(p.Images) > 0)
	k.Restore.SetEnabled(ok && deleted)
	return append([]list.Action{
		{Key: &k.New, Do: m.newProduct}, {Key: &k.Edit, Do: m.edit}, {Key: &k.Stock, Do: m.adjust},
		{Key: &k.Image, Do: m.addImage}, {Key: &k.RemoveImage, Do: m.removeImage}, {Key: &k.Delete, Do: m.delete},
		{Key: &k.Restore, Do: m.restore}, {Key: &k.Category, Do: m.nextCategory}, {Key: &k.Status, Do: m.nextStatus},
	}, m.list.Actions()...)
}

func (m *Model) newProduct(tea.KeyPressMsg) tea.Cmd {
	m.mode = editing
	m.form = newProductForm(nil, m.inputWidth())
	return textinput.Blink
}

func (m *Model) edit(tea.KeyPressMsg) tea.Cmd {
	p, _ := m.list.Selected()
	m.mode = editing
	m.form = newProductForm(&p, m.inputWidth())
	return textinput.Blink
}

func (m *Model) adjust(tea.KeyPressMsg) tea.Cmd {
	p, _ := m.list.Selected()
	m.mode, m.target = adjusting, p
	m.stock = newStockForm(p, m.inputWidth())
	return textinput.Blink
}

func (m *Model) addImage(tea.KeyPressMsg) tea.Cmd {
	p, _ := m.list.Selected()
	m.mode, m.target = uploading, p
	m.image = form.New(form.Text("image", "Archivo", "", "/ruta/a/foto.jpg (JPEG, PNG o WebP, hasta 5 MB)", m.inputWidth()))
	return textinput.Blink
}

// removeImage asks which image goes: a choice among the product's images,
// named by their place and file.
func (m *Model) removeImage(tea.KeyPressMsg) tea.Cmd {
	p, _ := m.list.Selected()
	m.mode, m.target = removingImage, p
	choices := make([]string, len(p.Images))
	for i, img := range p.Images {
		choices[i] = fmt.Sprintf("%d de %d · %s", i+1, len(p.Images), path.Base(img.Url))
	}
	m.image = form.New(form.Choice("image", "Imagen", choices, ""))
	return nil
}

func (m *Model) delete(tea.KeyPressMsg) tea.Cmd {
	p, _ := m.list.Selected()
	api := m.s.API
	m.list.Ask(fmt.Sprintf("¿Eliminar «%s» del catálogo?", p.Name), "sí, eliminar", func() tea.Cmd {
		return m.list.Start("Eliminando…", func() tea.Msg {
			_, err := session.Call(func(ctx context.Context) (struct{}, error) { return struct{}{}, api.DeleteProduct(ctx, p.Id) })
			return deletedMsg{name: p.Name, err: err}
		})
	})
	return nil
}

func (m *Model) restore(tea.KeyPressMsg) tea.Cmd {
	p, _ := m.list.Selected()
	api := m.s.API
	return m.list.Start("Restaurando…", func() tea.Msg {
		got, err := session.Call(func(ctx context.Context) (*sdk.Product, error) { return api.RestoreProduct(ctx, p.Id) })
		return restoredMsg{product: got, err: err}
	})
}

func (m *Model) nextCategory(tea.KeyPressMsg) tea.Cmd {
	m.category = nextCategory(m.categories, m.category)
	return m.list.First()
}

func (m *Model) nextStatus(tea.KeyPressMsg) tea.Cmd {
	m.status = (m.status + 1) % len(statuses)
	m.list.Refill() // the state column follows the view
	return m.list.First()
}

func nextCategory(all []string, current string) string {
	if len(all) == 0 {
		return ""
	}
	if current == "" {
		return all[0]
	}
	for i, c := range all {
		if c == current {
			if i+1 < len(all) {
				return all[i+1]
			}
			return ""
		}
	}
	return ""
}

func (m *Model) updateForm(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, cmd := m.form.Key(msg); outcome {
	case form.Submit:
		return m.submitForm()
	case form.Cancel:
		m.mode = listing
		return nil
	default:
		return cmd
	}
}

func (m *Model) submitForm() tea.Cmd {
	create, update, ok := m.form.build()
	if !ok {
		return nil
	}
	api, id := m.s.API, m.form.id
	return func() tea.Msg {
		if id == "" {
			p, err := session.Call(func(ctx context.Context) (*sdk.Product, error) { return api.CreateProduct(ctx, create) })
			return savedMsg{product: p, created: true, err: err}
		}
		p, err := session.Call(func(ctx context.Context) (*sdk.Product, error) { return api.UpdateProduct(ctx, id, update) })
		return savedMsg{product: p, err: err}
	}
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		m.form.ShowProblem(msg.err)
		return nil
	}
	m.mode = listing
	if msg.created {
		m.list.Say(fmt.Sprintf("«%s» se creó con %d unidades.", msg.product.Name, msg.product.Stock), false)
	} else {
		m.list.Say(fmt.Sprintf("«%s» se guardó.", msg.product.Name), false)
	}
	m.list.Pick(msg.product.Id)
	return tea.Batch(m.list.Load(), m.loadCategories())
}

func (m *Model) updateStock(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, cmd := m.stock.Key(msg); outcome {
	case form.Cancel:
		m.mode = listing
		return nil
	case form.Submit:
		adj, ok := m.stock.build()
		if !ok {
			return nil
		}
		api, id := m.s.API, m.stock.product.Id
		return func() tea.Msg {
			p, err := session.Call(func(ctx context.Context) (*sdk.Product, error) { return api.AdjustStock(ctx, id, adj) })
			return stockMsg{product: p, err: err}
		}
	default:
		return cmd
	}
}

func (m *Model) updateImage(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, cmd := m.image.Key(msg); outcome {
	case form.Cancel:
		m.mode = listing
		return nil
	case form.Submit:
		path := expandHome(m.image.Value("image"))
		m.image.ClearErrors()
		if path == "" {
			m.image.SetError("image", "Escribe la ruta del archivo de la imagen.")
			return nil
		}
		api, id := m.s.API, m.target.Id
		return func() tea.Msg {
			f, err := os.Open(path)
			if err != nil {
				return imageMsg{err: err} // a *fs.PathError: shown as the local problem it is
			}
			defer f.Close()
			p, err := session.Call(func(ctx context.Context) (*sdk.Product, error) {
				return api.UploadProductImage(ctx, id, filepath.Base(path), f)
			})
			return imageMsg{product: p, err: err}
		}
	default:
		return cmd
	}
}

func (m *Model) updateRemoveImage(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, cmd := m.image.Key(msg); outcome {
	case form.Cancel:
		m.mode = listing
		return nil
	case form.Submit:
		chosen := m.image.Value("image")
		n, _ := strconv.Atoi(strings.SplitN(chosen, " ", 2)[0])
		if n < 1 || n > len(m.target.Images) {
			return nil
		}
		api, id, img := m.s.API, m.target.Id, m.target.Images[n-1].Id
		return func() tea.Msg {
			p, err := session.Call(func(ctx context.Context) (*sdk.Product, error) { return api.DeleteProductImage(ctx, id, img) })
			return imageRemovedMsg{product: p, err: err}
		}
	default:
		return cmd
	}
}

func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// SetSize fits the table and the dialogs to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
	w := m.inputWidth()
	m.form.SetWidth(w)
	m.stock.SetWidth(w)
	m.image.SetWidth(w)
}

// columns: the name flexes; each cell has one space of padding either side.
func columns(width int) []table.Column {
	nameW := max(12, width-2*5-16-12-7-9)
	return []table.Column{
		{Title: "Nombre", Width: nameW}, {Title: "Categoría", Width: 16}, {Title: "Precio", Width: 12},
		{Title: "Stock", Width: 7}, {Title: "Estado", Width: 9},
	}
}

func (m *Model) row(p sdk.Product) table.Row {
	state := "activo"
	switch {
	case statuses[m.status].filter == sdk.Deleted:
		state = "eliminado"
	case !p.IsActive:
		state = "inactivo"
	}
	return table.Row{p.Name, p.Category, format.COP(p.Price), strconv.Itoa(p.Stock), state}
}

func (m *Model) inputWidth() int { return max(10, min(60, m.width-24)) }

// Keys are the keys of the current mode, the same ones Update matches.
func (m *Model) Keys() help.KeyMap {
	switch m.mode {
	case editing:
		return m.form.Help("siguiente/guardar")
	case adjusting:
		return m.stock.Help("siguiente/aplicar")
	case uploading:
		return m.image.Help("subir")
	case removingImage:
		return m.image.Help("quitar")
	}
	return list.Help(m.Actions())
}

// View renders the current mode.
func (m *Model) View() string {
	st := m.s.Styles
	switch m.mode {
	case editing:
		title := "Nuevo producto"
		if m.form.id != "" {
			title = "Editar producto"
		}
		return st.Title.Render(title) + "\n\n" + m.form.View(st)
	case adjusting:
		p := m.stock.product
		return st.Title.Render("Ajustar existencias") + "\n\n" +
			fmt.Sprintf("%s · hoy: %d unidades", p.Name, p.Stock) + "\n\n" + m.stock.View(st)
	case uploading:
		return st.Title.Render("Agregar imagen") + "\n\n" +
			fmt.Sprintf("%s · %d de 3 imágenes", m.target.Name, len(m.target.Images)) + "\n\n" + m.image.ViewIn(st, m.width, 0)
	case removingImage:
		return st.Title.Render("Quitar imagen") + "\n\n" +
			fmt.Sprintf("%s · %d de 3 imágenes (espacio o ←→ elige, enter quita)", m.target.Name, len(m.target.Images)) +
			"\n\n" + m.image.ViewIn(st, m.width, 0)
	}
	filter := "Todas las categorías"
	if m.category != "" {
		filter = "Categoría: " + m.category
	}
	filters := []string{filter}
	if s := statuses[m.status]; s.filter != "" {
		filters = append(filters, s.label)
	}
	return m.list.View(filters, "")
}
