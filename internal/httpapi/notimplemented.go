package httpapi

import (
	"context"

	"github.com/donpalito/donpalitojr/internal/api"
)

// The operations below are part of the contract but not live yet: they answer
// 501 not_implemented. The README lists what is live.

func (h *Handler) ListEvents(context.Context, api.ListEventsRequestObject) (api.ListEventsResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) RetryEvent(context.Context, api.RetryEventRequestObject) (api.RetryEventResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) AdminListOrders(context.Context, api.AdminListOrdersRequestObject) (api.AdminListOrdersResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) AdminGetOrder(context.Context, api.AdminGetOrderRequestObject) (api.AdminGetOrderResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) UpdateOrderStatus(context.Context, api.UpdateOrderStatusRequestObject) (api.UpdateOrderStatusResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ClearCart(context.Context, api.ClearCartRequestObject) (api.ClearCartResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) GetCart(context.Context, api.GetCartRequestObject) (api.GetCartResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) AddCartItem(context.Context, api.AddCartItemRequestObject) (api.AddCartItemResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) RemoveCartItem(context.Context, api.RemoveCartItemRequestObject) (api.RemoveCartItemResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) UpdateCartItem(context.Context, api.UpdateCartItemRequestObject) (api.UpdateCartItemResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ListCoupons(context.Context, api.ListCouponsRequestObject) (api.ListCouponsResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) CreateCoupon(context.Context, api.CreateCouponRequestObject) (api.CreateCouponResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ListActiveCoupons(context.Context, api.ListActiveCouponsRequestObject) (api.ListActiveCouponsResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ValidateCoupon(context.Context, api.ValidateCouponRequestObject) (api.ValidateCouponResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) DeleteCoupon(context.Context, api.DeleteCouponRequestObject) (api.DeleteCouponResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) GetCoupon(context.Context, api.GetCouponRequestObject) (api.GetCouponResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) UpdateCoupon(context.Context, api.UpdateCouponRequestObject) (api.UpdateCouponResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ListDevMailbox(context.Context, api.ListDevMailboxRequestObject) (api.ListDevMailboxResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) SimulateDevPayment(context.Context, api.SimulateDevPaymentRequestObject) (api.SimulateDevPaymentResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ListOrders(context.Context, api.ListOrdersRequestObject) (api.ListOrdersResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) CreateOrder(context.Context, api.CreateOrderRequestObject) (api.CreateOrderResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) GetOrder(context.Context, api.GetOrderRequestObject) (api.GetOrderResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) CancelOrder(context.Context, api.CancelOrderRequestObject) (api.CancelOrderResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) CreatePaymentIntent(context.Context, api.CreatePaymentIntentRequestObject) (api.CreatePaymentIntentResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ReceiveStripeWebhook(context.Context, api.ReceiveStripeWebhookRequestObject) (api.ReceiveStripeWebhookResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ListAddresses(context.Context, api.ListAddressesRequestObject) (api.ListAddressesResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) CreateAddress(context.Context, api.CreateAddressRequestObject) (api.CreateAddressResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) DeleteAddress(context.Context, api.DeleteAddressRequestObject) (api.DeleteAddressResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) UpdateAddress(context.Context, api.UpdateAddressRequestObject) (api.UpdateAddressResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) DeactivateAccount(context.Context, api.DeactivateAccountRequestObject) (api.DeactivateAccountResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) UpdateNotificationPreferences(context.Context, api.UpdateNotificationPreferencesRequestObject) (api.UpdateNotificationPreferencesResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) GetProfile(context.Context, api.GetProfileRequestObject) (api.GetProfileResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) UpdateProfile(context.Context, api.UpdateProfileRequestObject) (api.UpdateProfileResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) GetWishlist(context.Context, api.GetWishlistRequestObject) (api.GetWishlistResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) AddWishlistItem(context.Context, api.AddWishlistItemRequestObject) (api.AddWishlistItemResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) RemoveWishlistItem(context.Context, api.RemoveWishlistItemRequestObject) (api.RemoveWishlistItemResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ReceiveClerkWebhook(context.Context, api.ReceiveClerkWebhookRequestObject) (api.ReceiveClerkWebhookResponseObject, error) {
	return nil, errNotImplemented
}
