// Package config keeps the terminal admin's connection settings (server URL
// and API key) in the user's config directory, readable only by that user.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Config is what the terminal admin needs to reach the server.
type Config struct {
	URL    string `json:"url"`
	APIKey string `json:"apiKey"`
}

// Complete reports whether both the URL and the key are set.
func (c Config) Complete() bool { return c.URL != "" && c.APIKey != "" }

// DefaultPath is os.UserConfigDir()/donpalito/config.json.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no se encontró la carpeta de configuración del usuario: %w", err)
	}
	return filepath.Join(dir, "donpalito", "config.json"), nil
}

// Load reads the file at path; a missing file is an empty Config.
func Load(path string) (Config, error) {
	var c Config
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s no es una configuración válida: %w", path, err)
	}
	return c, nil
}

// Save writes c to path with permissions 0600 (its folder 0700), replacing
// the file atomically.
func Save(path string, c Config) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".config-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Resolve layers the sources: flags over environment over the saved file.
func Resolve(flags, env, saved Config) Config {
	pick := func(vs ...string) string {
		for _, v := range vs {
			if v != "" {
				return v
			}
		}
		return ""
	}
	return Config{URL: pick(flags.URL, env.URL, saved.URL), APIKey: pick(flags.APIKey, env.APIKey, saved.APIKey)}
}
