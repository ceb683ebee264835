package demo

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Size of the demo product pictures (4:3, large enough for a product page).
const (
	ImageWidth  = 800
	ImageHeight = 600
)

// palette is the look of one category: all colours stay in the warm family of
// the brand terracotta #C34928 so the catalog reads as one shop.
type palette struct {
	bg     color.RGBA // background base colour
	accent color.RGBA // motif highlights and the price pill text
}

var (
	cream      = color.RGBA{0xFF, 0xF4, 0xE0, 0xFF}
	dough      = color.RGBA{0xE9, 0xB0, 0x4E, 0xFF}
	doughEdge  = color.RGBA{0xB8, 0x74, 0x2A, 0xFF}
	cheese     = color.RGBA{0xFF, 0xE0, 0x7A, 0xFF}
	darkBrown  = color.RGBA{0x4A, 0x1E, 0x10, 0xFF}
	guava      = color.RGBA{0xB0, 0x2A, 0x3A, 0xFF}
	chocolate  = color.RGBA{0x5A, 0x30, 0x1A, 0xFF}
	cinnamon   = color.RGBA{0x9A, 0x55, 0x2A, 0xFF}
	natillaCol = color.RGBA{0xC9, 0x8B, 0x4B, 0xFF}
)

func categoryPalette(category string) palette {
	switch category {
	case CategoryPremium:
		return palette{bg: color.RGBA{0xC3, 0x49, 0x28, 0xFF}, accent: color.RGBA{0x8A, 0x2C, 0x14, 0xFF}}
	case CategoryCocteleros:
		return palette{bg: color.RGBA{0xD2, 0x6A, 0x1E, 0xFF}, accent: color.RGBA{0x8E, 0x3E, 0x0C, 0xFF}}
	case CategoryDulces:
		return palette{bg: color.RGBA{0xB0, 0x3A, 0x48, 0xFF}, accent: color.RGBA{0x7A, 0x1E, 0x2C, 0xFF}}
	case CategoryEspeciales:
		return palette{bg: color.RGBA{0x8E, 0x3B, 0x1E, 0xFF}, accent: color.RGBA{0x5E, 0x22, 0x0E, 0xFF}}
	case CategoryNuevos:
		return palette{bg: color.RGBA{0xC8, 0x7A, 0x1C, 0xFF}, accent: color.RGBA{0x7E, 0x44, 0x08, 0xFF}}
	default:
		return palette{bg: color.RGBA{0xA8, 0x4A, 0x32, 0xFF}, accent: color.RGBA{0x6E, 0x2A, 0x18, 0xFF}}
	}
}

// fonts are parsed once: parsing is pure CPU work on embedded bytes and the
// parsed fonts are immutable, so sharing them is safe. Faces are not safe for
// concurrent use and are created per image.
var fonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return [2]*opentype.Font{}, fmt.Errorf("demo: parse Go Bold: %w", err)
	}
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return [2]*opentype.Font{}, fmt.Errorf("demo: parse Go Regular: %w", err)
	}
	return [2]*opentype.Font{bold, regular}, nil
})

