package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/media"
	"github.com/donpalito/donpalitojr/internal/validation"
)

var catalogProblems = []problemRule{
	{catalog.ErrNotFound, http.StatusNotFound, "not_found", "El producto no existe."},
	{catalog.ErrImageNotFound, http.StatusNotFound, "not_found", "La imagen no existe en este producto."},
	{catalog.ErrTooManyImages, http.StatusConflict, "too_many_images", "Un producto puede tener como máximo 3 imágenes."},
	{catalog.ErrNotDeleted, http.StatusConflict, "product_not_deleted", "El producto no está eliminado; no hay nada que restaurar."},
	{catalog.ErrInsufficientStock, http.StatusConflict, "insufficient_stock", "El inventario no puede quedar por debajo de cero."},
	{media.ErrUnsupportedType, http.StatusUnsupportedMediaType, "unsupported_media_type", "Solo se aceptan imágenes JPEG, PNG o WebP."},
	{media.ErrTooLarge, http.StatusRequestEntityTooLarge, "payload_too_large", "La imagen supera los 5 MB."},
	{media.ErrUnreadable, http.StatusUnsupportedMediaType, "unsupported_media_type", "La imagen está dañada o incompleta: no se puede leer."},
	{media.ErrTooManyPixels, http.StatusRequestEntityTooLarge, "payload_too_large", "La imagen supera los 40 megapíxeles."},
}

