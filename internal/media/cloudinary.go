package media

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Cloudinary stores images through Cloudinary's signed upload API.
type Cloudinary struct {
	Cloud, APIKey, APISecret string
	// Folder prefixes every public id.
	Folder string
	// APIBase is https://api.cloudinary.com unless a test points it elsewhere.
	APIBase string
	Client  *http.Client
	Now     func() time.Time
}

// ParseCloudinaryURL reads cloudinary://API_KEY:API_SECRET@CLOUD_NAME.
func ParseCloudinaryURL(raw string) (*Cloudinary, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "cloudinary" || u.User == nil || u.Host == "" {
		return nil, fmt.Errorf("CLOUDINARY_URL must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME")
	}
	secret, _ := u.User.Password()
	if u.User.Username() == "" || secret == "" {
		return nil, fmt.Errorf("CLOUDINARY_URL must include the API key and secret")
	}
	return &Cloudinary{Cloud: u.Host, APIKey: u.User.Username(), APISecret: secret, Folder: "donpalito"}, nil
}

type cloudinaryResponse struct {
	SecureURL string `json:"secure_url"`
	PublicID  string `json:"public_id"`
	Result    string `json:"result"`
	Error     *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// Save uploads data; the stored key is Cloudinary's public id.
func (c *Cloudinary) Save(ctx context.Context, key string, data []byte, _ string) (string, string, error) {
	publicID := strings.Trim(c.Folder+"/"+key, "/")
	params := map[string]string{"public_id": publicID}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range c.signed(params) {
		if err := mw.WriteField(k, v); err != nil {
			return "", "", fmt.Errorf("build upload form: %w", err)
		}
	}
	fw, err := mw.CreateFormFile("file", "upload")
	if err != nil {
		return "", "", fmt.Errorf("build upload form: %w", err)
	}
	if _, err := fw.Write(data); err != nil {
		return "", "", fmt.Errorf("build upload form: %w", err)
	}
	if err := mw.Close(); err != nil {
		return "", "", fmt.Errorf("build upload form: %w", err)
	}
	res, err := c.call(ctx, "upload", mw.FormDataContentType(), &body)
	if err != nil {
		return "", "", err
	}
	return res.SecureURL, res.PublicID, nil
}

// Read downloads an uploaded image from its delivery URL.
func (c *Cloudinary) Read(ctx context.Context, ref, _ string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ref, nil)
	if err != nil {
		return nil, fmt.Errorf("cloudinary read: %w", err)
	}
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cloudinary read: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cloudinary read %s: status %d", ref, resp.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cloudinary read: %w", err)
	}
	return b, nil
}

// VariantURL is Cloudinary's transformation URL for a copy at most width
// pixels wide (c_limit never upscales), as WebP: Cloudinary resizes and
// encodes on its side, so no variant is stored.
func (c *Cloudinary) VariantURL(ref string, width int) (string, string, bool) {
	const marker = "/image/upload/"
	i := strings.Index(ref, marker)
	if i < 0 {
		return "", "", false
	}
	i += len(marker)
	return ref[:i] + "c_limit,w_" + strconv.Itoa(width) + ",f_webp,q_auto/" + ref[i:], "webp", true
}

// Delete destroys the image with the given public id.
func (c *Cloudinary) Delete(ctx context.Context, publicID string) error {
	form := url.Values{}
	for k, v := range c.signed(map[string]string{"public_id": publicID}) {
		form.Set(k, v)
	}
	_, err := c.call(ctx, "destroy", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	return err
}

// signed adds timestamp, api_key and the SHA-1 signature Cloudinary expects:
// the sorted params joined as k=v&k=v, followed by the secret.
func (c *Cloudinary) signed(params map[string]string) map[string]string {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	out := map[string]string{"timestamp": strconv.FormatInt(now().Unix(), 10)}
	for k, v := range params {
		out[k] = v
	}
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + out[k]
	}
	sum := sha1.Sum([]byte(strings.Join(parts, "&") + c.APISecret))
	out["signature"] = hex.EncodeToString(sum[:])
	out["api_key"] = c.APIKey
	return out
}

func (c *Cloudinary) call(ctx context.Context, action, contentType string, body io.Reader) (*cloudinaryResponse, error) {
	base := c.APIBase
	if base == "" {
		base = "https://api.cloudinary.com"
	}
	endpoint := fmt.Sprintf("%s/v1_1/%s/image/%s", strings.TrimRight(base, "/"), url.PathEscape(c.Cloud), action)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, body)
	if err != nil {
		return nil, fmt.Errorf("cloudinary %s: %w", action, err)
	}
	req.Header.Set("Content-Type", contentType)
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cloudinary %s: %w", action, err)
	}
	defer resp.Body.Close()
	var out cloudinaryResponse
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&out); err != nil {
		return nil, fmt.Errorf("cloudinary %s: status %d, unreadable answer: %w", action, resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK || out.Error != nil {
		msg := ""
		if out.Error != nil {
			msg = out.Error.Message
		}
		return nil, fmt.Errorf("cloudinary %s: status %d: %s", action, resp.StatusCode, msg)
	}
	return &out, nil
}
