package httpapi

import (
	"context"
	"net/http"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/review"
)

var reviewProblems = []problemRule{
	{review.ErrNotFound, http.StatusNotFound, "not_found", "La reseña no existe."},
	{review.ErrNotAllowed, http.StatusConflict, "review_not_allowed", "Solo puedes reseñar productos de un pedido tuyo que ya fue entregado."},
	// The order a review names; the order handlers map it too.
	{order.ErrNotFound, http.StatusNotFound, "not_found", "El pedido no existe."},
}

func toAPIReview(r review.Review) api.Review {
	return api.Review{
		Id: r.ID, ProductId: r.ProductID, OrderId: r.OrderID, UserId: r.UserID, AuthorName: r.AuthorName,
		Rating: r.Rating, Comment: r.Comment, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

func (h *Handler) CreateReview(ctx context.Context, req api.CreateReviewRequestObject) (api.CreateReviewResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b := req.Body
	r, created, err := h.deps.Reviews.Post(ctx, review.Post{
		UserID: p.UserID, ProductID: b.ProductId, OrderID: b.OrderId, Rating: b.Rating, Comment: deref(b.Comment),
	})
	if err != nil {
		return nil, err
	}
	if created {
		return api.CreateReview201JSONResponse(toAPIReview(r)), nil
	}
	return api.CreateReview200JSONResponse(toAPIReview(r)), nil
}

func (h *Handler) DeleteReview(ctx context.Context, req api.DeleteReviewRequestObject) (api.DeleteReviewResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.deps.Reviews.Delete(ctx, req.Id, p.UserID, p.IsAdmin()); err != nil {
		return nil, err
	}
	return api.DeleteReview204Response{}, nil
}

func (h *Handler) ListProductReviews(ctx context.Context, req api.ListProductReviewsRequestObject) (api.ListProductReviewsResponseObject, error) {
	page, err := h.deps.Reviews.ListForProduct(ctx, req.Id, deref(req.Params.Page), deref(req.Params.Limit))
	if err != nil {
		return nil, err
	}
	items := make([]api.Review, len(page.Items))
	for i, r := range page.Items {
		items[i] = toAPIReview(r)
	}
	return api.ListProductReviews200JSONResponse{Items: items, Total: page.Total, Page: page.Page, Limit: page.Limit}, nil
}
