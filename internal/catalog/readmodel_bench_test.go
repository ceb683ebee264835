package catalog

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkApplyAStockChange is what one reservation costs the read model
// of a catalog of n products.
func BenchmarkApplyAStockChange(b *testing.B) {
	for _, n := range []int{15, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			rm := newReadModel()
			products := make([]Product, n)
			t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			for i := range products {
				products[i] = Product{ID: fmt.Sprintf("p%05d", i), Name: fmt.Sprintf("Producto %d", i), Description: "Hecho a mano",
					Category: fmt.Sprintf("Categoría %d", i%12), Price: 100000, Stock: 1 << 30, Active: true, CreatedAt: t0.Add(time.Duration(i) * time.Minute)}
			}
			rm.replaceAll(products)
			p := products[n/2]
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				p.Stock--
				p.rev = int64(i + 1)
				rm.apply(p, false)
			}
		})
	}
}
