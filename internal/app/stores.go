package app

import (
	"github.com/donpalito/donpalitojr/internal/cart"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/review"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/webhook"
)

// The domains' stores are chosen here, from the database's mode: on MongoDB
// the guarded writes are conditions in the update filter (atomic across
// servers); on the embedded FerretDB they are a keyed lock, a fresh read and
// an _id-only write (one process; see catalog.ProductStore).

func productStore(s *store.Store) catalog.ProductStore {
	if s.Embedded {
		return catalog.NewEmbeddedStore(s)
	}
	return catalog.NewMongoStore(s)
}

func couponStore(s *store.Store) coupon.Store {
	if s.Embedded {
		return coupon.NewEmbeddedStore(s)
	}
	return coupon.NewMongoStore(s)
}

func reviewStore(s *store.Store) review.Store {
	if s.Embedded {
		return review.NewEmbeddedStore(s)
	}
	return review.NewMongoStore(s)
}

func cartStore(s *store.Store) cart.Store {
	if s.Embedded {
		return cart.NewEmbeddedStore(s)
	}
	return cart.NewMongoStore(s)
}

func webhookStore(s *store.Store) webhook.Store {
	if s.Embedded {
		return webhook.NewEmbeddedStore(s)
	}
	return webhook.NewMongoStore(s)
}

func customerStore(s *store.Store) customer.Store {
	if s.Embedded {
		return customer.NewEmbeddedStore(s)
	}
	return customer.NewMongoStore(s)
}

func eventStore(s *store.Store) events.Store {
	if s.Embedded {
		return events.NewEmbeddedStore(s)
	}
	return events.NewMongoStore(s)
}

func orderStore(s *store.Store) order.Store {
	if s.Embedded {
		return order.NewEmbeddedStore(s)
	}
	return order.NewMongoStore(s)
}
