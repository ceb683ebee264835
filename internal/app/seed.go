package app

import (
	"context"
	"log/slog"

	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/demo"
)

// seedDemo fills a database that never had a product with the demo catalog
// and its coupons. It never touches a catalog that has (or had) products.
func seedDemo(ctx context.Context, cat *catalog.Service, coupons *coupon.Service, log *slog.Logger) error {
	empty, err := cat.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	for _, d := range demo.Products() {
		p, err := cat.Create(ctx, catalog.NewProduct{
			Name: d.Name, Description: d.Description, Category: d.Category, Price: d.Price, Stock: d.Stock, Active: true,
		})
		if err != nil {
			return err
		}
		img, err := demo.Image(d)
		if err != nil {
			return err
		}
		if _, err := cat.AddImage(catalog.DeferCopies(ctx), p.ID, img); err != nil {
			return err
		}
	}
	var seeds []coupon.Coupon
	for _, c := range demo.Coupons() {
		seeds = append(seeds, coupon.Coupon{
			Code: c.Code, Description: c.Description, Type: coupon.Type(c.Type), Value: c.Value,
			MinSubtotal: c.MinSubtotal, Active: true, Public: c.Public, PerCustomerLimit: 1,
		})
	}
	if err := coupons.Seed(ctx, seeds); err != nil {
		return err
	}
	log.Info("seeded the demo catalog", "products", len(demo.Products()), "coupons", len(seeds))
	return nil
}
