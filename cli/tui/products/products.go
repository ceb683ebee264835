// Package products is the Productos tab: the paginated catalog with search and
// a category filter, the create/edit form, stock adjustments, image uploads
// and deletion.
package products

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PageSize is how many products one page of the table holds.
const PageSize = 20

type mode int

const (
	listing mode = iota
	searching
	editing
	adjusting
	uploading
	confirmingDelete
)

// Model is the Productos tab.
type Model struct {
	s       *session.Session
	width   int
	height  int
	mode    mode
	table   table.Model
	spinner spinner.Model
	loading bool
	seq     int // numbers the page requests; only the latest one's answer counts

	page, total int
	query       string
	category    string // "" = every category
	categories  []string
	items       []sdk.Product

	search textinput.Model
	form   productForm
	stock  stockForm
	image  form.Form
	target sdk.Product // the product a dialog works on

	notice    string
	noticeBad bool
}

// Messages with the API's answers.
type (
	pageMsg struct {
		seq  int
		page *sdk.ProductPage
		err  error
	}
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
	deletedMsg struct {
		name string
		err  error
	}
)

// New returns the tab; Init loads the first page.
func New(s *session.Session) *Model {
	t := table.New(table.WithFocused(true), table.WithStyles(s.Styles.Table))
	search := textinput.New()
	search.Prompt = "Buscar: "
	search.Placeholder = "nombre, descripción o categoría"
	m := &Model{s: s, table: t, page: 1, search: search,
		spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	m.SetSize(80, 20)
	return m
}

// Init loads the categories and the first page.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.load(), m.loadCategories())
}

func (m *Model) load() tea.Cmd {
	m.loading = true
	m.seq++
	api, seq, page, q, cat := m.s.API, m.seq, m.page, m.query, m.category
	fetch := func() tea.Msg {
		limit := PageSize
		params := &sdk.AdminListProductsParams{Page: &page, Limit: &limit}
		if q != "" {
			params.Q = &q
		}
		if cat != "" {
			params.Category = &cat
		}
		res, err := session.Call(func(ctx context.Context) (*sdk.ProductPage, error) { return api.AdminListProducts(ctx, params) })
		return pageMsg{seq: seq, page: res, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

func (m *Model) loadCategories() tea.Cmd {
	api := m.s.API
	return func() tea.Msg {
		items, err := session.Call(func(ctx context.Context) ([]sdk.Category, error) { return api.ListCategories(ctx) })
		return categoriesMsg{items: items, err: err}
	}
}

// Items are the products on the current page.
func (m *Model) Items() []sdk.Product { return m.items }

// Notice is the last message shown under the table, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.notice, m.noticeBad }

// Category is the category filter ("" for every category).
func (m *Model) Category() string { return m.category }

// Loading reports whether a page is being fetched.
func (m *Model) Loading() bool { return m.loading }

// Editing is true while a text field or a question has the focus.
func (m *Model) Editing() bool { return m.mode != listing }

func (m *Model) selected() (sdk.Product, bool) {
	i := m.table.Cursor()
	if i < 0 || i >= len(m.items) {
		return sdk.Product{}, false
	}
	return m.items[i], true
}

func (m *Model) say(text string, bad bool) { m.notice, m.noticeBad = text, bad }

// Update handles the API's answers and the keys of the current mode.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.seq != m.seq {
			return m, nil // an older request, overtaken by a newer one
		}
		m.loading = false
		if msg.err != nil {
			m.say(session.ProblemText(msg.err), true)
			return m, nil
		}
		m.items, m.total = msg.page.Items, msg.page.Total
		if len(m.items) == 0 && m.page > 1 {
			m.page = max(1, m.pages())
			return m, m.load()
		}
		m.fillTable()
		return m, nil
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
		m.say(fmt.Sprintf("Existencias de «%s»: %d.", msg.product.Name, msg.product.Stock), false)
		return m, m.load()
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
		m.say(fmt.Sprintf("Imagen agregada a «%s» (%d de 3).", msg.product.Name, len(msg.product.Images)), false)
		return m, m.load()
	case deletedMsg:
		m.mode = listing
		if msg.err != nil {
			m.say(session.ProblemText(msg.err), true)
			return m, nil
		}
		m.say(fmt.Sprintf("«%s» se eliminó del catálogo.", msg.name), false)
		return m, tea.Batch(m.load(), m.loadCategories())
	case spinner.TickMsg:
		if !m.loading {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		switch m.mode {
		case listing:
			return m, m.updateList(msg)
		case searching:
			return m, m.updateSearch(msg)
		case editing:
			return m, m.updateForm(msg)
		case adjusting:
			return m, m.updateStock(msg)
		case uploading:
			return m, m.updateImage(msg)
		case confirmingDelete:
			return m, m.updateDelete(msg)
		}
	}
	return m, m.forwardToInput(msg)
}

// forwardToInput passes other messages (cursor blinks) to the focused input.
func (m *Model) forwardToInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.mode {
	case searching:
		m.search, cmd = m.search.Update(msg)
	case editing:
		cmd = m.form.Update(msg)
	case adjusting:
		cmd = m.stock.Update(msg)
	case uploading:
		cmd = m.image.Update(msg)
	}
	return cmd
}