// Image draws the demo picture of p as a PNG of ImageWidth × ImageHeight:
// a category-coloured card with a simple motif on a plate, the product name
// and its price in COP. The result is deterministic for a given product.
func Image(p Product) ([]byte, error) {
	ff, err := fonts()
	if err != nil {
		return nil, err
	}
	bold, regular := ff[0], ff[1]

	pal := categoryPalette(p.Category)
	img := image.NewRGBA(image.Rect(0, 0, ImageWidth, ImageHeight))
	paintBackground(img, pal.bg)
	paintSprinkles(img, p.Name)

	// Left half: the plate and the motif.
	const plateX, plateY, plateR = 230.0, 300.0, 175.0
	fillCircle(img, plateX+8, plateY+12, plateR, color.RGBA{0, 0, 0, 0x40})
	fillCircle(img, plateX, plateY, plateR, cream)
	fillCircle(img, plateX, plateY, plateR-16, color.RGBA{0xFA, 0xE8, 0xCC, 0xFF})
	drawMotif(img, p, plateX, plateY, pal)

	// Right column: category, name and price, centred as one block so short
	// and long names both look balanced.
	const colX, colW = 440, 330
	small, err := newFace(regular, 24)
	if err != nil {
		return nil, err
	}
	nameFace, lines, lineH, err := fitText(bold, p.Name, colW, 4, 230)
	if err != nil {
		return nil, err
	}
	price := formatCOP(p.Price)
	priceFace, err := newFace(bold, 60)
	if err != nil {
		return nil, err
	}
	const labelH, labelGap, nameGap, pillH = 24.0, 40.0, 28.0, 92.0
	block := labelH + labelGap + float64(len(lines))*lineH + nameGap + pillH
	top := math.Max(60, (520-block)/2+10)

	drawText(img, small, strings.ToUpper(p.Category), colX, top+labelH*0.8, withAlpha(cream, 0xE0), false)
	fillRoundRect(img, colX, top+labelH+10, 64, 6, 3, cheese)
	y := top + labelH + labelGap
	for _, l := range lines {
		drawText(img, nameFace, l, colX, y+lineH*0.8, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, true)
		y += lineH
	}

	pw := float64(font.MeasureString(priceFace, price).Round())
	pillY := y + nameGap
	fillRoundRect(img, colX+4, pillY+6, pw+48, pillH, pillH/2, color.RGBA{0, 0, 0, 0x38})
	fillRoundRect(img, colX, pillY, pw+48, pillH, pillH/2, cream)
	drawText(img, priceFace, price, colX+24, pillY+pillH/2+21, pal.accent, false)

	drawText(img, small, "Don Palito Jr · Sabaneta", colX, 560, withAlpha(cream, 0xC0), false)

	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("demo: encode png: %w", err)
	}
	return buf.Bytes(), nil
}

func newFace(f *opentype.Font, size float64) (font.Face, error) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("demo: font face: %w", err)
	}
	return face, nil
}

// fitText picks the largest font size at which text, wrapped at word
// boundaries, fits width in at most maxLines lines and maxHeight pixels.
func fitText(f *opentype.Font, text string, width float64, maxLines int, maxHeight float64) (font.Face, []string, float64, error) {
	var (
		face  font.Face
		lines []string
		lineH float64
		err   error
	)
	for size := 60.0; size >= 24; size -= 2 {
		face, err = newFace(f, size)
		if err != nil {
			return nil, nil, 0, err
		}
		lines = wrap(face, text, width)
		lineH = size * 1.12
		if len(lines) <= maxLines && float64(len(lines))*lineH <= maxHeight && fitsWidth(face, lines, width) {
			return face, lines, lineH, nil
		}
	}
	// The smallest size still overflows: draw it anyway rather than fail.
	return face, lines, lineH, nil
}

func wrap(face font.Face, text string, width float64) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(text) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && float64(font.MeasureString(face, try).Ceil()) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func fitsWidth(face font.Face, lines []string, width float64) bool {
	for _, l := range lines {
		if float64(font.MeasureString(face, l).Ceil()) > width {
			return false
		}
	}
	return true
}

// drawText draws s with its baseline at (x, y); shadow adds a soft offset copy
// underneath so white text stays readable on the lighter palettes.
func drawText(dst draw.Image, face font.Face, s string, x, y float64, c color.Color, shadow bool) {
	d := font.Drawer{Dst: dst, Face: face}
	if shadow {
		d.Src = image.NewUniform(color.RGBA{0, 0, 0, 0x50})
		d.Dot = fixed.P(int(x)+2, int(y)+3)
		d.DrawString(s)
	}
	d.Src = image.NewUniform(c)
	d.Dot = fixed.P(int(x), int(y))
	d.DrawString(s)
}

func withAlpha(c color.RGBA, a uint8) color.NRGBA {
	return color.NRGBA{c.R, c.G, c.B, a}
}

