package orders

import (
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/sdk"
)

// The keys offered are exactly the order's allowedTransitions, whatever its
// status says: the server decides.
func TestOnlyTheServersMovesAreOffered(t *testing.T) {
	s := func(st ...sdk.OrderStatus) []sdk.OrderStatus { return st }
	tests := []struct {
		status  sdk.OrderStatus
		allowed []sdk.OrderStatus
		keys    string
	}{
		{sdk.OrderStatusPending, s(sdk.OrderStatusPaid, sdk.OrderStatusCanceled, sdk.OrderStatusRejected), "pcx"},
		{sdk.OrderStatusPaid, s(sdk.OrderStatusInPreparation, sdk.OrderStatusCanceled), "ec"},
		{sdk.OrderStatusReady, s(sdk.OrderStatusDelivered), "d"},
		{sdk.OrderStatusPending, s(), ""},
		{sdk.OrderStatusDelivered, s(sdk.OrderStatusCanceled), "c"},
	}
	for _, tt := range tests {
		m := &Model{moveKeys: defaultMoveKeys()}
		var keys strings.Builder
		for _, b := range m.moveActions(sdk.Order{Status: tt.status, AllowedTransitions: tt.allowed}) {
			if b.Key.Enabled() {
				keys.WriteString(b.Key.Help().Key)
			}
		}
		if keys.String() != tt.keys {
			t.Errorf("%s %v: keys %q, want %q", tt.status, tt.allowed, keys.String(), tt.keys)
		}
	}
}

// The p key says what it does for the order's payment method: a transfer is
// confirmed, a card payment is recorded.
func TestThePayLabelFollowsThePaymentMethod(t *testing.T) {
	pending := []sdk.OrderStatus{sdk.OrderStatusPaid}
	for _, tt := range []struct {
		method sdk.PaymentMethod
		want   string
	}{{sdk.Transfer, "confirmar transferencia"}, {sdk.Card, "marcar pago con tarjeta"}} {
		m := &Model{moveKeys: defaultMoveKeys()}
		acts := m.moveActions(sdk.Order{Status: sdk.OrderStatusPending, PaymentMethod: tt.method, AllowedTransitions: pending})
		if got := acts[0].Key.Help().Desc; got != tt.want {
			t.Errorf("%s: p says %q, want %q", tt.method, got, tt.want)
		}
	}
}
