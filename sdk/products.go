package sdk

import (
	"context"
	"io"
	"mime/multipart"
)

// Me returns the account the client's credential acts as (for an API key, the
// admin who created it).
func (c *API) Me(ctx context.Context) (*Me, error) {
	res, err := c.GetMeWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// ListProducts returns one page of the public catalog (active products only).
func (c *API) ListProducts(ctx context.Context, params *ListProductsParams) (*ProductPage, error) {
	res, err := c.ListProductsWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// GetProduct returns an active product of the public catalog.
func (c *API) GetProduct(ctx context.Context, id string) (*Product, error) {
	res, err := c.GetProductWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// ListCategories returns the catalog's categories with their product counts.
func (c *API) ListCategories(ctx context.Context) ([]Category, error) {
	res, err := c.ListCategoriesWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	list, err := value(res.HTTPResponse, res.Body, res.JSON200)
	if err != nil {
		return nil, err
	}
	return list.Items, nil
}

// AdminListProducts returns one page of the admin product list, which can
// include inactive products (params.Status). Admin only.
func (c *API) AdminListProducts(ctx context.Context, params *AdminListProductsParams) (*ProductPage, error) {
	res, err := c.AdminListProductsWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// AdminGetProduct returns any product that is not deleted, active or not.
// Admin only.
func (c *API) AdminGetProduct(ctx context.Context, id string) (*Product, error) {
	res, err := c.AdminGetProductWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// CreateProduct adds a product to the catalog. The request carries an
// automatic Idempotency-Key, so retries create it once. Admin only.
func (c *API) CreateProduct(ctx context.Context, p ProductCreate) (*Product, error) {
	res, err := c.CreateProductWithResponse(ctx, nil, p)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON201)
}

// UpdateProduct changes the fields set in u. Admin only.
func (c *API) UpdateProduct(ctx context.Context, id string, u ProductUpdate) (*Product, error) {
	res, err := c.UpdateProductWithResponse(ctx, id, u)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// AdjustStock sets the stock (mode Set) or adds a possibly negative quantity
// to it (mode Delta), recording the reason. The stock never goes below zero:
// the server refuses with code insufficient_stock. Admin only.
func (c *API) AdjustStock(ctx context.Context, id string, a StockAdjustment) (*Product, error) {
	res, err := c.AdjustStockWithResponse(ctx, id, a)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// UploadProductImage adds an image (JPEG, PNG or WebP, at most 5 MB, at most
// 3 per product) read from r; filename is only informative, the server
// recognises the type from the bytes. It returns the updated product. The
// upload is streamed and not retried. Admin only.
func (c *API) UploadProductImage(ctx context.Context, id, filename string, r io.Reader) (*Product, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		part, err := mw.CreateFormFile("image", filename)
		if err == nil {
			_, err = io.Copy(part, r)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	res, err := c.UploadProductImageWithBodyWithResponse(ctx, id, mw.FormDataContentType(), pr)
	pr.Close() // stops the writer if the request ended early
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON201)
}

// DeleteProduct removes a product from the catalog (a soft delete: orders
// keep their snapshots). Admin only.
func (c *API) DeleteProduct(ctx context.Context, id string) error {
	res, err := c.DeleteProductWithResponse(ctx, id)
	if err != nil {
		return err
	}
	return CheckResponse(res.HTTPResponse, res.Body)
}
