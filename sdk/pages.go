package sdk

import (
	"context"
	"iter"
)

// pageSize is the page size the iterators ask for when the caller sets none
// (the contract's maximum).
const pageSize = 100

// Paginate walks every page of a paginated list, fetching page 1, 2, … until
// it has seen total items or a page comes back empty. fetch returns one page's
// items and the total across all pages. An error is yielded once and ends the
// walk; so does the caller breaking out of the loop.
//
//	for p, err := range sdk.Paginate(ctx, fetchPage) {
//		if err != nil { … }
//	}
func Paginate[T any](ctx context.Context, fetch func(ctx context.Context, page int) (items []T, total int, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		seen := 0
		for page := 1; ; page++ {
			if err := ctx.Err(); err != nil {
				var zero T
				yield(zero, err)
				return
			}
			items, total, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			seen += len(items)
			if len(items) == 0 || seen >= total {
				return
			}
		}
	}
}

// Products walks every product of the public catalog matching params (its
// Page is ignored; Limit sets the page size, 100 by default).
func (c *API) Products(ctx context.Context, params *ListProductsParams) iter.Seq2[Product, error] {
	var p ListProductsParams
	if params != nil {
		p = *params
	}
	return Paginate(ctx, func(ctx context.Context, page int) ([]Product, int, error) {
		q := p
		q.Page, q.Limit = &page, limitOr(p.Limit)
		res, err := c.ListProducts(ctx, &q)
		if err != nil {
			return nil, 0, err
		}
		return res.Items, res.Total, nil
	})
}

// AdminProducts walks every product the admin list matches, inactive ones
// included when params.Status asks for them.
func (c *API) AdminProducts(ctx context.Context, params *AdminListProductsParams) iter.Seq2[Product, error] {
	var p AdminListProductsParams
	if params != nil {
		p = *params
	}
	return Paginate(ctx, func(ctx context.Context, page int) ([]Product, int, error) {
		q := p
		q.Page, q.Limit = &page, limitOr(p.Limit)
		res, err := c.AdminListProducts(ctx, &q)
		if err != nil {
			return nil, 0, err
		}
		return res.Items, res.Total, nil
	})
}

// Orders walks every order the admin list matches.
func (c *API) Orders(ctx context.Context, params *AdminListOrdersParams) iter.Seq2[Order, error] {
	var p AdminListOrdersParams
	if params != nil {
		p = *params
	}
	return Paginate(ctx, func(ctx context.Context, page int) ([]Order, int, error) {
		q := p
		q.Page, q.Limit = &page, limitOr(p.Limit)
		res, err := c.AdminListOrders(ctx, &q)
		if err != nil {
			return nil, 0, err
		}
		return res.Items, res.Total, nil
	})
}

// Coupons walks every coupon the admin list matches.
func (c *API) Coupons(ctx context.Context, params *ListCouponsParams) iter.Seq2[Coupon, error] {
	var p ListCouponsParams
	if params != nil {
		p = *params
	}
	return Paginate(ctx, func(ctx context.Context, page int) ([]Coupon, int, error) {
		q := p
		q.Page, q.Limit = &page, limitOr(p.Limit)
		res, err := c.ListCoupons(ctx, &q)
		if err != nil {
			return nil, 0, err
		}
		return res.Items, res.Total, nil
	})
}

func limitOr(l *int) *int {
	if l != nil {
		return l
	}
	n := pageSize
	return &n
}
