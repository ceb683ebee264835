package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/donpalito/donpalitojr/cli/config"
	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/sdk"
)

// The back office's other subcommands: customers, API keys, events,
// restoring products, removing images and saving invoices.
func init() {
	commands["customers list"] = customersList
	commands["customers activate"] = func(ctx context.Context, e env, g config.Config, args []string) int {
		return customersSetActive(ctx, e, g, args, true)
	}
	commands["customers deactivate"] = func(ctx context.Context, e env, g config.Config, args []string) int {
		return customersSetActive(ctx, e, g, args, false)
	}
	commands["keys list"] = keysList
	commands["keys create"] = keysCreate
	commands["keys revoke"] = keysRevoke
	commands["events list"] = eventsList
	commands["events retry"] = eventsRetry
	commands["products restore"] = productsRestore
	commands["products remove-image"] = productsRemoveImage
	commands["orders invoice"] = ordersInvoice
}

func yesNo(b bool) string {
	if b {
		return "sí"
	}
	return "no"
}

func customersList(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "customers list", "customers list [--q TEXTO] [--active true|false] [--json]", &global)
	q := fs.String("q", "", "buscar por nombre, correo o documento")
	active := fs.String("active", "", "solo activos (true) o inactivos (false)")
	asJSON := fs.Bool("json", false, "imprimir JSON (un arreglo de clientes)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	params := &sdk.AdminListCustomersParams{}
	if *q != "" {
		params.Q = q
	}
	switch *active {
	case "":
	case "true", "false":
		b := *active == "true"
		params.Active = &b
	default:
		fmt.Fprintln(e.stderr, "cli customers list: --active debe ser true o false")
		return exitUsage
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	items := []sdk.Customer{}
	for page := 1; ; page++ {
		limit := 100
		params.Page, params.Limit = &page, &limit
		res, err := api.ListCustomers(ctx, params)
		if err != nil {
			return e.refused(err)
		}
		items = append(items, res.Items...)
		if len(res.Items) == 0 || len(items) >= res.Total {
			break
		}
	}
	if *asJSON {
		return printJSON(e.stdout, items)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNOMBRE\tCORREO\tROL\tACTIVO\tDESDE")
	for _, c := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Id, c.Name, c.Email, c.Role, yesNo(c.IsActive), format.DateTime(c.CreatedAt))
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, plural(len(items), "cliente", "clientes"))
	return 0
}

func customersSetActive(ctx context.Context, e env, global config.Config, args []string, active bool) int {
	verb := "deactivate"
	if active {
		verb = "activate"
	}
	fs := newFlags(e, "customers "+verb, "customers "+verb+" ID [--json]", &global)
	asJSON := fs.Bool("json", false, "imprimir JSON (el cliente)")
	pos, code, ok := parse(fs, args, 1)
	if !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	c, err := api.SetCustomerActive(ctx, pos[0], active)
	if err != nil {
		return e.refused(err)
	}
	if *asJSON {
		return printJSON(e.stdout, c)
	}
	if c.IsActive {
		fmt.Fprintf(e.stdout, "%s (%s) está activo.\n", c.Name, c.Email)
	} else {
		fmt.Fprintf(e.stdout, "%s (%s) está desactivado.\n", c.Name, c.Email)
	}
	return 0
}

