package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/cli/config"
	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/coupons"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// command is one non-interactive subcommand; args are what follows its name.
type command func(ctx context.Context, e env, global config.Config, args []string) int

var commands = map[string]command{
	"products list":     productsList,
	"orders list":       ordersList,
	"orders set-status": ordersSetStatus,
	"coupons list":      couponsList,
	"coupons create":    couponsCreate,
}

// newFlags makes a subcommand's flag set with the connection flags, which
// may also come after the subcommand's name.
func newFlags(e env, name, synopsis string, global *config.Config) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&global.URL, "url", global.URL, "URL del servidor")
	fs.StringVar(&global.APIKey, "api-key", global.APIKey, "clave de API de administración")
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Uso: cli %s\n\nOpciones:\n", synopsis)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
	}
	return fs
}

// parse reads flags wherever they are among the positional arguments.
// It returns the exit code to end with when parsing ends the command.
func parse(fs *flag.FlagSet, args []string, positional int) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0, false
			}
			return nil, exitUsage, false
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != positional {
		fmt.Fprintf(fs.Output(), "cli %s: se esperaban %d argumentos y llegaron %d\n", fs.Name(), positional, len(pos))
		fs.Usage()
		return nil, exitUsage, false
	}
	return pos, 0, true
}

// client builds the SDK client, or says what is missing.
func (e env) client(global config.Config) (*sdk.API, bool) {
	conn, _, err := e.connection(global)
	if err != nil {
		fmt.Fprintln(e.stderr, "cli:", err)
		return nil, false
	}
	if !conn.Complete() {
		fmt.Fprintln(e.stderr, "cli: falta la URL del servidor o la clave de API: usa --url y --api-key, DONPALITO_URL y DONPALITO_API_KEY, o entra una vez con «cli» para guardarlas.")
		return nil, false
	}
	api, err := connect(conn.URL, conn.APIKey)
	if err != nil {
		fmt.Fprintln(e.stderr, "cli:", err)
		return nil, false
	}
	return api, true
}

// refused prints the API's problem on stderr and returns exit code 1.
func (e env) refused(err error) int {
	var p *sdk.Error
	if errors.As(err, &p) {
		fmt.Fprintf(e.stderr, "cli: la API respondió %d %s", p.Status, p.Code)
		if p.Detail != "" {
			fmt.Fprintf(e.stderr, ": %s", p.Detail)
		}
		fmt.Fprintln(e.stderr)
		for _, f := range p.Fields {
			fmt.Fprintf(e.stderr, "  %s: %s\n", f.Field, f.Message)
		}
		if p.RequestID != "" {
			fmt.Fprintf(e.stderr, "  (solicitud %s)\n", p.RequestID)
		}
		return exitRefused
	}
	fmt.Fprintln(e.stderr, "cli:", err)
	return exitRefused
}

func printJSON(w io.Writer, v any) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return exitRefused
	}
	return 0
}