func (m *Model) pages() int { return max(1, (m.total+PageSize-1)/PageSize) }

func (m *Model) updateList(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "right", "l", "pgdown":
		if m.page < m.pages() {
			m.page++
			return m.load()
		}
		return nil
	case "left", "h", "pgup":
		if m.page > 1 {
			m.page--
			return m.load()
		}
		return nil
	case "/":
		m.mode = searching
		m.search.SetValue(m.query)
		m.search.CursorEnd()
		return m.search.Focus()
	case "c":
		m.category = nextCategory(m.categories, m.category)
		m.page = 1
		return m.load()
	case "r":
		m.say("", false)
		return tea.Batch(m.load(), m.loadCategories())
	case "n":
		m.mode = editing
		m.form = newProductForm(nil, m.inputWidth())
		return textinput.Blink
	case "enter", "e":
		if p, ok := m.selected(); ok {
			m.mode = editing
			m.form = newProductForm(&p, m.inputWidth())
			return textinput.Blink
		}
	case "s":
		if p, ok := m.selected(); ok {
			m.mode, m.target = adjusting, p
			m.stock = newStockForm(p, m.inputWidth())
			return textinput.Blink
		}
	case "i":
		if p, ok := m.selected(); ok {
			m.mode, m.target = uploading, p
			m.image = form.New(form.Text("image", "Archivo", "", "/ruta/a/foto.jpg (JPEG, PNG o WebP, hasta 5 MB)", m.inputWidth()))
			return textinput.Blink
		}
	case "x", "delete":
		if p, ok := m.selected(); ok {
			m.mode, m.target = confirmingDelete, p
		}
	default:
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return cmd
	}
	return nil
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

func (m *Model) updateSearch(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, query, cmd := form.SearchKey(&m.search, msg); outcome {
	case form.Submit:
		m.query, m.mode, m.page = query, listing, 1
		return m.load()
	case form.Cancel:
		m.mode = listing
		return nil
	default:
		return cmd
	}
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
		m.say(fmt.Sprintf("«%s» se creó con %d unidades.", msg.product.Name, msg.product.Stock), false)
	} else {
		m.say(fmt.Sprintf("«%s» se guardó.", msg.product.Name), false)
	}
	return tea.Batch(m.load(), m.loadCategories())
}

func (m *Model) updateStock(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.mode = listing
		return nil
	case "enter":
		if m.stock.Focus == 0 {
			return m.stock.FocusOn(1)
		}
		adj, ok := m.stock.build()
		if !ok {
			return nil
		}
		api, id := m.s.API, m.stock.product.Id
		return func() tea.Msg {
			p, err := session.Call(func(ctx context.Context) (*sdk.Product, error) { return api.AdjustStock(ctx, id, adj) })
			return stockMsg{product: p, err: err}
		}
	}
	return m.stock.Update(msg)
}

func (m *Model) updateImage(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.mode = listing
		return nil
	case "enter":
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
	}
	return m.image.Update(msg)
}

func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

