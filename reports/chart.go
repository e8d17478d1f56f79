package reports

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// Charts are drawn with the standard library's image package: bars and grid lines, no text
// (no font is rasterized); the numbers are in the table the chart sits next to, in the same
// order.

// Bar is one bar of a chart: a filled value and, when Mark is set, an outlined mark (a target).
type Bar struct {
	Value int64
	Mark  int64
}

var (
	chartInk   = color.RGBA{0x1f, 0x3a, 0x68, 0xff}
	chartMark  = color.RGBA{0xb0, 0x1c, 0x1c, 0xff}
	chartGrid  = color.RGBA{0xd0, 0xd0, 0xd0, 0xff}
	chartAxis  = color.RGBA{0x30, 0x30, 0x30, 0xff}
	chartWhite = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// BarChart draws bars left to right as a PNG of w×h pixels: filled bars for the values, a red
// outline for the marks, grid lines at each fifth of the largest value.
func BarChart(bars []Bar, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{chartWhite}, image.Point{}, draw.Src)
	const left, right, top, bottom = 12, 8, 8, 12
	pw, ph := w-left-right, h-top-bottom
	var top64 int64 = 1
	for _, b := range bars {
		top64 = max(top64, b.Value, b.Mark)
	}
	fill := func(x0, y0, x1, y1 int, c color.Color) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	for i := 1; i <= 5; i++ {
		y := top + ph - ph*i/5
		fill(left, y, left+pw, y+1, chartGrid)
	}
	if n := len(bars); n > 0 {
		slot := float64(pw) / float64(n)
		bw := max(int(slot*0.6), 1)
		for i, b := range bars {
			x0 := left + int(slot*float64(i)+(slot-float64(bw))/2)
			if b.Value > 0 {
				y := top + ph - int(int64(ph)*b.Value/top64)
				fill(x0, y, x0+bw, top+ph, chartInk)
			}
			if b.Mark > 0 {
				y := top + ph - int(int64(ph)*b.Mark/top64)
				fill(x0-1, y-1, x0+bw+1, y+2, chartMark) // the target's level
				fill(x0-1, y, x0+1, top+ph, chartMark)
				fill(x0+bw-1, y, x0+bw+1, top+ph, chartMark)
			}
		}
	}
	fill(left, top, left+2, top+ph+1, chartAxis)
	fill(left, top+ph, left+pw, top+ph+2, chartAxis)
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
