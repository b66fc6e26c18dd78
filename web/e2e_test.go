package web_test

// End-to-end test: the real server (package server, with the real
// comparer and store) serves the real page to headless Chromium, which
// compares the seed pair and browses stories the way a person would.
//
//	go test ./web -run E2E -v
//	NEWSIM_SCREENSHOTS=docs go test ./web -run E2E   # also writes docs/*.png
//
// The test skips only when Chromium is missing (/usr/bin/chromium, or the
// path in NEWSIM_CHROMIUM). A relative NEWSIM_SCREENSHOTS is taken from the
// repository root.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cd "github.com/chromedp/chromedp"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/server"
	"github.com/newsim/newsim/web"
)

const e2eToken = "e2e-secret-token"

var seeds = []string{
	filepath.Join("..", "testdata", "seeds", "000_7d9c6d418026c8b1.txt"),
	filepath.Join("..", "testdata", "seeds", "001_5f58f892265ec782.txt"),
}

// chromium returns the browser's path or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	p := os.Getenv("NEWSIM_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("end-to-end test skipped: no Chromium at %s (install Debian's chromium, or set NEWSIM_CHROMIUM)", p)
	}
	return p
}

// startServer starts the real newsim server with a store in a temporary
// directory and the page, and returns its URL.
func startServer(t *testing.T) string {
	t.Helper()
	c, err := compare.Default()
	if err != nil {
		t.Fatal(err)
	}
	backend, err := server.OpenStore(filepath.Join(t.TempDir(), "newsim.db"), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { backend.Close() })
	srv, err := server.New(server.Config{Comparer: c, Backend: backend, Token: e2eToken, Assets: web.Handler(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// browser starts headless Chromium with an empty profile.
func browser(t *testing.T, path string) context.Context {
	t.Helper()
	opts := append(cd.DefaultExecAllocatorOptions[:],
		cd.ExecPath(path), cd.NoSandbox, cd.DisableGPU, cd.UserDataDir(t.TempDir()),
		cd.Flag("disable-component-update", true),
		cd.Flag("disable-background-networking", true),
		cd.Flag("disable-sync", true),
		cd.Flag("no-first-run", true),
		cd.Flag("lang", "en-GB"),
	)
	actx, cancelA := cd.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := cd.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	if err := cd.Do(ctx, cd.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

func do(t *testing.T, ctx context.Context, what string, steps ...cd.Action[cd.Void]) {
	t.Helper()
	if err := cd.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// void runs a and drops its value.
func void[T any](a cd.Action[T]) cd.Action[cd.Void] {
	return cd.Func(func(ctx context.Context, tg *cd.Target) error {
		_, err := a(ctx, tg)
		return err
	})
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := cd.Run(ctx, cd.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %.60q: %v", js, err)
	}
	return v
}

// shot writes a screenshot of the viewport when NEWSIM_SCREENSHOTS is set.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("NEWSIM_SCREENSHOTS")
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := cd.Run(ctx, cd.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", p)
}

// compareSeeds loads the seed pair by uploading the two files and runs the
// comparison.
func compareSeeds(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	abs := make([]string, len(seeds))
	for i, s := range seeds {
		a, err := filepath.Abs(s)
		if err != nil {
			t.Fatal(err)
		}
		abs[i] = a
	}
	do(t, ctx, "load the compare view",
		cd.Navigate(base+"/"),
		cd.WaitVisible(cd.ID("file-a")),
		cd.SetUploadFiles(cd.ID("file-a"), abs[:1]),
		cd.SetUploadFiles(cd.ID("file-b"), abs[1:]),
	)
	// The files are read in the page; wait until both texts are in.
	do(t, ctx, "read the uploads", void(cd.Poll[bool](`document.getElementById("text-a").value.length > 500 && document.getElementById("text-b").value.length > 500`, cd.WithPollingTimeout(10*time.Second))))
	if got := eval[string](t, ctx, `document.getElementById("title-a").value`); !strings.Contains(got, "واشنطن") {
		t.Fatalf("title A from the upload = %q, want the seed's first line", got)
	}
	do(t, ctx, "compare", cd.Click(cd.ID("compare-btn")), cd.WaitVisible(cd.CSS("#scores svg")))
}

type entityCheck struct {
	Forms  []string `json:"forms"`
	IDsA   []string `json:"idsA"`
	IDsB   []string `json:"idsB"`
	Shared []string `json:"shared"`
	Colour string   `json:"colour"`
	ColB   string   `json:"colourB"`
	Chip   bool     `json:"chip"`
}

func TestE2E(t *testing.T) {
	chrome := chromium(t)
	base := startServer(t)
	ctx := browser(t, chrome)

	t.Run("compare the seed pair", func(t *testing.T) {
		do(t, ctx, "laptop viewport", cd.EmulateViewport(1280, 1200))
		compareSeeds(t, ctx, base)

		// Seven scores, each between 1 and 4, in the chart and the table.
		scores := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#scores-table tbody td")).map(td => td.textContent)`)
		if len(scores) != 7 {
			t.Fatalf("%d scores in the table, want 7: %q", len(scores), scores)
		}
		for _, s := range scores {
			var v float64
			if _, err := fmt.Sscanf(s, "%f", &v); err != nil || v < 1 || v > 4 {
				t.Errorf("score %q is not a number from 1 to 4", s)
			}
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#scores svg .score-row circle").length`); n != 7 {
			t.Errorf("%d dots in the chart, want 7", n)
		}
		if v := eval[string](t, ctx, `document.getElementById("verdict").textContent`); !strings.HasPrefix(v, "Overall ") {
			t.Errorf("verdict %q", v)
		}

		// Both texts right to left.
		for _, side := range []string{"a", "b"} {
			if d := eval[string](t, ctx, `document.getElementById("body-`+side+`").getAttribute("dir")`); d != "rtl" {
				t.Errorf("article %s has dir=%q, want rtl", side, d)
			}
		}

		// Gantz, Sullivan, Blinken and Biden are highlighted on both sides,
		// each in one colour of its own, with a legend chip. Gantz is spelled
		// غانتس in A and both جانتس and غانتس in B.
		people := map[string][]string{
			"Gantz":    {"غانتس", "جانتس"},
			"Sullivan": {"سوليفان"},
			"Blinken":  {"بلينكن"},
			"Biden":    {"بايدن"},
		}
		colours := map[string]string{}
		for name, forms := range people {
			fj, _ := json.Marshal(forms)
			js := `(() => {
				const forms = ` + string(fj) + `;
				const ids = side => Array.from(document.querySelectorAll("#body-" + side + " mark.ent"))
					.filter(m => forms.some(f => m.textContent.includes(f))).map(m => m.dataset.ent);
				const a = ids("a"), b = ids("b");
				const shared = [...new Set(a)].filter(x => b.includes(x));
				const col = (side, id) => { const m = document.querySelector("#body-" + side + ' mark.ent[data-ent="' + id + '"]'); return m ? getComputedStyle(m).backgroundColor : ""; };
				return JSON.stringify({forms, idsA: a, idsB: b, shared, colour: shared.length ? col("a", shared[0]) : "", colourB: shared.length ? col("b", shared[0]) : "",
					chip: shared.length > 0 && !!document.querySelector('#entity-legend .chip[data-ent="' + shared[0] + '"]')});
			})()`
			var r entityCheck
			if err := json.Unmarshal([]byte(eval[string](t, ctx, js)), &r); err != nil {
				t.Fatal(err)
			}
			switch {
			case len(r.IDsA) == 0 || len(r.IDsB) == 0:
				t.Errorf("%s: highlighted %d times in A and %d in B, want both sides", name, len(r.IDsA), len(r.IDsB))
			case len(r.Shared) == 0:
				t.Errorf("%s: highlighted on both sides but as different entities (%v / %v)", name, r.IDsA, r.IDsB)
			case r.Colour == "" || r.Colour != r.ColB:
				t.Errorf("%s: colour %q in A, %q in B, want one colour", name, r.Colour, r.ColB)
			case !r.Chip:
				t.Errorf("%s: no legend chip", name)
			default:
				for other, c := range colours {
					if c == r.Colour {
						t.Errorf("%s and %s share the colour %s", name, other, c)
					}
				}
				colours[name] = r.Colour
			}
		}
		// Every spelling of Gantz in B is marked (جانتس and غانتس).
		for _, form := range []string{"جانتس", "غانتس"} {
			if n := eval[int](t, ctx, `Array.from(document.querySelectorAll("#body-b mark.ent")).filter(m => m.textContent.includes("`+form+`")).length`); n == 0 {
				t.Errorf("spelling %s not highlighted in B", form)
			}
		}

		// The legend gives a name's role, the title written before it, as text.
		if got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#entity-legend .chip")).map(c => c.textContent).filter(s => s.startsWith("جو بايدن"))`); len(got) != 1 || got[0] != "جو بايدن — الرئيس الأميركي" {
			t.Errorf("legend chip of Biden %q, want the name with its role", got)
		}

		do(t, ctx, "scroll to the top", void(cd.Evaluate[bool](`window.scrollTo(0, 0); true`)))
		shot(t, ctx, "compare-laptop")
		do(t, ctx, "scroll to the texts", void(cd.Evaluate[bool](`document.getElementById("side-a").scrollIntoView(); true`)))
		shot(t, ctx, "compare-laptop-texts")

		// Aligned sentences are linked: selecting one in A pins its partner in B.
		if n := eval[int](t, ctx, `document.querySelectorAll("#body-a .sent.aligned").length`); n == 0 {
			t.Error("no aligned sentences in A")
		} else {
			do(t, ctx, "select an aligned sentence", cd.Click(cd.CSS("#body-a .sent.aligned")))
			if n := eval[int](t, ctx, `document.querySelectorAll("#body-b .sent.pinned").length`); n == 0 {
				t.Error("selecting an aligned sentence in A pinned no sentence in B")
			}
			do(t, ctx, "unselect", cd.Click(cd.CSS("#body-a .sent.pinned")))
			// The same with the keyboard: focus a sentence, press Enter.
			do(t, ctx, "focus an aligned sentence", cd.Focus(cd.CSS("#body-b .sent.aligned")))
			if n := eval[int](t, ctx, `document.querySelectorAll("#body-a .sent.linked").length`); n == 0 {
				t.Error("focusing an aligned sentence in B lit up no sentence in A")
			}
			do(t, ctx, "press Enter", cd.KeyEvent("\r"))
			if p := eval[string](t, ctx, `document.activeElement.getAttribute("aria-pressed")`); p != "true" {
				t.Errorf("Enter on an aligned sentence: aria-pressed=%q, want true", p)
			}
			do(t, ctx, "press Enter again", cd.KeyEvent("\r"))
		}
		// Facts only one side reports are marked.
		if n := eval[int](t, ctx, `document.querySelectorAll(".text-body .sent.only").length`); n == 0 {
			t.Error("no sentence is marked as reported by one side only")
		}
	})

	t.Run("name matching", func(t *testing.T) {
		do(t, ctx, "open the page", cd.Navigate(base+"/"), cd.WaitVisible(cd.ID("title-a")))
		tests := []struct {
			name     string
			text     string
			variants []string
			want     []string // the marked passages, in order
		}{
			{"exact name", "التقى غانتس بسوليفان", []string{"غانتس"}, []string{"غانتس"}},
			{"proclitic li- is part of the word", "وأكد بلينكن لغانتس أهمية", []string{"غانتس"}, []string{"لغانتس"}},
			{"proclitic wa- and bi-al-", "وغانتس وبالولايات", []string{"غانتس", "الولايات"}, []string{"وغانتس", "وبالولايات"}},
			{"li- drops the alef of al-", "دعم للولايات المتحدة", []string{"الولايات المتحدة"}, []string{"للولايات المتحدة"}},
			{"hamza on alef", "وزير الخارجية انتوني بلينكن", []string{"أنتوني بلينكن"}, []string{"انتوني بلينكن"}},
			{"diacritics and tatweel stay inside", "قال بلينكنَ إن غـانتس", []string{"بلينكن", "غانتس"}, []string{"بلينكنَ", "غـانتس"}},
			{"teh marbuta and heh", "في قطاع غزه", []string{"غزة"}, []string{"غزه"}},
			{"not inside a longer word", "قال عمرو", []string{"عمر"}, nil},
			{"longest spelling wins", "جيك سوليفان وسوليفان", []string{"سوليفان", "جيك سوليفان"}, []string{"جيك سوليفان", "وسوليفان"}},
			{"Latin case and possessive", "BLINKEN met Blinken's aide", []string{"Blinken"}, []string{"BLINKEN", "Blinken's"}},
			{"Latin whole words only", "Bidenomics is not Biden", []string{"Biden"}, []string{"Biden"}},
			{"markup is plain text", "<b>Biden</b>", []string{"Biden"}, []string{"Biden"}},
		}
		for _, tc := range tests {
			tj, _ := json.Marshal(tc.text)
			vj, _ := json.Marshal(tc.variants)
			got := eval[[]string](t, ctx, `newsim.findMatches(`+string(tj)+`, [{id: 1, variants: `+string(vj)+`}]).map(s => `+string(tj)+`.slice(s.start, s.end))`)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%s: marked %q in %q, want %q", tc.name, got, tc.text, tc.want)
			}
		}
	})

	t.Run("compare on a phone", func(t *testing.T) {
		do(t, ctx, "phone viewport", cd.EmulateViewport(390, 844, cd.EmulateScale(2), cd.EmulateMobile))
		compareSeeds(t, ctx, base)
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the compare view is %dpx wide on a 390px phone", w)
		}
		do(t, ctx, "scroll to the result", void(cd.Evaluate[bool](`document.getElementById("result").scrollIntoView(); true`)))
		shot(t, ctx, "compare-phone")
		do(t, ctx, "scroll to text A", void(cd.Evaluate[bool](`document.getElementById("side-a").scrollIntoView(); true`)))
		shot(t, ctx, "compare-phone-texts")
	})

	t.Run("upload HTML and JSON", func(t *testing.T) {
		dir := t.TempDir()
		htmlPath := filepath.Join(dir, "page.html")
		jsonPath := filepath.Join(dir, "article.json")
		page := `<!doctype html><html lang="en"><head><title>Storm closes ports on the Channel coast</title><script>window.pwned=1</script></head>
<body><nav>Home | World | Sport</nav><article><h1>Storm closes ports on the Channel coast</h1>
<p>A powerful storm closed ports in Calais and Dover on Tuesday, stranding hundreds of lorries and cancelling ferries across the Channel.</p>
<p>Forecasters said winds of up to 120 kilometres an hour would ease by Wednesday morning, and port officials in Calais said crossings would resume then.</p>
<p>The French interior ministry said 40,000 homes in Normandy were without power.</p></article><footer>Copyright</footer></body></html>`
		art := `{"title": "Ferries cancelled as storm hits Calais and Dover", "lang": "en", "text": "Ferries between Dover and Calais were cancelled on Tuesday as a storm with winds of up to 120 kilometres an hour hit the Channel coast. Hundreds of lorries queued at both ports. Officials expected crossings to resume on Wednesday morning."}`
		if err := os.WriteFile(htmlPath, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(jsonPath, []byte(art), 0o644); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "laptop viewport", cd.EmulateViewport(1280, 900))
		do(t, ctx, "upload", cd.Navigate(base+"/"), cd.WaitVisible(cd.ID("file-a")),
			cd.SetUploadFiles(cd.ID("file-a"), []string{htmlPath}),
			cd.SetUploadFiles(cd.ID("file-b"), []string{jsonPath}),
			void(cd.Poll[bool](`document.getElementById("title-a").value !== "" && document.getElementById("title-b").value !== ""`, cd.WithPollingTimeout(10*time.Second))))
		if got := eval[string](t, ctx, `document.getElementById("title-b").value`); got != "Ferries cancelled as storm hits Calais and Dover" {
			t.Errorf("title B from the JSON file = %q", got)
		}
		if got := eval[string](t, ctx, `document.getElementById("lang-b").value`); got != "en" {
			t.Errorf("language B from the JSON file = %q, want en", got)
		}
		do(t, ctx, "compare", cd.Click(cd.ID("compare-btn")), cd.WaitVisible(cd.CSS("#scores svg")))
		// The server read the HTML page: its title, and its body without the menu.
		if got := eval[string](t, ctx, `document.getElementById("head-a").textContent`); !strings.Contains(got, "Storm closes ports") {
			t.Errorf("title A = %q, want the HTML page's title", got)
		}
		body := eval[string](t, ctx, `document.getElementById("body-a").textContent`)
		if !strings.Contains(body, "stranding hundreds of lorries") || strings.Contains(body, "window.pwned") {
			t.Errorf("text A read from the HTML page = %q", body)
		}
		if eval[bool](t, ctx, `window.pwned === 1`) {
			t.Error("the uploaded page's script ran")
		}
		// Every shared name of the legend is highlighted on both sides; Calais is one.
		missing := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#entity-legend .chip[aria-pressed]"))
			.filter(c => ["a", "b"].some(side => !document.querySelector("#body-" + side + ' mark.ent[data-ent="' + c.dataset.ent + '"]')))
			.map(c => c.textContent)`)
		if len(missing) > 0 {
			t.Errorf("shared names not highlighted on both sides: %q", missing)
		}
		// In the title too.
		if n := eval[int](t, ctx, `Array.from(document.querySelectorAll("#side-b mark.ent")).filter(m => m.textContent === "Calais").length`); n != 2 {
			t.Errorf("Calais highlighted %d times in B (title and text), want 2", n)
		}
	})

	t.Run("article markup stays text", func(t *testing.T) {
		do(t, ctx, "laptop viewport", cd.EmulateViewport(1280, 900))
		do(t, ctx, "open the compare view", cd.Navigate(base+"/"), cd.WaitVisible(cd.ID("title-a")))
		evil := `<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>`
		body := "<b>Bold claims</b> were made by the minister in Paris on Monday. The talks covered trade and security. " +
			"Officials said the meeting went well and more talks are planned for next month in Berlin."
		set := func(id, v string) cd.Action[cd.Void] {
			return cd.SetValue(cd.ID(id), v)
		}
		do(t, ctx, "fill both sides",
			set("title-a", evil+" Minister visits Paris"), set("text-a", body),
			set("title-b", "Minister meets counterpart in Paris"), set("text-b", strings.ReplaceAll(body, "<b>", "<i>")),
			cd.Click(cd.ID("compare-btn")), cd.WaitVisible(cd.CSS("#scores svg")))
		if n := eval[int](t, ctx, `document.querySelectorAll("#result img, #result script, #result b, #result i").length`); n != 0 {
			t.Errorf("%d elements were made from article markup", n)
		}
		if got := eval[string](t, ctx, `document.getElementById("head-a").textContent`); !strings.Contains(got, "<img src=x") {
			t.Errorf("title A shows %q, want the markup as text", got)
		}
		if got := eval[string](t, ctx, `document.getElementById("body-a").textContent`); !strings.Contains(got, "<b>Bold claims</b>") {
			t.Errorf("text A shows %q, want the markup as text", got)
		}
		if eval[bool](t, ctx, `window.pwned === 1`) {
			t.Error("article markup ran a script")
		}
	})

	t.Run("stories", func(t *testing.T) {
		ingestStories(t, base)
		do(t, ctx, "laptop viewport", cd.EmulateViewport(1280, 760))
		do(t, ctx, "open the stories view", cd.Navigate(base+"/stories"), cd.WaitVisible(cd.CSS("#stories-list .story")))
		// Articles of the last 24 hours: the view opens on that period and says so.
		if since, status := eval[string](t, ctx, `document.getElementById("since").value`), eval[string](t, ctx, `document.getElementById("stories-status").textContent`); since != "24h" || !strings.HasSuffix(status, " · last 24 hours") {
			t.Errorf("the stories view opened on period %q, status %q; want 24h, said", since, status)
		}
		// The last 24 hours hold the stories with an article since then; the
		// last 7 days hold them all. The page shows what the API answers.
		for _, f := range []struct{ period, q string }{{"24h", ""}, {"7d", "Meloni"}, {"7d", ""}} {
			period := f.period
			want := apiStoryTitles(t, base, "since="+period+"&q="+f.q)
			if len(want) == 0 {
				t.Fatalf("the API lists no story since %s with %q", period, f.q)
			}
			do(t, ctx, "choose "+period+" and search "+f.q,
				cd.SetValue(cd.ID("since"), period),
				void(cd.Evaluate[bool](`document.getElementById("q").value = `+jsString(f.q)+`; true`)),
				cd.Click(cd.CSS(`#stories-form button[type="submit"]`)),
				void(cd.Poll[bool](`document.getElementById("stories-status").textContent.startsWith("`+fmt.Sprint(len(want))+` stor")`, cd.WithPollingTimeout(10*time.Second))))
			got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#stories-list .story-title")).map(h => h.textContent)`)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("since %s, q %q: the page lists %q, the API %q", period, f.q, got, want)
			}
		}
		titles := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#stories-list .story-title")).map(h => h.textContent)`)
		if len(titles) < 3 {
			t.Fatalf("%d stories listed in 7 days, want at least 3 (seed pair, floods, rates): %q", len(titles), titles)
		}
		// The seed pair is one story of two Arabic articles from two outlets.
		js := `(() => { const li = Array.from(document.querySelectorAll("#stories-list .story")).find(li => li.querySelector(".size").textContent === "2" && Array.from(li.querySelectorAll(".badge")).some(b => b.textContent === "ar"));
			return li ? JSON.stringify({id: li.dataset.story, outlets: li.querySelector(".outlets") ? li.querySelector(".outlets").textContent : "", bars: li.querySelectorAll(".spark rect").length}) : ""; })()`
		raw := eval[string](t, ctx, js)
		if raw == "" {
			t.Fatalf("no story of 2 Arabic articles among %q", titles)
		}
		var seed struct {
			ID      string
			Outlets string
			Bars    int
		}
		json.Unmarshal([]byte(raw), &seed)
		if !strings.Contains(seed.Outlets, "2 outlets") || seed.Bars == 0 {
			t.Errorf("seed story shows outlets %q and %d sparkline bars", seed.Outlets, seed.Bars)
		}
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 1280 {
			t.Errorf("stories view is %dpx wide", w)
		}
		shot(t, ctx, "stories-laptop")

		// The biggest story's page lists its articles by date, one day each.
		do(t, ctx, "open the biggest story", cd.Click(cd.CSS(`#stories-list .story:first-child .story-title a`)), cd.WaitVisible(cd.CSS("#timeline .tl-item")))
		if days, items := eval[int](t, ctx, `document.querySelectorAll("#timeline .tl-day").length`), eval[int](t, ctx, `document.querySelectorAll("#timeline .tl-item").length`); items != 4 || days != 4 {
			t.Errorf("flood story timeline: %d articles on %d days, want 4 on 4", items, days)
		}
		do(t, ctx, "read an article",
			cd.Click(cd.CSS("#timeline .tl-item summary")),
			void(cd.Poll[bool](`document.querySelector("#timeline .tl-text").textContent.includes("Emilia-Romagna")`, cd.WithPollingTimeout(10*time.Second))))
		shot(t, ctx, "story-laptop")

		// The seed story's page lists both articles; selecting both compares them.
		do(t, ctx, "open the seed story", cd.Navigate(base+"/stories/"+seed.ID), cd.WaitVisible(cd.CSS("#timeline .tl-item")))
		if n := eval[int](t, ctx, `document.querySelectorAll("#timeline .tl-item").length`); n != 2 {
			t.Errorf("timeline has %d articles, want 2", n)
		}
		do(t, ctx, "compare the story's articles",
			cd.Click(cd.CSS("#timeline .tl-item:nth-child(2) input")),
			cd.Click(cd.CSS("#timeline .tl-item input:not(:checked)")),
			cd.WaitEnabled(cd.ID("story-compare")),
			cd.Click(cd.ID("story-compare")),
			cd.WaitVisible(cd.CSS("#scores svg")))
		if n := eval[int](t, ctx, `document.querySelectorAll("#body-a mark.ent").length`); n == 0 {
			t.Error("comparing from the story page highlighted no entity")
		}

		do(t, ctx, "phone viewport", cd.EmulateViewport(390, 844, cd.EmulateScale(2), cd.EmulateMobile))
		do(t, ctx, "open the stories view", cd.Navigate(base+"/stories"), cd.WaitVisible(cd.CSS("#stories-list .story")),
			cd.SetValue(cd.ID("since"), "7d"), cd.Click(cd.CSS(`#stories-form button[type="submit"]`)),
			void(cd.Poll[bool](`document.querySelectorAll("#stories-list .story").length >= 3`, cd.WithPollingTimeout(10*time.Second))))
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the stories view is %dpx wide on a 390px phone", w)
		}
		shot(t, ctx, "stories-phone")
	})
}