// paintBackground fills img with a diagonal gradient around base: lighter at
// the top left (×1.12), deeper at the bottom right (×0.82). Integer maths in
// 1/4096ths keeps it fast and exactly reproducible.
func paintBackground(img *image.RGBA, base color.RGBA) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			f := 4588 - 614*x/w - 614*y/h // 4096 × (1.12 − 0.15·x/w − 0.15·y/h)
			i := 4 * x
			row[i+0] = shade(base.R, f)
			row[i+1] = shade(base.G, f)
			row[i+2] = shade(base.B, f)
			row[i+3] = 0xFF
		}
	}
}

func shade(v uint8, f int) uint8 {
	return uint8(min(255, (int(v)*f+2048)/4096))
}

// paintSprinkles scatters faint dots, placed by a generator seeded from the
// name so each product's card is a little different yet always the same.
func paintSprinkles(img *image.RGBA, seed string) {
	h := fnv.New64a()
	h.Write([]byte(seed))
	s := h.Sum64() | 1
	next := func() float64 {
		// xorshift64: tiny, deterministic, good enough for decoration.
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		return float64(s%10000) / 10000
	}
	for range 36 {
		x, y := next()*ImageWidth, next()*ImageHeight
		r := 4 + next()*10
		fillCircle(img, x, y, r, color.NRGBA{0xFF, 0xF4, 0xE0, 0x1C})
	}
}

// drawMotif draws the category's little illustration centred on (cx, cy).
func drawMotif(img *image.RGBA, p Product, cx, cy float64, pal palette) {
	name := strings.ToLower(p.Name)
	switch {
	case p.Category == CategoryPremium:
		filling := cheese
		if strings.Contains(name, "bocadillo") {
			filling = guava
		}
		for _, s := range [][3]float64{{-12, -58, -24}, {10, 0, -20}, {-6, 58, -26}} {
			stick(img, cx+s[0], cy+s[1], 250, 56, s[2], filling)
		}
	case p.Category == CategoryCocteleros:
		filling := cheese
		switch {
		case strings.Contains(name, "bocadillo"):
			filling = guava
		case strings.Contains(name, "chocolate"):
			filling = chocolate
		case strings.Contains(name, "jamón"):
			filling = color.RGBA{0xE8, 0x8A, 0x8A, 0xFF}
		}
		fan(img, cx, cy+115, 5, 25, 105, 160, 36, filling)
	case strings.Contains(name, "oblea"):
		oblea(img, cx, cy)
	case strings.Contains(name, "natilla"):
		natilla(img, cx, cy, name)
	case strings.Contains(name, "hojuela"):
		hojuelas(img, cx, cy)
	case strings.Contains(name, "buñuelo"):
		bunuelos(img, cx, cy)
	case p.Category == CategoryNuevos:
		filling := cheese
		switch {
		case strings.Contains(name, "papa"):
			filling = color.RGBA{0xF2, 0xC9, 0x4C, 0xFF}
		case strings.Contains(name, "plátano"):
			filling = color.RGBA{0xE0, 0x8E, 0x2E, 0xFF}
		case strings.Contains(name, "panocha"):
			panocha(img, cx, cy)
			nuevoBadge(img, cx+110, cy-120, pal)
			return
		}
		fan(img, cx-10, cy+150, 3, 26, 140, 210, 50, filling)
		nuevoBadge(img, cx+110, cy-120, pal)
	default:
		bunuelos(img, cx, cy)
	}
}

