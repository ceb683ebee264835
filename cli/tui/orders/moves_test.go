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
		var keys strings.Builder
		for _, mv := range allowedMoves(sdk.Order{Status: tt.status, AllowedTransitions: tt.allowed}) {
			keys.WriteString(mv.key)
		}
		if keys.String() != tt.keys {
			t.Errorf("%s %v: keys %q, want %q", tt.status, tt.allowed, keys.String(), tt.keys)
		}
	}
}