func (m *Model) updateDelete(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "s", "y", "S":
		api, p := m.s.API, m.target
		return func() tea.Msg {
			_, err := session.Call(func(ctx context.Context) (struct{}, error) { return struct{}{}, api.DeleteProduct(ctx, p.Id) })
			return deletedMsg{name: p.Name, err: err}
		}
	case "n", "N", "esc":
		m.mode = listing
	}
	return nil
}

// SetSize fits the table and the dialogs to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	// Columns: name flexes; each cell has one space of padding either side.
	fixed := []int{16, 12, 7, 8}
	nameW := width - 2*5 - 16 - 12 - 7 - 8
	if nameW < 12 {
		nameW = 12
	}
	m.table.SetColumns([]table.Column{
		{Title: "Nombre", Width: nameW},
		{Title: "Categoría", Width: fixed[0]},
		{Title: "Precio", Width: fixed[1]},
		{Title: "Stock", Width: fixed[2]},
		{Title: "Estado", Width: fixed[3]},
	})
	m.table.SetWidth(width)
	// Rows left after the filter line, the table header (2 lines) and the
	// notice line.
	m.table.SetHeight(max(3, height-3))
	m.search.SetWidth(max(10, width-20))
	w := m.inputWidth()
	m.form.SetWidth(w)
	m.stock.SetWidth(w)
	m.image.SetWidth(w)
}

func (m *Model) inputWidth() int { return max(10, min(60, m.width-24)) }

func (m *Model) fillTable() {
	rows := make([]table.Row, 0, len(m.items))
	for _, p := range m.items {
		state := "activo"
		if !p.IsActive {
			state = "inactivo"
		}
		rows = append(rows, table.Row{p.Name, p.Category, format.COP(p.Price), strconv.Itoa(p.Stock), state})
	}
	m.table.SetRows(rows)
	if m.table.Cursor() < 0 && len(rows) > 0 {
		m.table.SetCursor(0) // the table leaves it at -1 after an empty page
	}
}

// Keys are the keys of the current mode.
func (m *Model) Keys() help.KeyMap {
	b := session.Bind
	switch m.mode {
	case searching:
		return session.Keys{b("enter", "buscar", "enter"), b("esc", "cancelar", "esc")}
	case editing:
		return session.Keys{b("tab/↑↓", "campo", "tab"), b("enter", "siguiente/guardar", "enter"), b("ctrl+s", "guardar", "ctrl+s"), b("esc", "cancelar", "esc")}
	case adjusting, uploading:
		return session.Keys{b("enter", "aplicar", "enter"), b("tab", "campo", "tab"), b("esc", "cancelar", "esc")}
	case confirmingDelete:
		return session.Keys{b("s", "sí, eliminar", "s"), b("n", "no", "n")}
	}
	return session.Keys{
		b("n", "nuevo", "n"), b("enter", "editar", "enter"), b("s", "stock", "s"), b("i", "imagen", "i"),
		b("x", "eliminar", "x"), b("/", "buscar", "/"), b("c", "categoría", "c"), b("←→", "página", "left"),
		b("↑↓", "mover", "up"), b("r", "recargar", "r"),
	}
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
	}

	filter := "Todas las categorías"
	if m.category != "" {
		filter = "Categoría: " + m.category
	}
	parts := []string{filter}
	if m.query != "" {
		parts = append(parts, "Búsqueda: «"+m.query+"»")
	}
	parts = append(parts, fmt.Sprintf("Página %d de %d · %d productos", m.page, m.pages(), m.total))
	top := strings.Join(parts, " · ")
	if m.mode == searching {
		top = m.search.View()
	}
	if m.loading {
		top = m.spinner.View() + " Cargando… " + top
	}

	var body string
	if len(m.items) == 0 && !m.loading {
		body = st.Muted.Render("\nNo hay productos con estos filtros. Pulsa n para crear uno.")
	} else {
		body = m.table.View()
	}

	bottom := ""
	switch {
	case m.mode == confirmingDelete:
		bottom = st.Error.Render(fmt.Sprintf("¿Eliminar «%s» del catálogo? (s/n)", m.target.Name))
	case m.notice != "" && m.noticeBad:
		bottom = st.Error.Render(m.notice)
	case m.notice != "":
		bottom = st.Success.Render(m.notice)
	}
	return top + "\n" + body + "\n" + bottom
}
