package service_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"tochuc/internal/dbtest"
	"tochuc/store"
)

// TestMemberPhoto stores a PNG photo, reads it back, and refuses what is not an image.
func TestMemberPhoto(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		ids := fixture(t, svc)
		var id int64
		for _, v := range ids {
			id = v
			break
		}
		img := image.NewRGBA(image.Rect(0, 0, 4, 6))
		img.Set(1, 1, color.RGBA{200, 0, 0, 255})
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			data []byte
			ok   bool
		}{
			{"png", buf.Bytes(), true},
			{"text", []byte("<script>alert(1)</script>"), false},
			{"too large", append(buf.Bytes(), make([]byte, 3<<20)...), false},
		}
		for _, tc := range tests {
			err := svc.SetPhoto(ctx, id, tc.data)
			if (err == nil) != tc.ok {
				t.Fatalf("%s: SetPhoto error = %v", tc.name, err)
			}
		}
		got, ct, err := svc.Photo(ctx, id)
		if err != nil || ct != "image/png" || !bytes.Equal(got, buf.Bytes()) {
			t.Fatalf("photo back: %q, %d bytes, %v", ct, len(got), err)
		}
		m, _, err := svc.Member(ctx, id, fixedToday)
		if err != nil || !m.HasPhoto {
			t.Fatalf("member HasPhoto = %v, %v", m.HasPhoto, err)
		}
		if err := svc.SetPhoto(ctx, 999999, buf.Bytes()); err == nil {
			t.Fatal("photo of an unknown member accepted")
		}
	})
}
