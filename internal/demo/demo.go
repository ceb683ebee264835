// Package demo holds the demonstration catalog of Don Palito Jr: the fifteen
// products of the original seed (legacy BEHAVIOUR §1.9), two public coupons,
// and product pictures drawn locally, so a fresh install shows a believable
// shop without any network access or image files.
//
// Everything here is plain, deterministic data: the same call always returns
// the same values (and Image the same bytes), which keeps seeding idempotent
// and tests stable.
package demo

// Category names of the demo catalog, in the order of the legacy seed.
const (
	CategoryPremium    = "Palitos Premium"
	CategoryCocteleros = "Palitos Cocteleros"
	CategoryDulces     = "Dulces"
	CategoryEspeciales = "Especiales"
	CategoryNuevos     = "Nuevos"
)

// Product is one demo catalog entry.
type Product struct {
	Name        string
	Description string
	Category    string
	// Price is in COP minor units (pesos × 100): 2 500 COP is 250000.
	Price int64
	Stock int
}

// cop converts whole pesos to minor units; it keeps the table below readable
// in the same figures as the legacy seed.
func cop(pesos int64) int64 { return pesos * 100 }

// Products returns the fifteen demo products in the order of the legacy seed.
// Names that repeat across categories in the original ("Puro Queso" is both a
// premium and a cocktail palito) are made distinct by naming the kind of
// palito, since shoppers and admins tell products apart by name.
func Products() []Product {
	return []Product{
		// Palitos Premium
		{
			Name:        "Palito Premium Puro Queso",
			Description: "Nuestro palito insignia: masa hojaldrada horneada cada mañana y rellena de abundante queso costeño que se derrite en cada mordisco. Ideal con un tinto caliente.",
			Category:    CategoryPremium,
			Price:       cop(2500),
			Stock:       80,
		},
		{
			Name:        "Palito Premium Bocadillo y Queso",
			Description: "La combinación de siempre: bocadillo veleño y queso fresco envueltos en hojaldre dorado y crocante. Dulce y salado en perfecto equilibrio.",
			Category:    CategoryPremium,
			Price:       cop(2500),
			Stock:       65,
		},
		// Palitos Cocteleros
		{
			Name:        "Palito Coctelero Jamón y Queso",
			Description: "Palitos pequeños de jamón y queso, perfectos para pasabocas y reuniones. Se sirven tibios y desaparecen rápido de la bandeja.",
			Category:    CategoryCocteleros,
			Price:       cop(1000),
			Stock:       100,
		},
		{
			Name:        "Palito Coctelero Puro Queso",
			Description: "La versión en miniatura de nuestro palito de queso, del tamaño justo para picar. El favorito de las fiestas infantiles y las novenas.",
			Category:    CategoryCocteleros,
			Price:       cop(1000),
			Stock:       95,
		},
		{
			Name:        "Palito Coctelero Bocadillo y Queso",
			Description: "Bocaditos de hojaldre con bocadillo y queso, dulces por dentro y crujientes por fuera. Pídalos por docenas para compartir.",
			Category:    CategoryCocteleros,
			Price:       cop(1000),
			Stock:       90,
		},
		{
			Name:        "Palito Coctelero Chocolate y Queso",
			Description: "Una mezcla atrevida de chocolate y queso en un palito coctelero crocante. Pruébelo con chocolate caliente, como en las tardes antioqueñas.",
			Category:    CategoryCocteleros,
			Price:       cop(1000),
			Stock:       70,
		},
		// Dulces
		{
			Name:        "Oblea",
			Description: "Dos obleas delgadas y crujientes rellenas de arequipe, con queso rallado y mermelada de mora. Un clásico de la calle paisa hecho en casa.",
			Category:    CategoryDulces,
			Price:       cop(5000),
			Stock:       40,
		},
		// Especiales
		{
			Name:        "Buñuelo",
			Description: "Buñuelo redondo y esponjoso de queso, frito al momento hasta quedar bien dorado. Infaltable en el desayuno y en diciembre.",
			Category:    CategoryEspeciales,
			Price:       cop(1000),
			Stock:       100,
		},
		{
			Name:        "Plato de Natilla",
			Description: "Porción de natilla cremosa con canela y panela, preparada con receta de la abuela. Acompáñela con un buñuelo calientito.",
			Category:    CategoryEspeciales,
			Price:       cop(5000),
			Stock:       35,
		},
		{
			Name:        "Bandeja Personal de Natilla",
			Description: "Bandeja individual de natilla casera con buñuelos y hojuelas, lista para llevar. El antojo navideño en tamaño perfecto para uno.",
			Category:    CategoryEspeciales,
			Price:       cop(10000),
			Stock:       25,
		},
		{
			Name:        "Bandeja Familiar de Natilla",
			Description: "Bandeja grande de natilla casera para compartir en familia, con buñuelos y hojuelas de la casa. Alcanza para seis a ocho personas.",
			Category:    CategoryEspeciales,
			Price:       cop(40000),
			Stock:       15,
		},
		{
			Name:        "Hojuela",
			Description: "Hojuela delgada y crocante espolvoreada con azúcar, frita en el día. Deliciosa sola o acompañando la natilla.",
			Category:    CategoryEspeciales,
			Price:       cop(1000),
			Stock:       60,
		},
		// Nuevos
		{
			Name:        "Panocha",
			Description: "Pan dulce y suave de panela con un toque de queso, horneado en nuestro horno de Sabaneta. Perfecto para el algo con café con leche.",
			Category:    CategoryNuevos,
			Price:       cop(6000),
			Stock:       30,
		},
		{
			Name:        "Palipapa",
			Description: "Nuestro palito relleno de papa criolla sazonada y queso, dorado y crocante. Una novedad salada que ya es favorita.",
			Category:    CategoryNuevos,
			Price:       cop(2000),
			Stock:       50,
		},
		{
			Name:        "Paliplátano",
			Description: "Palito de plátano maduro con queso derretido: dulce, salado y bien paisa. Recién salido del horno es una delicia.",
			Category:    CategoryNuevos,
			Price:       cop(1500),
			Stock:       45,
		},
	}
}