func productsList(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "products list", "products list [--q TEXTO] [--category CATEGORIA] [--status active|inactive|all|deleted] [--json]", &global)
	q := fs.String("q", "", "buscar en nombre, descripción y categoría")
	category := fs.String("category", "", "solo esta categoría (nombre exacto)")
	status := fs.String("status", "all", "active, inactive, all o deleted (los eliminados, para restaurarlos)")
	asJSON := fs.Bool("json", false, "imprimir JSON (un arreglo de productos)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	params := &sdk.AdminListProductsParams{}
	if *q != "" {
		params.Q = q
	}
	if *category != "" {
		params.Category = category
	}
	st := sdk.ProductStatusFilter(*status)
	params.Status = &st
	items := []sdk.Product{}
	for p, err := range api.AdminProducts(ctx, params) {
		if err != nil {
			return e.refused(err)
		}
		items = append(items, p)
	}
	if *asJSON {
		return printJSON(e.stdout, items)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNOMBRE\tCATEGORÍA\tPRECIO\tSTOCK\tESTADO")
	for _, p := range items {
		state := "activo"
		if !p.IsActive {
			state = "inactivo"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", p.Id, p.Name, p.Category, format.COP(p.Price), p.Stock, state)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d productos\n", len(items))
	return 0
}

func ordersList(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "orders list", "orders list [--status pending|paid|in_preparation|ready|delivered|canceled|rejected] [--q TEXTO] [--json]", &global)
	status := fs.String("status", "", "solo pedidos en este estado")
	q := fs.String("q", "", "buscar por referencia, cliente o correo")
	asJSON := fs.Bool("json", false, "imprimir JSON (un arreglo de pedidos)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	params := &sdk.AdminListOrdersParams{}
	if *status != "" {
		s := sdk.OrderStatus(*status)
		if !s.Valid() {
			fmt.Fprintf(e.stderr, "cli orders list: estado desconocido %q\n", *status)
			return exitUsage
		}
		params.Status = &s
	}
	if *q != "" {
		params.Q = q
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	items := []sdk.Order{}
	for o, err := range api.Orders(ctx, params) {
		if err != nil {
			return e.refused(err)
		}
		items = append(items, o)
	}
	if *asJSON {
		return printJSON(e.stdout, items)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tREF.\tFECHA\tCLIENTE\tTOTAL\tESTADO\tPAGO")
	for _, o := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", o.Id, o.Reference, format.DateTime(o.CreatedAt), o.Customer.Email,
			format.COP(o.Total), session.StatusLabel(o.Status), session.PaymentMethodLabel(o.PaymentMethod))
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, plural(len(items), "pedido", "pedidos"))
	return 0
}

func ordersSetStatus(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "orders set-status", "orders set-status ID|REFERENCIA ESTADO [--note TEXTO]\n\nESTADO: paid (confirma una transferencia), in_preparation, ready, delivered, canceled o rejected.", &global)
	note := fs.String("note", "", "nota para la historia del pedido")
	pos, code, ok := parse(fs, args, 2)
	if !ok {
		return code
	}
	status := sdk.OrderStatus(pos[1])
	if !status.Valid() {
		fmt.Fprintf(e.stderr, "cli orders set-status: estado desconocido %q\n", pos[1])
		return exitUsage
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	u := sdk.OrderStatusUpdate{Status: status}
	if *note != "" {
		u.Note = note
	}
	o, err := api.UpdateOrderStatus(ctx, pos[0], u)
	if err != nil {
		return e.refused(err)
	}
	fmt.Fprintf(e.stdout, "Pedido %s: %s", o.Reference, session.StatusLabel(o.Status))
	if o.InvoiceNumber != nil {
		fmt.Fprintf(e.stdout, " (factura %s)", *o.InvoiceNumber)
	}
	fmt.Fprintln(e.stdout)
	return 0
}

func couponsList(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "coupons list", "coupons list [--q TEXTO] [--json]", &global)
	q := fs.String("q", "", "buscar por código")
	asJSON := fs.Bool("json", false, "imprimir JSON (un arreglo de cupones)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	params := &sdk.ListCouponsParams{}
	if *q != "" {
		params.Q = q
	}
	items := []sdk.Coupon{}
	for c, err := range api.Coupons(ctx, params) {
		if err != nil {
			return e.refused(err)
		}
		items = append(items, c)
	}
	if *asJSON {
		return printJSON(e.stdout, items)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCÓDIGO\tDESCUENTO\tACTIVO\tPÚBLICO\tVIGENCIA\tUSOS")
	yesNo := map[bool]string{true: "sí", false: "no"}
	for _, c := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Id, c.Code, coupons.Value(c), yesNo[c.IsActive], yesNo[c.IsPublic],
			coupons.Validity(c), coupons.Uses(c))
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, plural(len(items), "cupón", "cupones"))
	return 0
}

func couponsCreate(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "coupons create", "coupons create --code CODIGO --type percentage|fixed --value N [opciones]\n\nLos montos van en pesos (COP): --value 5000 con --type fixed es un descuento de $ 5.000.", &global)
	code := fs.String("code", "", "código del cupón (se guarda en mayúsculas) (obligatorio)")
	kind := fs.String("type", "", "percentage (porcentaje) o fixed (monto fijo) (obligatorio)")
	value := fs.String("value", "", "porcentaje 1–100, o pesos si --type fixed (obligatorio)")
	description := fs.String("description", "", "descripción")
	minSubtotal := fs.String("min-subtotal", "", "subtotal mínimo del carrito, en pesos")
	maxDiscount := fs.String("max-discount", "", "descuento máximo, en pesos")
	usageLimit := fs.Int("usage-limit", -1, "usos totales permitidos (0 = sin límite)")
	perCustomer := fs.Int("per-customer-limit", -1, "usos por cliente (0 = sin límite; por omisión 1)")
	starts := fs.String("starts", "", "primer día válido, AAAA-MM-DD (hora de Bogotá)")
	ends := fs.String("ends", "", "último día válido, AAAA-MM-DD (hasta el final de ese día en Bogotá)")
	inactive := fs.Bool("inactive", false, "crearlo desactivado")
	public := fs.Bool("public", false, "mostrarlo en la lista pública de cupones")
	if _, c, ok := parse(fs, args, 0); !ok {
		return c
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "cli coupons create: "+format+"\n", a...)
		return exitUsage
	}
	if *code == "" || *kind == "" || *value == "" {
		return bad("--code, --type y --value son obligatorios (mira cli coupons create --help)")
	}
	cc := sdk.CouponCreate{Code: *code, Type: sdk.CouponType(*kind)}
	if !cc.Type.Valid() {
		return bad("--type debe ser percentage o fixed")
	}
	if cc.Type == sdk.Percentage {
		n, err := strconv.ParseInt(*value, 10, 64)
		if err != nil {
			return bad("--value debe ser un porcentaje entero")
		}
		cc.Value = n
	} else {
		n, ok := format.ParsePesos(*value)
		if !ok {
			return bad("--value debe ser un monto en pesos, p. ej. 5000")
		}
		cc.Value = n
	}
	for _, money := range []struct {
		flag string
		in   string
		out  **int64
	}{{"--min-subtotal", *minSubtotal, &cc.MinSubtotal}, {"--max-discount", *maxDiscount, &cc.MaxDiscount}} {
		if money.in == "" {
			continue
		}
		n, ok := format.ParsePesos(money.in)
		if !ok {
			return bad("%s debe ser un monto en pesos", money.flag)
		}
		*money.out = &n
	}
	for _, day := range []struct {
		flag string
		in   string
		out  **openapi_types.Date
	}{{"--starts", *starts, &cc.StartsAt}, {"--ends", *ends, &cc.EndsAt}} {
		if day.in == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", day.in)
		if err != nil {
			return bad("%s debe ser una fecha AAAA-MM-DD", day.flag)
		}
		*day.out = &openapi_types.Date{Time: t}
	}
	if *description != "" {
		cc.Description = description
	}
	if *usageLimit >= 0 {
		cc.UsageLimit = usageLimit
	}
	if *perCustomer >= 0 {
		cc.PerCustomerLimit = perCustomer
	}
	active := !*inactive
	cc.IsActive = &active
	cc.IsPublic = public
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	c, err := api.CreateCoupon(ctx, cc)
	if err != nil {
		return e.refused(err)
	}
	fmt.Fprintf(e.stdout, "Cupón %s creado (%s)\n", c.Code, c.Id)
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
