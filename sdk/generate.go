// Package sdk is the Go client for the Don Palito Jr API.
//
// Start with New, which returns an *API:
//
//	api, err := sdk.New("http://localhost:8080", sdk.WithAPIKey(key))
//	page, err := api.ListProducts(ctx, nil)
//
// The convenience methods (ListProducts, CreateProduct, AdjustStock,
// UploadProductImage, UpdateOrderStatus, CreateCoupon, …) return domain values
// and, for any answer outside 2xx, an *Error carrying the server's problem
// document: test it with errors.As or IsCode. Every other operation of the
// contract is there too, typed, through the embedded generated client
// (api.AdminGetOrderWithResponse, …); CheckResponse turns their answers into
// the same errors. Products, AdminProducts, Orders and Coupons iterate over
// every page; Paginate does the same for any list.
//
// Requests that are safe to repeat are retried with backoff, and creating
// requests get an automatic Idempotency-Key; see New.
//
// The typed client and models in client.gen.go are generated from the
// repository's openapi.yaml (never edit them by hand; run
// `go generate ./sdk`). The hand-written layer lives in the other files.
package sdk

//go:generate go tool -modfile=../go.mod oapi-codegen -config cfg.yaml ../openapi.yaml
