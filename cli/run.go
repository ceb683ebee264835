package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/config"
	"github.com/donpalito/donpalitojr/cli/tui/app"
	"github.com/donpalito/donpalitojr/sdk"
)

const usage = `Don Palito Jr · administración desde la terminal

Uso:
  cli [--url URL] [--api-key CLAVE]          abre la administración (pestañas Productos,
                                             Pedidos, Cupones, Resumen, Clientes,
                                             Claves API y Eventos)
  cli products list [--q TEXTO] [--category C] [--status active|inactive|all|deleted] [--json]
  cli products restore ID [--json]
  cli products remove-image ID IMAGEN_ID [--json]
  cli orders list [--status ESTADO] [--q TEXTO] [--json]
  cli orders set-status ID|REFERENCIA ESTADO [--note TEXTO]
  cli orders invoice ID|REFERENCIA [--out ARCHIVO.pdf] [--json]
  cli customers list [--q TEXTO] [--active true|false] [--json]
  cli customers activate|deactivate ID [--json]
  cli keys list [--all] [--json]
  cli keys create --name NOMBRE [--scope admin|read] [--json]
  cli keys revoke ID
  cli events list [--type TIPO] [--state ESTADO] [--json]
  cli events retry ID [--json]
  cli coupons list [--json]
  cli coupons create --code CODIGO --type percentage|fixed --value N [más opciones]
  cli COMANDO --help                         ayuda de cada comando

Conexión (la primera que exista): --url y --api-key; DONPALITO_URL y
DONPALITO_API_KEY; el archivo que guarda la primera vez que entras
(%s).
La clave de API la crea un administrador: "server keys create --name caja"
o POST /api/admin/api-keys.

Los comandos terminan con código 1 y el problema en stderr cuando la API se
niega, y con código 2 si el comando está mal escrito.
`

// exitUsage and exitRefused are the exit codes besides 0.
const (
	exitRefused = 1
	exitUsage   = 2
)

// env is the program's view of its surroundings, so tests can run it.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// configPath is where the connection is saved ("" = the default path).
	configPath string
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}.run(ctx, args)
}

func (e env) run(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("cli", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var flags config.Config
	fs.StringVar(&flags.URL, "url", "", "URL del servidor, p. ej. http://localhost:8080")
	fs.StringVar(&flags.APIKey, "api-key", "", "clave de API de administración (dpk_…)")
	fs.Usage = func() { fmt.Fprintf(e.stdout, usage, e.pathForHelp()) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return e.interactive(ctx, flags)
	}
	if rest[0] == "help" {
		fs.Usage()
		return 0
	}
	cmd, ok := commands[strings.Join(rest[:min(2, len(rest))], " ")]
	if !ok {
		fmt.Fprintf(e.stderr, "cli: comando desconocido %q (mira cli --help)\n", strings.Join(rest, " "))
		return exitUsage
	}
	return cmd(ctx, e, flags, rest[2:])
}

func (e env) pathForHelp() string {
	if e.configPath != "" {
		return e.configPath
	}
	p, err := config.DefaultPath()
	if err != nil {
		return "carpeta de configuración del usuario/donpalito/config.json"
	}
	return p
}

// connection resolves the URL and key: flags, then environment, then the
// saved file.
func (e env) connection(flags config.Config) (config.Config, string, error) {
	path := e.configPath
	if path == "" {
		p, err := config.DefaultPath()
		if err != nil {
			return config.Config{}, "", err
		}
		path = p
	}
	saved, err := config.Load(path)
	if err != nil {
		return config.Config{}, path, err
	}
	fromEnv := config.Config{URL: e.getenv("DONPALITO_URL"), APIKey: e.getenv("DONPALITO_API_KEY")}
	return config.Resolve(flags, fromEnv, saved), path, nil
}

func connect(url, apiKey string) (*sdk.API, error) {
	return sdk.New(url, sdk.WithAPIKey(apiKey), sdk.WithUserAgent("donpalito-cli/1"))
}

func (e env) interactive(ctx context.Context, flags config.Config) int {
	conn, path, err := e.connection(flags)
	if err != nil {
		fmt.Fprintln(e.stderr, "cli:", err)
	}
	// Credentials given by flags or environment are used, not saved over the
	// file; whatever is typed into the login form is saved.
	overridden := flags != (config.Config{}) || e.getenv("DONPALITO_URL") != "" || e.getenv("DONPALITO_API_KEY") != ""
	model := app.New(app.Options{
		URL: conn.URL, APIKey: conn.APIKey, Connect: connect,
		Save: func(url, apiKey string) error {
			if overridden && url == conn.URL && apiKey == conn.APIKey {
				return nil
			}
			if path == "" {
				return errors.New("no hay carpeta de configuración")
			}
			return config.Save(path, config.Config{URL: url, APIKey: apiKey})
		},
	})
	p := tea.NewProgram(model, tea.WithContext(ctx), tea.WithInput(e.stdin), tea.WithOutput(e.stdout))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrInterrupted) {
		fmt.Fprintln(e.stderr, "cli:", err)
		return exitRefused
	}
	return 0
}