// stick draws one palito: a rounded golden stick of length l and thickness t,
// rotated by deg degrees around (cx, cy), with a stripe of filling and a shine.
func stick(img *image.RGBA, cx, cy, l, t, deg float64, filling color.RGBA) {
	tr := rot(cx, cy, deg)
	fill(img, color.RGBA{0, 0, 0, 0x30}, func(z *pen) { z.roundRect(-l/2+4, -t/2+7, l, t, t/2) }, tr)
	fill(img, doughEdge, func(z *pen) { z.roundRect(-l/2, -t/2, l, t, t/2) }, tr)
	fill(img, dough, func(z *pen) { z.roundRect(-l/2+3, -t/2+3, l-6, t-8, (t-8)/2) }, tr)
	fill(img, filling, func(z *pen) { z.roundRect(-l/2+t*0.6, -t*0.12, l-t*1.2, t*0.26, t*0.13) }, tr)
	fill(img, color.NRGBA{0xFF, 0xFF, 0xFF, 0x60}, func(z *pen) { z.roundRect(-l/2+t*0.5, -t/2+6, l*0.45, t*0.14, t*0.07) }, tr)
	// Baked scoring marks across the top.
	for i := -2; i <= 2; i++ {
		x := float64(i) * l / 7
		fill(img, withAlpha(doughEdge, 0xA0), func(z *pen) { z.roundRect(x-2, -t/2+4, 4, t*0.22, 2) }, tr)
	}
}

// fan draws n palitos radiating from a pivot below them, like a bunch held
// in one hand: spread is the angle between neighbours, dist how far each
// stick's centre sits from the pivot.
func fan(img *image.RGBA, px, py float64, n int, spread, dist, l, t float64, filling color.RGBA) {
	for i := range n {
		a := (float64(i) - float64(n-1)/2) * spread
		s, c := math.Sincos(a * math.Pi / 180)
		stick(img, px+dist*s, py-dist*c, l, t, a-90, filling)
	}
}

func bunuelos(img *image.RGBA, cx, cy float64) {
	for _, b := range [][3]float64{{-60, 40, 70}, {65, 45, 66}, {0, -50, 74}} {
		ball(img, cx+b[0], cy+b[1], b[2])
	}
}

func ball(img *image.RGBA, x, y, r float64) {
	fillCircle(img, x+5, y+8, r, color.RGBA{0, 0, 0, 0x30})
	fillCircle(img, x, y, r, doughEdge)
	fillCircle(img, x-3, y-3, r-6, dough)
	fillCircle(img, x-r*0.35, y-r*0.35, r*0.25, color.NRGBA{0xFF, 0xFF, 0xFF, 0x55})
}

// natilla draws natilla the way it is sold: a plate with one portion and
// buñuelos, or a tray (personal or family size) with portions, buñuelos and
// an hojuela.
func natilla(img *image.RGBA, cx, cy float64, name string) {
	id := rot(0, 0, 0)
	switch {
	case strings.Contains(name, "familiar"):
		tray(img, cx, cy+10, 290, 200)
		portion(img, cx-125, cy-70, 100, 72)
		portion(img, cx-125, cy+12, 100, 72)
		ball(img, cx+30, cy-40, 34)
		ball(img, cx+95, cy-40, 30)
		ball(img, cx+30, cy+35, 30)
		ball(img, cx+92, cy+30, 34)
	case strings.Contains(name, "personal"):
		tray(img, cx, cy+10, 230, 150)
		portion(img, cx-95, cy-40, 95, 72)
		ball(img, cx+55, cy-20, 36)
		hojuela(img, cx+30, cy+50, -8, 0.55)
	default:
		fill(img, color.RGBA{0, 0, 0, 0x30}, func(z *pen) { z.ellipse(cx+6, cy+20, 150, 70) }, id)
		fill(img, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, func(z *pen) { z.ellipse(cx, cy+12, 150, 70) }, id)
		fill(img, color.RGBA{0xE6, 0xD9, 0xC4, 0xFF}, func(z *pen) { z.ellipse(cx, cy+12, 118, 52) }, id)
		portion(img, cx-70, cy-52, 110, 80)
		ball(img, cx+85, cy-20, 40)
		ball(img, cx+70, cy+40, 34)
	}
}

