package webhook

import (
	"context"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

var ctx = context.Background()

func TestLedgerProcessesAMessageOnce(t *testing.T) {
	l := NewLedger(modeStore(storetest.Store(t)))
	var runs atomic.Int32
	process := func(context.Context) error { runs.Add(1); return nil }

	dup, err := l.ProcessOnce(ctx, "clerk:msg_1", process)
	if err != nil || dup {
		t.Fatalf("first delivery: dup=%v err=%v", dup, err)
	}
	dup, err = l.ProcessOnce(ctx, "clerk:msg_1", process)
	if err != nil || !dup {
		t.Fatalf("redelivery: dup=%v err=%v", dup, err)
	}
	if _, err := l.ProcessOnce(ctx, "stripe:msg_1", process); err != nil {
		t.Fatal(err)
	}
	if n := runs.Load(); n != 2 {
		t.Fatalf("processed %d times, want 2 (one per provider message)", n)
	}
}

func TestLedgerConcurrentDeliveriesProcessOnceAndAllSucceed(t *testing.T) {
	l := NewLedger(modeStore(storetest.Store(t)))
	var runs atomic.Int32
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := l.ProcessOnce(ctx, "clerk:msg_c", func(context.Context) error {
				runs.Add(1)
				time.Sleep(50 * time.Millisecond) // let the others arrive while it runs
				return nil
			})
			if err != nil {
				t.Errorf("delivery: %v", err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Fatalf("processed %d times, want 1", n)
	}
}

func TestLedgerReleasesAMessageWhoseProcessingFailed(t *testing.T) {
	s := storetest.Store(t)
	l := NewLedger(modeStore(s))
	boom := errors.New("database unavailable")
	if _, err := l.ProcessOnce(ctx, "clerk:msg_f", func(context.Context) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("got %v, want the processing error", err)
	}
	if n, _ := s.DB.Collection(collection).CountDocuments(ctx, bson.D{}); n != 0 {
		t.Fatalf("a failed message is still recorded (%d)", n)
	}
	ran := false
	dup, err := l.ProcessOnce(ctx, "clerk:msg_f", func(context.Context) error { ran = true; return nil })
	if err != nil || dup || !ran {
		t.Fatalf("the retry was not processed: dup=%v err=%v ran=%v", dup, err, ran)
	}
}

func TestLedgerWaitsThenAnswersInProgress(t *testing.T) {
	l := NewLedger(modeStore(storetest.Store(t)))
	l.Wait = 100 * time.Millisecond
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := l.ProcessOnce(ctx, "clerk:msg_w", func(context.Context) error { close(started); <-release; return nil })
		done <- err
	}()
	// The first delivery holds the claim from here on; a sleep could let the
	// second call claim first on a loaded machine.
	<-started
	if _, err := l.ProcessOnce(ctx, "clerk:msg_w", func(context.Context) error { return nil }); !errors.Is(err, ErrInProgress) {
		t.Fatalf("got %v, want ErrInProgress", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestLedgerTakesOverAClaimWhoseLeaseExpired(t *testing.T) {
	s := storetest.Store(t)
	l := NewLedger(modeStore(s))
	old := time.Now().Add(-2 * l.Lease).UTC()
	if _, err := s.DB.Collection(collection).InsertOne(ctx, messageDoc{ID: "clerk:msg_l", Claim: "crashed", ClaimedAt: old, ReceivedAt: old}); err != nil {
		t.Fatal(err)
	}
	ran := false
	dup, err := l.ProcessOnce(ctx, "clerk:msg_l", func(context.Context) error { ran = true; return nil })
	if err != nil || dup || !ran {
		t.Fatalf("abandoned message not taken over: dup=%v err=%v ran=%v", dup, err, ran)
	}
}

func TestLedgerSweepForgetsOldMessages(t *testing.T) {
	s := storetest.Store(t)
	l := NewLedger(modeStore(s))
	old := time.Now().Add(-l.Retention - time.Hour).UTC()
	s.DB.Collection(collection).InsertOne(ctx, messageDoc{ID: "clerk:old", Claim: "x", Done: true, ClaimedAt: old, ReceivedAt: old})
	l.ProcessOnce(ctx, "clerk:new", func(context.Context) error { return nil })
	if n, err := l.Sweep(ctx); err != nil || n != 1 {
		t.Fatalf("swept %d, %v; want 1", n, err)
	}
	if n, _ := s.DB.Collection(collection).CountDocuments(ctx, bson.D{}); n != 1 {
		t.Fatalf("%d messages left, want the recent one", n)
	}
}
