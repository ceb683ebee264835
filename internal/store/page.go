package store

import "math"

// MaxPage is the highest page number any list serves; the contract bounds
// the page parameter to it. At the largest page size that is ten million
// items in, far past any list of the shop, yet small enough that no offset
// computation can overflow.
const MaxPage = 100_000

// Offset is how many items come before page (1-based) of limit items: a page
// below 1 is the first; the result saturates instead of overflowing, so a
// page beyond every list gives an empty page, never a wrapped offset.
func Offset(page, limit int) int {
	if page <= 1 || limit <= 0 {
		return 0
	}
	if page-1 > math.MaxInt/limit {
		return math.MaxInt
	}
	return (page - 1) * limit
}

// Window is the [from, to) range of page within n items, both within 0…n.
func Window(page, limit, n int) (from, to int) {
	from = min(Offset(page, limit), n)
	return from, from + min(max(limit, 0), n-from)
}

// Skip is Offset for a database query's skip.
func Skip(page, limit int) int64 { return int64(Offset(page, limit)) }
