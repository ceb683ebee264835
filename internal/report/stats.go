// Package report computes the admin's figures and exports. FerretDB cannot
// run the aggregations a report would use on MongoDB ($facet, $lookup, more
// than one $sum per $group, $dateToString), so figures are computed here in
// Go from the paid orders and counts the order domain's reads give, which
// works the same on both databases.
package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// MaxDays is the longest range the dashboard figures cover.
const MaxDays = 366

// DefaultDays is the range when none is given: the last 30 days, today
// included.
const DefaultDays = 30

// TopN is how many best sellers the dashboard lists.
const TopN = 5

// Service computes reports.
type Service struct {
	orders   *order.Service
	catalog  *catalog.Service
	users    *customer.Service
	currency string
	lowStock int
	now      func() time.Time
}

// NewService returns the report service; lowStock is the stock at or below
// which an active product is flagged.
func NewService(orders *order.Service, products *catalog.Service, users *customer.Service, currency string, lowStock int) *Service {
	return &Service{orders: orders, catalog: products, users: users, currency: currency, lowStock: lowStock,
		now: func() time.Time { return time.Now().UTC() }}
}

// Stats are the dashboard's figures for a range of Bogota calendar days.
type Stats struct {
	From, To string // YYYY-MM-DD, inclusive
	Currency string
	// Revenue and PaidOrders cover the orders paid in the range that are
	// still paid or further along: never pending, canceled or rejected ones.
	Revenue           int64
	PaidOrders        int
	AverageOrderValue int64
	NewCustomers      int
	TotalCustomers    int
	ActiveProducts    int
	// OrdersByStatus counts every order created in the range; every status
	// is present.
	OrdersByStatus map[order.Status]int
	TopProducts    []TopProduct
	RevenueByDay   []DayRevenue
	LowStock       []LowStockProduct
}

// TopProduct is a best seller: units sold in paid orders and the revenue of
// those lines (line totals, before the order-level coupon discount).
type TopProduct struct {
	ProductID string
	Name      string
	Units     int
	Revenue   int64
}

// DayRevenue is the revenue of the orders paid on one Bogota calendar day.
type DayRevenue struct {
	Date    string
	Revenue int64
	Orders  int
}

// LowStockProduct is an active product running out.
type LowStockProduct struct {
	ProductID string
	Name      string
	Stock     int
}

// Range resolves the requested days: to defaults to today in Bogota, from to
// the 30 days ending on to. It returns the days and the [start, end) instants.
func (s *Service) Range(from, to string) (string, string, time.Time, time.Time, error) {
	today := s.now().In(coupon.Bogota)
	if to == "" {
		to = today.Format(time.DateOnly)
	}
	if from == "" {
		t, err := time.ParseInLocation(time.DateOnly, to, coupon.Bogota)
		if err != nil {
			return "", "", time.Time{}, time.Time{}, validation.Fail("to", validation.InvalidFormat, validation.MsgDate)
		}
		from = t.AddDate(0, 0, -(DefaultDays - 1)).Format(time.DateOnly)
	}
	start, end, err := order.DayRange(from, to)
	if err != nil {
		return "", "", time.Time{}, time.Time{}, err
	}
	// Colombia keeps no daylight saving time, so days are 24 hours.
	if days := int(end.Sub(start).Hours() / 24); days > MaxDays {
		return "", "", time.Time{}, time.Time{}, validation.Fail("to", validation.OutOfRange, fmt.Sprintf("El rango puede abarcar como máximo %d días.", MaxDays))
	}
	return from, to, start, end, nil
}

// Stats computes the dashboard figures for inclusive Bogota days from–to
// (either may be empty; see Range).
func (s *Service) Stats(ctx context.Context, from, to string) (Stats, error) {
	from, to, start, end, err := s.Range(from, to)
	if err != nil {
		return Stats{}, err
	}
	st := Stats{From: from, To: to, Currency: s.currency, OrdersByStatus: map[order.Status]int{},
		TopProducts: []TopProduct{}, LowStock: []LowStockProduct{}}
	for _, status := range order.Statuses {
		st.OrdersByStatus[status] = 0
	}

	// Revenue: orders paid in the range that were not undone since.
	byDay := map[string]*DayRevenue{}
	byProduct := map[string]*TopProduct{}
	err = s.orders.EachPaid(ctx, start, end, func(p order.PaidOrder) error {
		st.Revenue += p.Total
		st.PaidOrders++
		day := p.PaidAt.In(coupon.Bogota).Format(time.DateOnly)
		d := byDay[day]
		if d == nil {
			d = &DayRevenue{Date: day}
			byDay[day] = d
		}
		d.Revenue += p.Total
		d.Orders++
		for _, l := range p.Lines {
			tp := byProduct[l.ProductID]
			if tp == nil {
				// Latest payment first, so this is the product's latest name.
				tp = &TopProduct{ProductID: l.ProductID, Name: l.Name}
				byProduct[l.ProductID] = tp
			}
			tp.Units += l.Quantity
			tp.Revenue += l.LineTotal
		}
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	if st.PaidOrders > 0 {
		st.AverageOrderValue = (st.Revenue + int64(st.PaidOrders)/2) / int64(st.PaidOrders)
	}

	for day := start; day.Before(end); day = day.AddDate(0, 0, 1) {
		key := day.In(coupon.Bogota).Format(time.DateOnly)
		if d := byDay[key]; d != nil {
			st.RevenueByDay = append(st.RevenueByDay, *d)
		} else {
			st.RevenueByDay = append(st.RevenueByDay, DayRevenue{Date: key})
		}
	}

	for _, tp := range byProduct {
		if p, err := s.catalog.AdminGet(tp.ProductID); err == nil {
			tp.Name = p.Name
		}
		st.TopProducts = append(st.TopProducts, *tp)
	}
	slices.SortFunc(st.TopProducts, func(a, b TopProduct) int {
		return cmp.Or(cmp.Compare(b.Units, a.Units), cmp.Compare(b.Revenue, a.Revenue),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.ProductID, b.ProductID))
	})
	st.TopProducts = st.TopProducts[:min(TopN, len(st.TopProducts))]

	// Orders created in the range, by status.
	byStatus, err := s.orders.CountCreated(ctx, start, end)
	if err != nil {
		return Stats{}, err
	}
	for status, n := range byStatus {
		st.OrdersByStatus[status] += n
	}

	counts, err := s.users.CountCustomers(ctx, start, end)
	if err != nil {
		return Stats{}, err
	}
	st.NewCustomers, st.TotalCustomers = counts.New, counts.Active

	active := s.catalog.ActiveProducts()
	st.ActiveProducts = len(active)
	for _, p := range active {
		if p.Stock <= s.lowStock {
			st.LowStock = append(st.LowStock, LowStockProduct{ProductID: p.ID, Name: p.Name, Stock: p.Stock})
		}
	}
	slices.SortFunc(st.LowStock, func(a, b LowStockProduct) int {
		return cmp.Or(cmp.Compare(a.Stock, b.Stock), cmp.Compare(a.Name, b.Name))
	})
	return st, nil
}
