package sdk_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/sdk"
)

// These examples talk to a running server (`make run` starts one on
// http://localhost:8080) with an admin API key from `server keys create`.
// They compile with the tests but need that server to run.

func ExampleAPI_ListProducts() {
	ctx := context.Background()
	api, err := sdk.New("http://localhost:8080")
	if err != nil {
		log.Fatal(err)
	}
	q, limit := "queso", 5
	page, err := api.ListProducts(ctx, &sdk.ListProductsParams{Q: &q, Limit: &limit})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d productos con queso\n", page.Total)
	for _, p := range page.Items {
		fmt.Printf("%s: %d %s (minor units)\n", p.Name, p.Price, p.Currency)
	}
}

func ExampleAPI_Products() {
	ctx := context.Background()
	api, err := sdk.New("http://localhost:8080")
	if err != nil {
		log.Fatal(err)
	}
	// Every page of the catalog, fetched as the loop goes.
	for p, err := range api.Products(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.Name, p.Stock)
	}
}

func ExampleAPI_CreateProduct() {
	ctx := context.Background()
	api, err := sdk.New("http://localhost:8080",
		sdk.WithAPIKey(os.Getenv("DONPALITO_API_KEY")),
		sdk.WithUserAgent("inventario-bodega/1.0"))
	if err != nil {
		log.Fatal(err)
	}
	// The SDK adds an Idempotency-Key, so a retry after a lost answer does
	// not create the product twice.
	p, err := api.CreateProduct(ctx, sdk.ProductCreate{
		Name:        "Palito de guayaba",
		Description: "Hojaldre con bocadillo veleño",
		Price:       300000, // 3 000 COP in minor units
		Stock:       12,
		Category:    "Palitos",
	})
	var problem *sdk.Error
	if errors.As(err, &problem) && problem.Code == "validation_failed" {
		for _, f := range problem.Fields {
			fmt.Printf("%s: %s\n", f.Field, f.Message)
		}
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("creado", p.Id)
}

func ExampleAPI_UpdateOrderStatus() {
	ctx := context.Background()
	api, err := sdk.New("http://localhost:8080", sdk.WithAPIKey(os.Getenv("DONPALITO_API_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	// Confirm every pending bank transfer whose money has arrived.
	pending, transfer := sdk.OrderStatusPending, sdk.Transfer
	for o, err := range api.Orders(ctx, &sdk.AdminListOrdersParams{Status: &pending, PaymentMethod: &transfer}) {
		if err != nil {
			log.Fatal(err)
		}
		note := "Transferencia verificada en el banco"
		paid, err := api.UpdateOrderStatus(ctx, o.Id, sdk.OrderStatusUpdate{Status: sdk.OrderStatusPaid, Note: &note})
		if sdk.IsCode(err, "invalid_transition") {
			continue // someone else moved it meanwhile
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(paid.Reference, paid.Status)
	}
}

func ExampleAPI_CreateCoupon() {
	ctx := context.Background()
	api, err := sdk.New("http://localhost:8080", sdk.WithAPIKey(os.Getenv("DONPALITO_API_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	description := "10 % en la primera compra"
	maxDiscount, usageLimit := int64(1000000), 500 // at most 10 000 COP off; 500 uses
	ends := openapi_types.Date{Time: time.Date(2026, time.December, 31, 0, 0, 0, 0, time.UTC)}
	c, err := api.CreateCoupon(ctx, sdk.CouponCreate{
		Code:        "BIENVENIDA10",
		Description: &description,
		Type:        sdk.Percentage,
		Value:       10,
		MaxDiscount: &maxDiscount,
		UsageLimit:  &usageLimit,
		EndsAt:      &ends, // through the end of that day in Bogotá
	})
	if sdk.IsCode(err, "conflict") {
		fmt.Println("ese código ya existe")
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Code, c.IsActive)
}

func ExampleIsCode() {
	ctx := context.Background()
	api, err := sdk.New("http://localhost:8080", sdk.WithAPIKey(os.Getenv("DONPALITO_API_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	_, err = api.AdjustStock(ctx, "665f1c2e8b3a4d0012345678", sdk.StockAdjustment{Mode: sdk.Delta, Quantity: -10, Reason: "merma"})
	switch {
	case sdk.IsCode(err, "insufficient_stock"):
		fmt.Println("no hay tantas unidades")
	case sdk.IsCode(err, "not_found"):
		fmt.Println("ese producto no existe")
	case err != nil:
		log.Fatal(err)
	}
}