func toAPIProduct(p catalog.Product) api.Product {
	images := make([]api.ProductImage, len(p.Images))
	for i, im := range p.Images {
		variants := make([]api.ImageVariant, len(im.Variants))
		for j, v := range im.Variants {
			variants[j] = api.ImageVariant{Width: v.Width, Url: v.URL, Format: api.ImageVariantFormat(v.Format)}
		}
		images[i] = api.ProductImage{Id: im.ID, Url: im.URL, Width: im.Width, Height: im.Height, Variants: variants}
	}
	return api.Product{
		Id: p.ID, Name: p.Name, Description: p.Description, Category: p.Category,
		Price: p.Price, Currency: p.Currency, Stock: p.Stock, Images: images, IsActive: p.Active,
		AverageRating: p.AverageRating, ReviewCount: p.ReviewCount, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
}

func toAPIProductPage(p catalog.Page) api.ProductPage {
	items := make([]api.Product, len(p.Items))
	for i, it := range p.Items {
		items[i] = toAPIProduct(it)
	}
	return api.ProductPage{Items: items, Total: p.Total, Page: p.Page, Limit: p.Limit}
}

func fromAPIListParams(p api.ListProductsParams) catalog.Query {
	return catalog.Query{
		Q: deref(p.Q), Category: deref(p.Category), MinPrice: p.MinPrice, MaxPrice: p.MaxPrice,
		InStock: p.InStock, Sort: catalog.Sort(deref(p.Sort)), Page: deref(p.Page), Limit: deref(p.Limit),
	}
}

// cacheKey identifies a list query; two requests with the same key get the
// same bytes for the same catalog version.
func cacheKey(q catalog.Query) string {
	var b strings.Builder
	b.WriteString(trimLower(q.Q))
	b.WriteByte('|')
	b.WriteString(trimLower(q.Category))
	for _, v := range []*int64{q.MinPrice, q.MaxPrice} {
		b.WriteByte('|')
		if v != nil {
			b.WriteString(strconv.FormatInt(*v, 10))
		}
	}
	b.WriteByte('|')
	if q.InStock != nil {
		b.WriteString(strconv.FormatBool(*q.InStock))
	}
	fmt.Fprintf(&b, "|%s|%s|%d|%d", q.Sort, q.Visibility, q.Page, q.Limit)
	return b.String()
}

// ListProducts serves the public catalog from the read model; identical
// queries share one encoded body until the catalog changes.
func (h *Handler) ListProducts(_ context.Context, req api.ListProductsRequestObject) (api.ListProductsResponseObject, error) {
	q, err := catalog.NormaliseQuery(fromAPIListParams(req.Params))
	if err != nil {
		return nil, err
	}
	version := h.deps.Catalog.ReadModel().Version()
	key := "list|" + cacheKey(q)
	if b, ok := h.responses.get(version, key); ok {
		return b, nil
	}
	page, err := h.deps.Catalog.List(q)
	if err != nil {
		return nil, err
	}
	b, err := encodeJSON(toAPIProductPage(page))
	if err != nil {
		return nil, err
	}
	h.responses.put(version, key, b)
	return b, nil
}

func (h *Handler) GetProduct(_ context.Context, req api.GetProductRequestObject) (api.GetProductResponseObject, error) {
	version := h.deps.Catalog.ReadModel().Version()
	key := "get|" + req.Id
	if b, ok := h.responses.get(version, key); ok {
		return b, nil
	}
	p, err := h.deps.Catalog.Get(req.Id)
	if err != nil {
		return nil, err
	}
	b, err := encodeJSON(toAPIProduct(p))
	if err != nil {
		return nil, err
	}
	h.responses.put(version, key, b)
	return b, nil
}

func (h *Handler) ListCategories(context.Context, api.ListCategoriesRequestObject) (api.ListCategoriesResponseObject, error) {
	cats := h.deps.Catalog.Categories()
	items := make([]api.Category, len(cats))
	for i, c := range cats {
		items[i] = api.Category{Name: c.Name, ProductCount: c.ProductCount}
	}
	return api.ListCategories200JSONResponse{Items: items}, nil
}

func (h *Handler) AdminListProducts(ctx context.Context, req api.AdminListProductsRequestObject) (api.AdminListProductsResponseObject, error) {
	p := req.Params
	page, err := h.deps.Catalog.AdminList(ctx, catalog.Query{
		Q: deref(p.Q), Category: deref(p.Category), Sort: catalog.Sort(deref(p.Sort)),
		Visibility: catalog.Visibility(deref(p.Status)), Page: deref(p.Page), Limit: deref(p.Limit),
		Stock: catalog.StockLevel(deref(p.Stock)), LowStock: h.deps.Config.LowStockThreshold,
	})
	if err != nil {
		return nil, err
	}
	return api.AdminListProducts200JSONResponse(toAPIProductPage(page)), nil
}

func (h *Handler) AdminGetProduct(_ context.Context, req api.AdminGetProductRequestObject) (api.AdminGetProductResponseObject, error) {
	p, err := h.deps.Catalog.AdminGet(req.Id)
	if err != nil {
		return nil, err
	}
	return api.AdminGetProduct200JSONResponse(toAPIProduct(p)), nil
}

func (h *Handler) CreateProduct(ctx context.Context, req api.CreateProductRequestObject) (api.CreateProductResponseObject, error) {
	b := req.Body
	active := true
	if b.IsActive != nil {
		active = *b.IsActive
	}
	p, err := h.deps.Catalog.Create(ctx, catalog.NewProduct{
		Name: b.Name, Description: b.Description, Category: b.Category, Price: b.Price, Stock: b.Stock, Active: active,
	})
	if err != nil {
		return nil, err
	}
	return api.CreateProduct201JSONResponse(toAPIProduct(p)), nil
}

func (h *Handler) UpdateProduct(ctx context.Context, req api.UpdateProductRequestObject) (api.UpdateProductResponseObject, error) {
	b := req.Body
	p, err := h.deps.Catalog.Update(ctx, req.Id, catalog.ProductChanges{
		Name: b.Name, Description: b.Description, Category: b.Category, Price: b.Price, Stock: b.Stock, Active: b.IsActive,
	})
	if err != nil {
		return nil, err
	}
	return api.UpdateProduct200JSONResponse(toAPIProduct(p)), nil
}

func (h *Handler) DeleteProduct(ctx context.Context, req api.DeleteProductRequestObject) (api.DeleteProductResponseObject, error) {
	if err := h.deps.Catalog.Delete(ctx, req.Id); err != nil {
		return nil, err
	}
	return api.DeleteProduct204Response{}, nil
}

func (h *Handler) RestoreProduct(ctx context.Context, req api.RestoreProductRequestObject) (api.RestoreProductResponseObject, error) {
	p, err := h.deps.Catalog.Restore(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return api.RestoreProduct200JSONResponse(toAPIProduct(p)), nil
}

func (h *Handler) AdjustStock(ctx context.Context, req api.AdjustStockRequestObject) (api.AdjustStockResponseObject, error) {
	pr, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	actor := pr.Email
	if pr.APIKeyID != "" {
		actor = "api-key:" + pr.APIKeyID
	}
	p, err := h.deps.Catalog.AdjustStock(ctx, req.Id, catalog.StockAdjustment{
		Mode: catalog.StockMode(req.Body.Mode), Quantity: int(req.Body.Quantity), Reason: req.Body.Reason, Actor: actor,
	})
	if err != nil {
		return nil, err
	}
	return api.AdjustStock200JSONResponse(toAPIProduct(p)), nil
}

// UploadProductImage reads the multipart field "image" while streaming, so a
// body over 5 MB is refused without being held in memory.
func (h *Handler) UploadProductImage(ctx context.Context, req api.UploadProductImageRequestObject) (api.UploadProductImageResponseObject, error) {
	data, err := readImagePart(req.Body)
	if err != nil {
		return nil, err
	}
	p, err := h.deps.Catalog.AddImage(ctx, req.Id, data)
	if err != nil {
		return nil, err
	}
	return api.UploadProductImage201JSONResponse(toAPIProduct(p)), nil
}

func readImagePart(mr *multipart.Reader) ([]byte, error) {
	if mr == nil {
		return nil, imageFieldProblem(validation.Required, "Envía la imagen como multipart/form-data en el campo image.")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, imageFieldProblem(validation.Required, "Falta el campo image.")
		}
		if err != nil {
			if p := problemFor(err); p != nil {
				return nil, p
			}
			return nil, imageFieldProblem(validation.Malformed, "El cuerpo multipart está mal formado.")
		}
		if part.FormName() != "image" {
			_ = part.Close()
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, media.MaxImageBytes+1))
		if err != nil {
			if p := problemFor(err); p != nil {
				return nil, p
			}
			return nil, imageFieldProblem(validation.Malformed, "No se pudo leer la imagen.")
		}
		if len(data) > media.MaxImageBytes {
			return nil, media.ErrTooLarge
		}
		if len(data) == 0 {
			return nil, imageFieldProblem(validation.Required, "La imagen está vacía.")
		}
		return data, nil
	}
}

func imageFieldProblem(code, msg string) *Problem {
	p := newProblem(http.StatusBadRequest, "validation_failed", "La imagen no se pudo recibir.")
	p.Errors = []FieldError{{Field: "image", Code: code, Message: msg}}
	return p
}

func (h *Handler) DeleteProductImage(ctx context.Context, req api.DeleteProductImageRequestObject) (api.DeleteProductImageResponseObject, error) {
	p, err := h.deps.Catalog.RemoveImage(ctx, req.Id, req.ImageId)
	if err != nil {
		return nil, err
	}
	return api.DeleteProductImage200JSONResponse(toAPIProduct(p)), nil
}