// tray is a white rounded tray of size w × h centred on (cx, cy).
func tray(img *image.RGBA, cx, cy, w, h float64) {
	fillRoundRect(img, cx-w/2+6, cy-h/2+10, w, h, 22, color.RGBA{0, 0, 0, 0x30})
	fillRoundRect(img, cx-w/2, cy-h/2, w, h, 22, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF})
	fillRoundRect(img, cx-w/2+10, cy-h/2+10, w-20, h-20, 14, color.RGBA{0xEE, 0xE4, 0xD4, 0xFF})
}

// portion is a square of natilla with its darker side and cinnamon on top.
func portion(img *image.RGBA, x, y, w, h float64) {
	fillRoundRect(img, x, y+12, w, h, 14, color.RGBA{0x8E, 0x58, 0x2C, 0xFF})
	fillRoundRect(img, x, y, w, h, 14, natillaCol)
	for _, d := range [][2]float64{{0.2, 0.25}, {0.45, 0.15}, {0.75, 0.3}, {0.3, 0.6}, {0.6, 0.55}, {0.85, 0.75}, {0.15, 0.85}} {
		fillCircle(img, x+d[0]*w, y+d[1]*h, 3.5+w/100, cinnamon)
	}
}

func oblea(img *image.RGBA, cx, cy float64) {
	id := rot(0, 0, 0)
	// Two wafers seen from the side, arequipe and mora in between.
	fill(img, color.RGBA{0, 0, 0, 0x30}, func(z *pen) { z.ellipse(cx+6, cy+70, 140, 40) }, id)
	fill(img, color.RGBA{0xF3, 0xE2, 0xB8, 0xFF}, func(z *pen) { z.ellipse(cx, cy+55, 140, 40) }, id)
	fill(img, color.RGBA{0x9C, 0x5A, 0x22, 0xFF}, func(z *pen) { z.ellipse(cx, cy+30, 136, 38) }, id)
	fill(img, color.RGBA{0x6E, 0x1E, 0x3E, 0xFF}, func(z *pen) { z.ellipse(cx+10, cy+18, 110, 28) }, id)
	fill(img, color.RGBA{0xFF, 0xF6, 0xC8, 0xFF}, func(z *pen) { z.ellipse(cx, cy-10, 140, 40) }, id)
	fill(img, color.RGBA{0xF3, 0xE2, 0xB8, 0xFF}, func(z *pen) { z.ellipse(cx, cy-14, 132, 34) }, id)
	// Waffle pattern on the top wafer.
	const wrx, wry = 132.0, 34.0
	for i := -4; i <= 4; i++ {
		dx := float64(i) * 26
		hh := (wry - 6) * math.Sqrt(1-(dx/wrx)*(dx/wrx))
		fill(img, withAlpha(doughEdge, 0x50), func(z *pen) { z.roundRect(cx+dx-1.5, cy-14-hh, 3, 2*hh, 1.5) }, id)
	}
	// Grated cheese on top.
	for _, d := range [][2]float64{{-60, -22}, {-20, -30}, {30, -18}, {70, -26}, {5, -8}, {-45, -4}} {
		fill(img, cheese, func(z *pen) { z.roundRect(cx+d[0], cy+d[1], 16, 5, 2.5) }, id)
	}
}

func hojuelas(img *image.RGBA, cx, cy float64) {
	for i, a := range []float64{-25, 10, 40} {
		hojuela(img, cx-50+float64(i)*50, cy-30+float64(i)*30, a, 1)
	}
}

// hojuela is one thin fried pastry with sugar, rotated by deg and scaled by s.
func hojuela(img *image.RGBA, x, y, deg, s float64) {
	tr := rot(x, y, deg)
	fill(img, color.RGBA{0, 0, 0, 0x28}, func(z *pen) { z.ellipse(5*s, 8*s, 95*s, 48*s) }, tr)
	fill(img, doughEdge, func(z *pen) { z.ellipse(0, 0, 95*s, 48*s) }, tr)
	fill(img, color.RGBA{0xF0, 0xC4, 0x6A, 0xFF}, func(z *pen) { z.ellipse(-2*s, -2*s, 88*s, 41*s) }, tr)
	for _, d := range [][2]float64{{-40, -10}, {-10, 12}, {20, -16}, {45, 6}, {0, -4}, {-55, 14}, {30, 20}} {
		fill(img, color.NRGBA{0xFF, 0xFF, 0xFF, 0xD0}, func(z *pen) { z.ellipse(d[0]*s, d[1]*s, 3.5*s, 3.5*s) }, tr)
	}
}

