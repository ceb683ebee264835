package orders

import (
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/sdk"
)

func TestOnlyTheLifecyclesMovesAreOffered(t *testing.T) {
	tests := []struct {
		status sdk.OrderStatus
		method sdk.PaymentMethod
		keys   string
	}{
		{sdk.OrderStatusPending, sdk.Transfer, "pcx"},
		{sdk.OrderStatusPending, sdk.Card, "cx"}, // the payment provider confirms cards
		{sdk.OrderStatusPaid, sdk.Transfer, "ec"},
		{sdk.OrderStatusInPreparation, sdk.Card, "lc"},
		{sdk.OrderStatusReady, sdk.Transfer, "d"},
		{sdk.OrderStatusDelivered, sdk.Transfer, ""},
		{sdk.OrderStatusCanceled, sdk.Transfer, ""},
		{sdk.OrderStatusRejected, sdk.Transfer, ""},
	}
	for _, tt := range tests {
		var keys strings.Builder
		for _, mv := range allowedMoves(sdk.Order{Status: tt.status, PaymentMethod: tt.method}) {
			keys.WriteString(mv.key)
		}
		if keys.String() != tt.keys {
			t.Errorf("%s %s: keys %q, want %q", tt.status, tt.method, keys.String(), tt.keys)
		}
	}
}
