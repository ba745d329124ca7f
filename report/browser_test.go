// The race detector would watch chromedp's generated protocol package
// here, and building it for the detector costs CI minutes: under -race
// this file is left out and CI runs it plainly (see .ci/run).

//go:build !race

package report_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

// TestHTMLInBrowser renders every HTML golden report in headless
// Chromium, as a screenshot and (for a few) as a PDF through the print
// style, and fails when Chromium cannot load or print a page or draws an
// empty one. One browser renders them all, page after page. Without
// Chromium it says so and skips.
func TestHTMLInBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("%s is missing: the HTML reports were not rendered in a browser (apt-get install chromium)", chromium)
	}
	if testing.Short() {
		t.Skip("rendering in Chromium takes a while; skipped with -short")
	}
	pages, err := filepath.Glob("testdata/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no HTML golden files (%v); run go test ./report -update", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(browser, chromedp.EmulateViewport(1280, 2000)); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".html")
		t.Run(name, func(t *testing.T) {
			abs, err := filepath.Abs(p)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(browser, time.Minute)
			defer cancel()
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+abs)); err != nil {
				t.Fatalf("Chromium did not load %s: %v", p, err)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("Chromium did not render %s: %v", p, err)
			}
			checkScreenshot(t, p, shot)
			if strings.HasSuffix(name, "-published") || strings.HasPrefix(name, "fixture") || name == "thueringen-centre-annual" {
				res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{})
				if err != nil || !bytes.HasPrefix(res.Data, []byte("%PDF")) || len(res.Data) < 2000 {
					t.Errorf("Chromium printed no PDF of %s (%d bytes, %v)", p, len(res.Data), err)
				}
			}
		})
	}
}

// checkScreenshot fails unless the screenshot is a PNG with a fair share
// of pixels that are not white: text, tables, charts.
func checkScreenshot(t *testing.T, page string, shot []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot of %s is not a PNG: %v", page, err)
	}
	if inked(img) < 0.01 {
		t.Errorf("the screenshot of %s is (nearly) empty", page)
	}
}

// inked returns the share of pixels that are not (nearly) white.
func inked(img image.Image) float64 {
	b := img.Bounds()
	n, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				n++
			}
			total++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}