func panocha(img *image.RGBA, cx, cy float64) {
	id := rot(0, 0, 0)
	// A round sweet bread with a glossy panela top and a cross cut.
	fill(img, color.RGBA{0, 0, 0, 0x30}, func(z *pen) { z.ellipse(cx+6, cy+30, 128, 93) }, id)
	fill(img, doughEdge, func(z *pen) { z.ellipse(cx, cy+20, 130, 95) }, id)
	fill(img, color.RGBA{0xB0, 0x62, 0x22, 0xFF}, func(z *pen) { z.ellipse(cx, cy+8, 122, 84) }, id)
	fill(img, color.RGBA{0xC9, 0x7A, 0x30, 0xFF}, func(z *pen) { z.ellipse(cx-8, cy, 105, 66) }, id)
	fill(img, withAlpha(darkBrown, 0x90), func(z *pen) { z.roundRect(cx-70, cy-3, 140, 7, 3.5) }, id)
	fill(img, withAlpha(darkBrown, 0x90), func(z *pen) { z.roundRect(cx-3.5, cy-55, 7, 110, 3.5) }, id)
	fill(img, color.NRGBA{0xFF, 0xFF, 0xFF, 0x50}, func(z *pen) { z.ellipse(cx-50, cy-35, 30, 12) }, id)
}

// nuevoBadge is a round "NUEVO" sticker for the new-products category.
func nuevoBadge(img *image.RGBA, cx, cy float64, pal palette) {
	fillStar(img, cx, cy, 62, 52, 16, cheese)
	fillCircle(img, cx, cy, 44, pal.accent)
	ff, err := fonts()
	if err != nil {
		return
	}
	face, err := newFace(ff[0], 22)
	if err != nil {
		return
	}
	w := float64(font.MeasureString(face, "NUEVO").Round())
	drawText(img, face, "NUEVO", cx-w/2, cy+8, cheese, false)
}

// ---- anti-aliased vector drawing on top of golang.org/x/image/vector ----

// affine is a rotation by a fixed angle followed by a translation.
type affine struct{ cos, sin, tx, ty float64 }

func rot(tx, ty, deg float64) affine {
	s, c := math.Sincos(deg * math.Pi / 180)
	return affine{cos: c, sin: s, tx: tx, ty: ty}
}

func (a affine) apply(x, y float64) (float32, float32) {
	return float32(a.tx + x*a.cos - y*a.sin), float32(a.ty + x*a.sin + y*a.cos)
}

// pen records a path in local coordinates, transformed to image space, so
// fill can rasterize only the path's bounding box instead of the whole image.
type pen struct {
	t   affine
	ops []pathOp
}

// pathOp is one path command: 'M' move, 'L' line, 'C' cubic, 'Z' close.
type pathOp struct {
	kind byte
	pts  [3][2]float32
}

func (p *pen) add(kind byte, pts ...[2]float64) {
	op := pathOp{kind: kind}
	for i, q := range pts {
		x, y := p.t.apply(q[0], q[1])
		op.pts[i] = [2]float32{x, y}
	}
	p.ops = append(p.ops, op)
}

func (p *pen) moveTo(x, y float64) { p.add('M', [2]float64{x, y}) }
func (p *pen) lineTo(x, y float64) { p.add('L', [2]float64{x, y}) }
func (p *pen) close()              { p.add('Z') }
func (p *pen) cubeTo(x1, y1, x2, y2, x3, y3 float64) {
	p.add('C', [2]float64{x1, y1}, [2]float64{x2, y2}, [2]float64{x3, y3})
}

