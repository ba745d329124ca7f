package report_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const chromium = "/usr/bin/chromium"

// TestHTMLInBrowser renders every HTML golden report in headless
// Chromium, as a screenshot and (for a few) as a PDF through the print
// style, and fails when Chromium exits with an error or draws an empty
// page. Without Chromium it says so and skips.
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
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			// Each page has its own profile directory; two Chromium runs
			// at a time keep both cores busy while one waits on the other.
			t.Parallel()
			abs, err := filepath.Abs(page)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			shot := filepath.Join(dir, name+".png")
			runChromium(t, dir, "--screenshot="+shot, "--window-size=1280,2000", "file://"+abs)
			checkScreenshot(t, shot)
			if strings.HasSuffix(name, "-published") || strings.HasPrefix(name, "fixture") || name == "thueringen-centre-annual" {
				pdf := filepath.Join(dir, name+".pdf")
				runChromium(t, dir, "--print-to-pdf="+pdf, "--no-pdf-header-footer", "file://"+abs)
				b, err := os.ReadFile(pdf)
				if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 2000 {
					t.Errorf("Chromium printed no PDF of %s (%d bytes, %v)", page, len(b), err)
				}
			}
		})
	}
}

// runChromium runs headless Chromium with its own profile directory and
// without network services.
func runChromium(t *testing.T, dir string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile")}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// checkScreenshot fails unless the screenshot is a PNG with a fair share
// of pixels that are not white: text, tables, charts.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if inked(img) < 0.01 {
		t.Errorf("the screenshot %s is (nearly) empty", path)
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
