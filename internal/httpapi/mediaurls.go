package httpapi

import (
	"context"
	"net/http"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/media"
)

// orderImageURLs turns the image references order lines keep ("/media/…",
// stored so that a new PUBLIC_BASE_URL or PORT never breaks them) into URLs
// on this server's public base, for every response that shows orders. It sits
// at the edge so the order conversions need not know the base URL.
func orderImageURLs(base string) api.StrictMiddlewareFunc {
	fixOrder := func(o *api.Order) {
		for i := range o.Lines {
			if im := o.Lines[i].Image; im != nil {
				u := media.URL(base, *im)
				o.Lines[i].Image = &u
			}
		}
	}
	fixPage := func(p *api.OrderPage) {
		for i := range p.Items {
			fixOrder(&p.Items[i])
		}
	}
	return func(f api.StrictHandlerFunc, _ string) api.StrictHandlerFunc {
		return func(ctx context.Context, w http.ResponseWriter, r *http.Request, req any) (any, error) {
			res, err := f(ctx, w, r, req)
			switch v := res.(type) {
			case api.CreateOrder201JSONResponse:
				fixOrder((*api.Order)(&v))
				return v, err
			case api.GetOrder200JSONResponse:
				fixOrder((*api.Order)(&v))
				return v, err
			case api.CancelOrder200JSONResponse:
				fixOrder((*api.Order)(&v))
				return v, err
			case api.AdminGetOrder200JSONResponse:
				fixOrder((*api.Order)(&v))
				return v, err
			case api.UpdateOrderStatus200JSONResponse:
				fixOrder((*api.Order)(&v))
				return v, err
			case api.ListOrders200JSONResponse:
				fixPage((*api.OrderPage)(&v))
				return v, err
			case api.AdminListOrders200JSONResponse:
				fixPage((*api.OrderPage)(&v))
				return v, err
			case api.SimulateDevPayment200JSONResponse:
				fixOrder(&v.Order)
				return v, err
			}
			return res, err
		}
	}
}