// kappa places cubic control points so four arcs approximate a circle.
const kappa = 0.5522847498

func (p *pen) ellipse(cx, cy, rx, ry float64) {
	kx, ky := rx*kappa, ry*kappa
	p.moveTo(cx+rx, cy)
	p.cubeTo(cx+rx, cy+ky, cx+kx, cy+ry, cx, cy+ry)
	p.cubeTo(cx-kx, cy+ry, cx-rx, cy+ky, cx-rx, cy)
	p.cubeTo(cx-rx, cy-ky, cx-kx, cy-ry, cx, cy-ry)
	p.cubeTo(cx+kx, cy-ry, cx+rx, cy-ky, cx+rx, cy)
	p.close()
}

func (p *pen) roundRect(x, y, w, h, r float64) {
	r = math.Min(r, math.Min(w, h)/2)
	k := r * kappa
	p.moveTo(x+r, y)
	p.lineTo(x+w-r, y)
	p.cubeTo(x+w-r+k, y, x+w, y+r-k, x+w, y+r)
	p.lineTo(x+w, y+h-r)
	p.cubeTo(x+w, y+h-r+k, x+w-r+k, y+h, x+w-r, y+h)
	p.lineTo(x+r, y+h)
	p.cubeTo(x+r-k, y+h, x, y+h-r+k, x, y+h-r)
	p.lineTo(x, y+r)
	p.cubeTo(x, y+r-k, x+r-k, y, x+r, y)
	p.close()
}

func fill(img *image.RGBA, c color.Color, path func(*pen), t affine) {
	p := &pen{t: t}
	path(p)

	// Bounding box of every point, control points included (a cubic stays
	// inside the hull of its control points), clipped to the image.
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, op := range p.ops {
		n := 1
		switch op.kind {
		case 'C':
			n = 3
		case 'Z':
			n = 0
		}
		for _, q := range op.pts[:n] {
			minX, maxX = math.Min(minX, float64(q[0])), math.Max(maxX, float64(q[0]))
			minY, maxY = math.Min(minY, float64(q[1])), math.Max(maxY, float64(q[1]))
		}
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(img.Bounds())
	if r.Empty() {
		return
	}

	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	for _, op := range p.ops {
		q := op.pts
		switch op.kind {
		case 'M':
			z.MoveTo(q[0][0]-ox, q[0][1]-oy)
		case 'L':
			z.LineTo(q[0][0]-ox, q[0][1]-oy)
		case 'C':
			z.CubeTo(q[0][0]-ox, q[0][1]-oy, q[1][0]-ox, q[1][1]-oy, q[2][0]-ox, q[2][1]-oy)
		case 'Z':
			z.ClosePath()
		}
	}
	z.Draw(img, r, image.NewUniform(c), image.Point{})
}

func fillCircle(img *image.RGBA, cx, cy, r float64, c color.Color) {
	fill(img, c, func(p *pen) { p.ellipse(cx, cy, r, r) }, rot(0, 0, 0))
}

func fillRoundRect(img *image.RGBA, x, y, w, h, r float64, c color.Color) {
	fill(img, c, func(p *pen) { p.roundRect(x, y, w, h, r) }, rot(0, 0, 0))
}

// fillStar draws a star with n points, alternating between outer and inner radii.
func fillStar(img *image.RGBA, cx, cy, outer, inner float64, n int, c color.Color) {
	fill(img, c, func(p *pen) {
		for i := range 2 * n {
			r := outer
			if i%2 == 1 {
				r = inner
			}
			a := float64(i)*math.Pi/float64(n) - math.Pi/2
			x, y := cx+r*math.Cos(a), cy+r*math.Sin(a)
			if i == 0 {
				p.moveTo(x, y)
			} else {
				p.lineTo(x, y)
			}
		}
		p.close()
	}, rot(0, 0, 0))
}
