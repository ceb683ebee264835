// Package media stores uploaded images: on local disk served under /media/,
// or on Cloudinary when CLOUDINARY_URL is set. Both sit behind Storage.
package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// MaxImageBytes is the largest image accepted.
const MaxImageBytes = 5 << 20

var (
	ErrUnsupportedType = errors.New("only JPEG, PNG and WebP images are accepted")
	ErrTooLarge        = errors.New("image is larger than 5 MB")
)

// Storage keeps image bytes and says where they can be fetched.
type Storage interface {
	// Save stores data under key (a slash-separated path without extension)
	// and returns its reference (see URL) and the key to delete it with.
	Save(ctx context.Context, key string, data []byte, contentType string) (ref, storedKey string, err error)
	Delete(ctx context.Context, storedKey string) error
	// Read returns the stored bytes of an image (to make its variants later).
	Read(ctx context.Context, ref, storedKey string) ([]byte, error)
}

// Prefix is where local media are served.
const Prefix = "/media/"

// URL turns a stored reference into the URL clients fetch. A local file's
// reference is root-relative ("/media/…") and gets the server's public base
// URL in front, so changing PUBLIC_BASE_URL or PORT never breaks an image.
// Absolute URLs of local media written by older versions are rebased the
// same way; any other absolute URL (Cloudinary's) is returned as it is.
func URL(base, ref string) string {
	r := Ref(ref)
	if strings.HasPrefix(r, "/") {
		return strings.TrimRight(base, "/") + r
	}
	return r
}

// Ref normalises a stored image reference: an absolute http(s) URL whose path
// is under /media/ (how local images used to be stored) becomes the
// root-relative path; anything else is unchanged.
func Ref(raw string) string {
	if !strings.HasPrefix(raw, "http://") && !strings.HasPrefix(raw, "https://") {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || !strings.HasPrefix(u.Path, Prefix) {
		return raw
	}
	return u.EscapedPath()
}

// SniffImage decides an image's type from its bytes, never from its name or
// the client's Content-Type.
func SniffImage(data []byte) (contentType, ext string, err error) {
	if len(data) > MaxImageBytes {
		return "", "", ErrTooLarge
	}
	switch ct := http.DetectContentType(data); ct {
	case "image/jpeg":
		return ct, ".jpg", nil
	case "image/png":
		return ct, ".png", nil
	case "image/webp":
		return ct, ".webp", nil
	}
	return "", "", ErrUnsupportedType
}

// Local keeps files under Dir and serves them under /media/. Its references
// are root-relative: the public base URL is added when they are served.
type Local struct {
	Dir string
}

// Save writes the file atomically (temp file, then rename).
func (l Local) Save(_ context.Context, key string, data []byte, contentType string) (string, string, error) {
	ext := extFor(contentType)
	rel := filepath.Clean(key) + ext
	if strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
		return "", "", fmt.Errorf("media key %q escapes the media directory", key)
	}
	path := filepath.Join(l.Dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return "", "", fmt.Errorf("create media directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return "", "", fmt.Errorf("create media file: %w", err)
	}
	if _, err := bytes.NewReader(data).WriteTo(tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", "", fmt.Errorf("write media file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return "", "", fmt.Errorf("close media file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", "", fmt.Errorf("store media file: %w", err)
	}
	return Prefix + filepath.ToSlash(rel), rel, nil
}

// Read returns a stored file's bytes.
func (l Local) Read(_ context.Context, _, storedKey string) ([]byte, error) {
	rel := filepath.Clean(storedKey)
	if strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
		return nil, fmt.Errorf("media key %q escapes the media directory", storedKey)
	}
	b, err := os.ReadFile(filepath.Join(l.Dir, rel))
	if err != nil {
		return nil, fmt.Errorf("read media file: %w", err)
	}
	return b, nil
}

// Delete removes a stored file; a missing file is not an error.
func (l Local) Delete(_ context.Context, storedKey string) error {
	rel := filepath.Clean(storedKey)
	if strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
		return fmt.Errorf("media key %q escapes the media directory", storedKey)
	}
	if err := os.Remove(filepath.Join(l.Dir, rel)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete media file: %w", err)
	}
	return nil
}

// Handler serves the stored files with long cache lifetimes: every upload
// gets a new key, so a URL's content never changes.
func (l Local) Handler() http.Handler {
	fs := http.StripPrefix("/media/", http.FileServer(noDirs{http.Dir(l.Dir)}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		fs.ServeHTTP(w, r)
	})
}

// noDirs hides directory listings.
type noDirs struct{ fs http.FileSystem }

func (n noDirs) Open(name string) (http.File, error) {
	f, err := n.fs.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		return nil, os.ErrNotExist
	}
	return f, nil
}

func extFor(contentType string) string {
	switch contentType {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/webp":
		return ".webp"
	}
	return ""
}