// Coupon type values, matching the API's lower_snake enum.
const (
	CouponPercentage = "percentage"
	CouponFixed      = "fixed"
)

// Coupon is a demo coupon as plain data; the coupon domain validates and
// stores it like any other.
type Coupon struct {
	Code string
	// Type is CouponPercentage or CouponFixed.
	Type string
	// Value is a percentage (1–100) or, for fixed coupons, COP minor units.
	Value int64
	// MinSubtotal is in COP minor units; 0 means no minimum.
	MinSubtotal int64
	Public      bool
	Description string
}

// Coupons returns the two public demo coupons.
func Coupons() []Coupon {
	return []Coupon{
		{
			Code:        "BIENVENIDO10",
			Type:        CouponPercentage,
			Value:       10,
			MinSubtotal: cop(20000),
			Public:      true,
			Description: "10 % de descuento de bienvenida en compras desde $ 20.000.",
		},
		{
			Code:        "PALITOS5000",
			Type:        CouponFixed,
			Value:       cop(5000),
			MinSubtotal: cop(25000),
			Public:      true,
			Description: "$ 5.000 de descuento en pedidos desde $ 25.000.",
		},
	}
}

// formatCOP renders COP minor units the Colombian way: "$ 2.500", thousands
// separated by dots, and decimals after a comma only when there are cents.
func formatCOP(minor int64) string {
	sign := ""
	// Work on the magnitude as uint64 so the most negative int64 is safe.
	u := uint64(minor)
	if minor < 0 {
		sign = "-"
		u = -u
	}
	pesos, cents := u/100, u%100

	digits := []byte{}
	for i := 0; ; i++ {
		if i > 0 && i%3 == 0 {
			digits = append(digits, '.')
		}
		digits = append(digits, byte('0'+pesos%10))
		pesos /= 10
		if pesos == 0 {
			break
		}
	}
	for i, j := 0, len(digits)-1; i < j; i, j = i+1, j-1 {
		digits[i], digits[j] = digits[j], digits[i]
	}

	s := sign + "$ " + string(digits)
	if cents != 0 {
		s += "," + string([]byte{byte('0' + cents/10), byte('0' + cents%10)})
	}
	return s
}