func keysList(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "keys list", "keys list [--all] [--json]", &global)
	all := fs.Bool("all", false, "incluir las claves revocadas")
	asJSON := fs.Bool("json", false, "imprimir JSON (un arreglo de claves, sin secretos)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	items := []sdk.ApiKey{}
	for page := 1; ; page++ {
		limit := 100
		res, err := api.ListAPIKeys(ctx, &sdk.ListApiKeysParams{IncludeRevoked: all, Page: &page, Limit: &limit})
		if err != nil {
			return e.refused(err)
		}
		items = append(items, res.Items...)
		if len(res.Items) == 0 || len(items) >= res.Total {
			break
		}
	}
	if *asJSON {
		return printJSON(e.stdout, items)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNOMBRE\tPREFIJO\tALCANCE\tÚLTIMO USO\tESTADO")
	for _, k := range items {
		used := "nunca"
		if k.LastUsedAt != nil {
			used = format.DateTime(*k.LastUsedAt)
		}
		state := "vigente"
		if k.RevokedAt != nil {
			state = "revocada"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%s\t%s\n", k.Id, k.Name, k.Prefix, k.Scopes, used, state)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, plural(len(items), "clave", "claves"))
	return 0
}

func keysCreate(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "keys create", "keys create --name NOMBRE [--scope admin|read] [--json]\n\nLa clave se muestra una sola vez: guárdala.", &global)
	name := fs.String("name", "", "nombre de la clave (obligatorio)")
	scope := fs.String("scope", "admin", "admin (todo) o read (solo consultas)")
	asJSON := fs.Bool("json", false, "imprimir JSON (la clave creada, con su secreto)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	s := sdk.ApiKeyScope(*scope)
	if *name == "" || !s.Valid() {
		fmt.Fprintln(e.stderr, "cli keys create: --name es obligatorio y --scope debe ser admin o read")
		return exitUsage
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	k, err := api.CreateAPIKey(ctx, sdk.ApiKeyCreate{Name: *name, Scopes: []sdk.ApiKeyScope{s}})
	if err != nil {
		return e.refused(err)
	}
	if *asJSON {
		return printJSON(e.stdout, k)
	}
	fmt.Fprintf(e.stdout, "Clave «%s» creada (%s). Guárdala ahora, no se vuelve a mostrar:\n%s\n", k.Name, k.Id, k.Key)
	return 0
}

func keysRevoke(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "keys revoke", "keys revoke ID", &global)
	pos, code, ok := parse(fs, args, 1)
	if !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	if err := api.RevokeAPIKey(ctx, pos[0]); err != nil {
		return e.refused(err)
	}
	fmt.Fprintf(e.stdout, "Clave %s revocada.\n", pos[0])
	return 0
}

func eventsList(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "events list", "events list [--type order.paid] [--state pending|processing|delivered|dead] [--json]", &global)
	kind := fs.String("type", "", "solo eventos de este tipo")
	state := fs.String("state", "", "solo eventos en este estado")
	asJSON := fs.Bool("json", false, "imprimir JSON (un arreglo de eventos, con su contenido)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	params := &sdk.ListEventsParams{}
	if *kind != "" {
		params.Type = kind
	}
	if *state != "" {
		st := sdk.OutboxEventState(*state)
		if !st.Valid() {
			fmt.Fprintf(e.stderr, "cli events list: estado desconocido %q\n", *state)
			return exitUsage
		}
		params.State = &st
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	items := []sdk.OutboxEvent{}
	for page := 1; ; page++ {
		limit := 100
		params.Page, params.Limit = &page, &limit
		res, err := api.ListEvents(ctx, params)
		if err != nil {
			return e.refused(err)
		}
		items = append(items, res.Items...)
		if len(res.Items) == 0 || len(items) >= res.Total {
			break
		}
	}
	if *asJSON {
		return printJSON(e.stdout, items)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTIPO\tESTADO\tINTENTOS\tCREADO\tÚLTIMO ERROR")
	for _, ev := range items {
		last := ""
		if ev.LastError != nil {
			last = *ev.LastError
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", ev.Id, ev.Type, ev.State, ev.Attempts, format.DateTime(ev.CreatedAt), last)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, plural(len(items), "evento", "eventos"))
	return 0
}

func eventsRetry(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "events retry", "events retry ID [--json]", &global)
	asJSON := fs.Bool("json", false, "imprimir JSON (el evento)")
	pos, code, ok := parse(fs, args, 1)
	if !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	ev, err := api.RetryEvent(ctx, pos[0])
	if err != nil {
		return e.refused(err)
	}
	if *asJSON {
		return printJSON(e.stdout, ev)
	}
	fmt.Fprintf(e.stdout, "Evento %s (%s) programado de nuevo: %s.\n", ev.Id, ev.Type, ev.State)
	return 0
}

func productsRestore(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "products restore", "products restore ID [--json]\n\nEl producto vuelve inactivo; actívalo cuando esté listo para vender.", &global)
	asJSON := fs.Bool("json", false, "imprimir JSON (el producto)")
	pos, code, ok := parse(fs, args, 1)
	if !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	p, err := api.RestoreProduct(ctx, pos[0])
	if err != nil {
		return e.refused(err)
	}
	if *asJSON {
		return printJSON(e.stdout, p)
	}
	fmt.Fprintf(e.stdout, "«%s» volvió al catálogo, inactivo.\n", p.Name)
	return 0
}

func productsRemoveImage(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "products remove-image", "products remove-image ID IMAGEN_ID [--json]", &global)
	asJSON := fs.Bool("json", false, "imprimir JSON (el producto)")
	pos, code, ok := parse(fs, args, 2)
	if !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	p, err := api.DeleteProductImage(ctx, pos[0], pos[1])
	if err != nil {
		return e.refused(err)
	}
	if *asJSON {
		return printJSON(e.stdout, p)
	}
	fmt.Fprintf(e.stdout, "Imagen quitada de «%s» (%d de 3).\n", p.Name, len(p.Images))
	return 0
}

func ordersInvoice(ctx context.Context, e env, global config.Config, args []string) int {
	fs := newFlags(e, "orders invoice", "orders invoice ID|REFERENCIA [--out ARCHIVO.pdf] [--json]", &global)
	out := fs.String("out", "", "archivo donde guardar el PDF (por omisión factura-REFERENCIA.pdf)")
	asJSON := fs.Bool("json", false, "imprimir JSON ({file, bytes})")
	pos, code, ok := parse(fs, args, 1)
	if !ok {
		return code
	}
	api, ok := e.client(global)
	if !ok {
		return exitRefused
	}
	o, err := api.AdminGetOrder(ctx, pos[0])
	if err != nil {
		return e.refused(err)
	}
	path := *out
	if path == "" {
		path = "factura-" + o.Reference + ".pdf"
	}
	n, err := saveInvoice(ctx, api, o.Id, path)
	if err != nil {
		if errors.As(err, new(*sdk.Error)) {
			return e.refused(err)
		}
		fmt.Fprintln(e.stderr, "cli orders invoice:", err)
		return exitRefused
	}
	if *asJSON {
		return printJSON(e.stdout, map[string]any{"file": path, "bytes": n})
	}
	fmt.Fprintf(e.stdout, "Factura del pedido %s guardada en %s (%d bytes).\n", o.Reference, path, n)
	return 0
}

// saveInvoice writes the order's PDF to path only once the server sent it,
// so a refusal leaves no empty file behind.
func saveInvoice(ctx context.Context, api *sdk.API, id, path string) (int, error) {
	var buf bytes.Buffer
	if err := api.OrderInvoice(ctx, id, &buf); err != nil {
		return 0, err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return 0, fmt.Errorf("no se pudo guardar el archivo: %w", err)
	}
	return buf.Len(), nil
}
