package events

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Inngest publishes outbox events to Inngest's Event API. The Go SDK cannot
// be fetched here, and publishing needs only its documented HTTP call:
// POST {base}/e/{event key} with a JSON event. The outbox event id is sent as
// Inngest's event id, which Inngest uses to drop duplicates, so the worker's
// at-least-once retries reach Inngest functions once.
type Inngest struct {
	// BaseURL is INNGEST_EVENT_URL (https://inn.gs by default).
	BaseURL  string
	EventKey string
	Client   *http.Client
}

// Name implements Handler.
func (i *Inngest) Name() string { return "inngest" }

type inngestEvent struct {
	ID   string         `json:"id"`
	Name string         `json:"name"`
	Data map[string]any `json:"data"`
	TS   int64          `json:"ts"`
}

// Handle implements Handler.
func (i *Inngest) Handle(ctx context.Context, e Event) error {
	body, err := json.Marshal(inngestEvent{
		ID: e.ID.Hex(), Name: "donpalito/" + e.Type, Data: e.Payload, TS: e.CreatedAt.UnixMilli(),
	})
	if err != nil {
		return fmt.Errorf("encode Inngest event: %w", err)
	}
	base := strings.TrimRight(i.BaseURL, "/")
	if base == "" {
		base = "https://inn.gs"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/e/"+url.PathEscape(i.EventKey), bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build Inngest request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	client := i.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("send event to Inngest: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 512))
		return fmt.Errorf("Inngest answered %d: %s", res.StatusCode, bytes.TrimSpace(msg))
	}
	return nil
}