// An imported archive (articles of 2012 and 2019) opens on all time, not
// on an empty last 24 hours, and the page says why; once a recent article
// arrives, the shortest period that has stories is shown; a period the
// reader chooses stays chosen.
func TestE2EArchiveStories(t *testing.T) {
	chrome := chromium(t)
	base := startServer(t)
	ctx := browser(t, chrome)
	type in struct {
		Title  string `json:"title"`
		Text   string `json:"text"`
		Lang   string `json:"lang"`
		Date   string `json:"date"`
		Source string `json:"source"`
	}
	archive := []in{
		{"Fire engulfs Notre-Dame cathedral in Paris", "A fire swept through Notre-Dame cathedral in Paris on Monday evening, bringing down its spire as crowds watched from the banks of the Seine. " +
			"Firefighters said the stone structure and the two towers had been saved. President Emmanuel Macron said the cathedral would be rebuilt.", "en", "2019-04-15T20:00:00Z", "Reuters"},
		{"Notre-Dame: spire collapses as fire rages through Paris cathedral", "The spire of Notre-Dame cathedral collapsed on Monday as fire raged through the roof of the Paris landmark. " +
			"Firefighters saved the two towers and the main structure, officials said, and President Emmanuel Macron vowed to rebuild the cathedral.", "en", "2019-04-16T07:00:00Z", "BBC News"},
		{"London 2012: Olympic Games open with Danny Boyle's ceremony", "The London Olympic Games opened on Friday night with a ceremony directed by Danny Boyle in the Olympic Stadium in Stratford. " +
			"Queen Elizabeth took part in a film with James Bond, and the cauldron was lit by seven young athletes.", "en", "2012-07-27T22:00:00Z", "The Guardian"},
		{"Boyle's opening ceremony launches London Olympics", "Danny Boyle's opening ceremony launched the London Olympics at the Olympic Stadium on Friday, with the Queen appearing in a James Bond film. " +
			"Seven young athletes lit the cauldron in Stratford.", "en", "2012-07-28T06:00:00Z", "Associated Press"},
	}
	post := func(arts []in) { postArticles(t, base, arts) }
	post(archive)
	listed := func() []string {
		return eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#stories-list .story-title")).map(h => h.textContent)`)
	}
	state := func() (string, string) {
		return eval[string](t, ctx, `document.getElementById("since").value`), eval[string](t, ctx, `document.getElementById("stories-status").textContent`)
	}

	do(t, ctx, "laptop viewport", cd.EmulateViewport(1280, 900))
	loaded := void(cd.Poll[bool](`(s => s !== "" && !s.startsWith("Loading"))(document.getElementById("stories-status").textContent)`, cd.WithPollingTimeout(10*time.Second)))
	do(t, ctx, "open the stories view of the archive", cd.Navigate(base+"/stories"), cd.WaitVisible(cd.ID("stories-status")), loaded)
	want := apiStoryTitles(t, base, "")
	if len(want) != 2 {
		t.Fatalf("the API lists %d stories of all time, want 2 (Notre-Dame, London 2012): %q", len(want), want)
	}
	if since, status := state(); since != "" || status != "2 stories · all time (none in the last 30 days)" {
		t.Errorf("archive: period %q, status %q; want all time, said with the reason", since, status)
	}
	if got := listed(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("archive: the page lists %q, the API %q", got, want)
	}
	shot(t, ctx, "stories-archive")

	// A story of three days ago: the last 7 days are the shortest period with stories.
	post([]in{{"Harbour fire in Hamburg destroys warehouses", "A fire destroyed two warehouses in the port of Hamburg overnight, the fire brigade said. Nobody was hurt.", "en",
		time.Now().UTC().Add(-72 * time.Hour).Format(time.RFC3339), "NDR"}})
	do(t, ctx, "reopen the stories view", cd.Navigate(base+"/stories"), cd.WaitVisible(cd.ID("stories-status")), loaded)
	if since, status := state(); since != "7d" || status != "1 story · last 7 days (none in the last 24 hours)" {
		t.Errorf("with a story of 3 days ago: period %q, status %q; want 7d, said with the reason", since, status)
	}
	if got, want := listed(), apiStoryTitles(t, base, "since=7d"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("7 days: the page lists %q, the API %q", got, want)
	}

	// The reader's choice stays, also after visiting a story.
	do(t, ctx, "choose all time",
		cd.SetValue(cd.ID("since"), ""),
		cd.Click(cd.CSS(`#stories-form button[type="submit"]`)),
		void(cd.Poll[bool](`document.getElementById("stories-status").textContent === "3 stories · all time"`, cd.WithPollingTimeout(10*time.Second))))
	do(t, ctx, "open a story and come back",
		cd.Click(cd.CSS(`#stories-list .story:first-child .story-title a`)), cd.WaitVisible(cd.CSS("#timeline .tl-item")),
		cd.Click(cd.CSS(`#view-story .back a`)), cd.WaitVisible(cd.CSS("#stories-list .story")),
		void(cd.Poll[bool](`document.getElementById("stories-status").textContent.startsWith("3 stor")`, cd.WithPollingTimeout(10*time.Second))))
	if since, status := state(); since != "" || status != "3 stories · all time" {
		t.Errorf("after visiting a story: period %q, status %q; want the reader's all time", since, status)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// apiStoryTitles lists the titles of GET /v1/stories?query.
func apiStoryTitles(t *testing.T, base, query string) []string {
	t.Helper()
	res, err := http.Get(base + "/v1/stories?limit=50&" + query)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Stories []struct{ Title string }
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("GET /v1/stories: %v", err)
	}
	titles := []string{}
	for _, s := range out.Stories {
		titles = append(titles, s.Title)
	}
	return titles
}

// ingestStories stores the seed pair and a few English articles, dated in
// the last four days, through the API with the server's token.
func ingestStories(t *testing.T, base string) {
	t.Helper()
	now := time.Now().UTC()
	type in struct {
		Title  string `json:"title"`
		Text   string `json:"text"`
		Lang   string `json:"lang,omitempty"`
		Date   string `json:"date"`
		Source string `json:"source"`
	}
	var arts []in
	for i, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		title, text, _ := strings.Cut(string(b), "\n")
		arts = append(arts, in{Title: title, Text: text, Lang: "ar", Source: []string{"Al Mayadeen", "Asharq Al-Awsat"}[i]})
	}
	// at(d) is noon UTC d days ago, or a minute ago for d = 0: distinct
	// days whatever the time the test runs.
	midnight := now.Truncate(24 * time.Hour)
	at := func(d int) string {
		if d == 0 {
			return now.Add(-time.Minute).Format(time.RFC3339)
		}
		return midnight.Add(time.Duration(-24*d+12) * time.Hour).Format(time.RFC3339)
	}
	arts[0].Date, arts[1].Date = at(2), at(1)
	more := []in{
		{Title: "Floods force thousands from their homes in northern Italy", Source: "Reuters", Date: at(3),
			Text: "Rivers burst their banks across Emilia-Romagna in northern Italy after two days of torrential rain, forcing thousands of people to leave their homes. " +
				"Civil protection officials in Bologna said rescue teams were searching flooded villages near Ravenna and Faenza. " +
				"Prime Minister Giorgia Meloni said the government would declare a state of emergency for the region."},
		{Title: "Italy floods: death toll rises as rescuers search Emilia-Romagna villages", Source: "BBC News", Date: at(2),
			Text: "The number of people killed by floods in Emilia-Romagna has risen to nine, Italian officials said, as rescuers in boats searched villages near Ravenna and Faenza. " +
				"More than 10,000 people have left their homes since rivers burst their banks after torrential rain. " +
				"Prime Minister Giorgia Meloni flew over the flooded region and promised emergency funds."},
		{Title: "Emilia-Romagna floods: farmers count the cost as water recedes", Source: "The Guardian", Date: at(1),
			Text: "Farmers in Emilia-Romagna began counting the cost of the floods as water receded from fields near Ravenna and Faenza, in northern Italy. " +
				"Regional officials said the torrential rain had destroyed orchards and drowned livestock, and that thousands of people were still unable to return home. " +
				"The government of Giorgia Meloni has declared a state of emergency."},
		{Title: "Italy pledges emergency funds after deadly Emilia-Romagna floods", Source: "Associated Press", Date: at(0),
			Text: "Italy's cabinet approved emergency funds for Emilia-Romagna after floods that killed nine people and forced thousands from their homes around Ravenna and Faenza. " +
				"Prime Minister Giorgia Meloni said the money would help families, farmers and businesses hit by the torrential rain. " +
				"Civil protection teams in Bologna warned that more rain was expected in northern Italy."},
		{Title: "ECB holds interest rates steady as euro zone inflation slows", Source: "Financial Times", Date: at(1),
			Text: "The European Central Bank left its deposit rate unchanged at its meeting in Frankfurt, saying euro zone inflation was slowing as policymakers had expected. " +
				"ECB President Christine Lagarde told reporters the bank would watch wage growth and energy prices before deciding on any cut in borrowing costs."},
		{Title: "Lagarde: ECB not yet ready to cut rates", Source: "Bloomberg", Date: at(0),
			Text: "ECB President Christine Lagarde said in Frankfurt that the European Central Bank was not yet ready to cut its deposit rate, after policymakers kept borrowing costs unchanged. " +
				"Lagarde said euro zone inflation was slowing but that wage growth and energy prices still needed watching."},
	}
	for _, a := range more {
		a.Lang = "en"
		arts = append(arts, a)
	}
	postArticles(t, base, arts)
}

// postArticles ingests arts (a JSON array of articles) through the API
// with the server's token.
func postArticles(t *testing.T, base string, arts any) {
	t.Helper()
	body, _ := json.Marshal(arts)
	req, _ := http.NewRequest("POST", base+"/v1/articles", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e2eToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("ingest: %s: %s", res.Status, b)
	}
}
