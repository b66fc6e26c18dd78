// newsim page: compare view, stories view, story page.
//
// Security rule: every string that comes from an article or the API is put
// in the page with textContent / createTextNode only. No innerHTML anywhere.
(function () {
  "use strict";

  // ---------- small DOM helpers ----------
  const $ = (sel, root) => (root || document).querySelector(sel);
  const SVG = "http://www.w3.org/2000/svg";

  // el builds an element. attrs values are set as attributes (strings);
  // children are nodes or strings (strings become text nodes).
  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      n.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      n.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return n;
  }
  function svg(tag, attrs, ...children) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      n.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return n;
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }

  const LANGS = [
    ["ar", "Arabic"], ["en", "English"], ["de", "German"], ["es", "Spanish"], ["fr", "French"],
    ["it", "Italian"], ["pl", "Polish"], ["ru", "Russian"], ["tr", "Turkish"], ["zh", "Chinese"],
  ];
  const LANG_NAME = Object.fromEntries(LANGS);
  const RTL = new Set(["ar", "fa", "he", "ur", "ps", "yi", "ku", "sd", "ug", "dv"]);
  const DIMS = [
    ["overall", "Overall"], ["geography", "Geography"], ["entities", "Entities"], ["time", "Time"],
    ["narrative", "Narrative"], ["style", "Style"], ["tone", "Tone"],
  ];
  // Shared-entity colours: light tints that keep #111 text above 7:1 contrast.
  const PALETTE = [
    "#ffd966", "#9fd3ff", "#ffb3ab", "#b5e8a8", "#dcc2ff", "#ffcf99",
    "#a6efe4", "#f8bde2", "#d6e39a", "#c2ccff", "#efd0a8", "#b9e3d0",
  ];

  function dirFor(lang) { return lang && RTL.has(String(lang).toLowerCase()) ? "rtl" : "auto"; }

  // ---------- API ----------
  async function api(method, path, body) {
    const opt = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      opt.headers["Content-Type"] = "application/json";
      opt.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, opt);
    } catch (e) {
      throw new Error("The server cannot be reached (" + e.message + ").");
    }
    let data = null;
    const text = await res.text();
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!res.ok) {
      const msg = data && data.error && data.error.message ? data.error.message : res.status + " " + res.statusText;
      const err = new Error(msg);
      err.status = res.status;
      err.code = data && data.error && data.error.code;
      throw err;
    }
    return data;
  }

  function showAlert(msg) {
    const a = $("#alert");
    if (!msg) { a.hidden = true; a.textContent = ""; return; }
    a.textContent = msg;
    a.hidden = false;
  }

  // ---------- text matching (exported for tests) ----------
  // Arabic diacritics (harakat, shadda, sukun, superscript alef, Quranic
  // marks) and tatweel are skipped when matching.
  const SKIP = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D\u200E\u200F]/;
  const FOLD = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627", // hamza/madda/wasla alef → alef
    "\u0649": "\u064A", // alef maqsura → yeh
    "\u0629": "\u0647", // teh marbuta → heh
    "\u0624": "\u0648", "\u0626": "\u064A", // hamza on waw / yeh
    "\u06CC": "\u064A", "\u06A9": "\u0643", // Persian yeh, keheh
    "\u2019": "'", "\u2018": "'", "\u02BC": "'",
  };
  const WORD = /[\p{L}\p{M}\p{N}]/u;
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;

  // fold returns s folded for matching and, for each folded code unit, the
  // index of the code unit of s it came from (map has one extra entry,
  // s.length, for the end).
  function fold(s) {
    let out = "";
    const map = [];
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (SKIP.test(c)) continue;
      const f = FOLD[c] || c.toLowerCase();
      out += f;
      for (let k = 0; k < f.length; k++) map.push(i);
    }
    map.push(s.length);
    return { text: out, map };
  }

  // Arabic proclitics that may stick to a name: wa-, fa-, bi-, li-, ka-,
  // the article al-, and their combinations (وبال، فلل، ...).
  const AR_PREFIX = /^[وف]?(?:[بكل]?ال|لل|[بكلس])?$/;

  // findMatches finds every mention of every variant in text. terms is a
  // list of {id, variants}. It returns non-overlapping spans {start, end,
  // id} in UTF-16 offsets of text, in order; a longer mention wins over a
  // shorter one it overlaps. Latin names match whole words (case and
  // possessive 's ignored); Arabic names match with diacritics, tatweel
  // and hamza/alef spelling ignored, with any proclitic (و، ف، ب، ل، ك، ال)
  // attached, and the whole word is the span.
  function findMatches(text, terms) {
    const f = fold(text);
    const t = f.text;
    const cands = [];
    for (const term of terms) {
      const seen = new Set();
      for (const v0 of term.variants || []) {
        const v = fold(String(v0).trim()).text;
        if (v.length < 2 || seen.has(v)) continue;
        seen.add(v);
        const arabic = ARABIC.test(v);
        const needles = [v];
        // لل + name: the alef of al- drops after li- (للولايات).
        if (arabic && v.startsWith("\u0627\u0644")) needles.push(v.slice(1));
        needles.forEach((needle, ni) => {
          let from = 0;
          for (;;) {
            const p = t.indexOf(needle, from);
            if (p < 0) break;
            from = p + 1;
            let start = p, end = p + needle.length;
            // left edge
            if (p > 0 && WORD.test(t[p - 1])) {
              if (!arabic) continue;
              let ws = p;
              while (ws > 0 && WORD.test(t[ws - 1])) ws--;
              const prefix = t.slice(ws, p);
              if (ni === 1 ? !/^[وف]?ل$/.test(prefix) : !AR_PREFIX.test(prefix)) continue;
              start = ws;
            } else if (ni === 1) {
              continue;
            }
            // right edge
            if (end < t.length && WORD.test(t[end])) {
              continue;
            } else if (!arabic && t[end] === "'" && t[end + 1] === "s" && !(end + 2 < t.length && WORD.test(t[end + 2]))) {
              end += 2;
            }
            // The span ends where the next kept character starts, so that
            // diacritics on the last letter stay inside it.
            cands.push({ start: f.map[start], end: end < t.length ? f.map[end] : text.length, id: term.id });
          }
        });
      }
    }
    // Longest first; a span overlapping one already taken is dropped.
    const byLen = cands.slice().sort((x, y) => (y.end - y.start) - (x.end - x.start) || x.start - y.start);
    const taken = [];
    for (const c of byLen) {
      if (taken.some((o) => c.start < o.end && o.start < c.end)) continue;
      taken.push(c);
    }
    return taken.sort((x, y) => x.start - y.start);
  }

  // ---------- scores chart ----------
  function scoreColor(s) {
    // 1 (similar) teal → 2.5 amber → 4 (dissimilar) red.
    // Dark enough everywhere for the white value written on the dot.
    const stops = [[1, [15, 118, 110]], [2.5, [161, 98, 7]], [4, [185, 28, 28]]];
    const x = Math.max(1, Math.min(4, s));
    let i = x <= 2.5 ? 0 : 1;
    const [x0, c0] = stops[i], [x1, c1] = stops[i + 1];
    const t = (x - x0) / (x1 - x0);
    const c = c0.map((v, k) => Math.round(v + (c1[k] - v) * t));
    return "rgb(" + c.join(",") + ")";
  }
  function verbal(s) {
    if (s < 1.75) return "very similar";
    if (s < 2.5) return "somewhat similar";
    if (s < 3.25) return "somewhat dissimilar";
    return "very dissimilar";
  }

  // drawScores draws the seven scores as dots on 1–4 tracks. width is the
  // drawing's width in CSS pixels, so that its text keeps its size on a phone.
  function drawScores(scores, width) {
    const W = Math.max(300, Math.min(640, Math.round(width || 560)));
    const left = W < 420 ? 104 : 116, right = W - 18, top = 22, rowH = W < 420 ? 32 : 34;
    const H = top + rowH * DIMS.length + 26;
    const x = (s) => left + ((Math.max(1, Math.min(4, s)) - 1) / 3) * (right - left);
    const label = DIMS.map(([k, n]) => n + " " + fmt(scores[k])).join(", ");
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "scores-title", id: "scores-chart" });
    root.appendChild(svg("title", { id: "scores-title" }, "Scores (1 = very similar, 4 = very dissimilar): " + label));
    // axis header
    const axis = svg("g", { class: "axis", "aria-hidden": "true" });
    const bottom = top + rowH * DIMS.length;
    for (let v = 1; v <= 4; v++) {
      axis.appendChild(svg("line", { x1: x(v), x2: x(v), y1: top - 4, y2: bottom, stroke: "#e4e1d8", "stroke-width": 1 }));
      axis.appendChild(svg("text", { x: x(v), y: top - 8, "text-anchor": "middle", "font-size": 12, fill: "#4a525c", "font-weight": 700 }, String(v)));
    }
    axis.appendChild(svg("text", { x: left - 4, y: bottom + 17, "font-size": 12, fill: "#0f766e", "font-weight": 700 }, "← very similar"));
    axis.appendChild(svg("text", { x: right + 4, y: bottom + 17, "text-anchor": "end", "font-size": 12, fill: "#b91c1c", "font-weight": 700 }, "very dissimilar →"));
    root.appendChild(axis);
    DIMS.forEach(([key, name], i) => {
      const s = Number(scores[key]);
      const cy = top + i * rowH + rowH / 2;
      const overall = key === "overall";
      const g = svg("g", { class: "score-row", "data-dim": key, "aria-hidden": "true" });
      if (overall) g.appendChild(svg("rect", { x: 0, y: cy - rowH / 2 + 2, width: W, height: rowH - 4, rx: 6, fill: "#f3f1ea" }));
      g.appendChild(svg("text", { x: 8, y: cy + 4.5, "font-size": overall ? 14.5 : 13.5, "font-weight": overall ? 800 : 600, fill: "#1b1f24" }, name));
      g.appendChild(svg("line", { x1: left, x2: right, y1: cy, y2: cy, stroke: "#d9d5ca", "stroke-width": 6, "stroke-linecap": "round" }));
      if (isFinite(s)) {
        const c = scoreColor(s);
        g.appendChild(svg("line", { x1: left, x2: x(s), y1: cy, y2: cy, stroke: c, "stroke-width": 6, "stroke-linecap": "round", opacity: 0.55 }));
        g.appendChild(svg("circle", { cx: x(s), cy, r: overall ? 12 : 10.5, fill: c, stroke: "#fff", "stroke-width": 2 }));
        g.appendChild(svg("text", { x: x(s), y: cy + 4, "text-anchor": "middle", "font-size": overall ? 11 : 10, "font-weight": 700, fill: "#fff", class: "score-value" }, fmt(s)));
      }
      root.appendChild(g);
    });
    return root;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function fmt(v) { return Number.isFinite(Number(v)) ? Number(v).toFixed(1) : "–"; }

  // ---------- compare view ----------
  const state = { html: { a: null, b: null }, result: null, pinned: null };

  function fillLangSelects() {
    document.querySelectorAll(".lang-select").forEach((s) => {
      s.appendChild(el("option", { value: "" }, s.dataset.any || "Auto-detect"));
      for (const [code, name] of LANGS) s.appendChild(el("option", { value: code }, name + " (" + code + ")"));
    });
  }

  function sideEls(side) {
    return {
      title: $("#title-" + side), text: $("#text-" + side), lang: $("#lang-" + side),
      file: $("#file-" + side), note: $("#note-" + side), box: $("#input-" + side),
    };
  }

  function setSide(side, art, note) {
    const e = sideEls(side);
    e.title.value = art.title || "";
    e.text.value = art.text || "";
    e.lang.value = LANG_NAME[art.lang] ? art.lang : "";
    state.html[side] = art.html || null;
    e.note.textContent = note || "";
  }

  // parseUpload turns a file's content into {title, text, lang?, html?}, or
  // {a, b} when the file is a whole compare request.
  function parseUpload(name, content) {
    const lower = name.toLowerCase();
    const trimmed = content.replace(/^\uFEFF/, "").trim();
    if (lower.endsWith(".json") || /^[\[{]/.test(trimmed)) {
      let v;
      try { v = JSON.parse(trimmed); } catch (e) { throw new Error(name + ": not valid JSON (" + e.message + ")"); }
      if (Array.isArray(v)) v = v[0];
      if (!v || typeof v !== "object") throw new Error(name + ": JSON holds no article object");
      if (v.a && v.b) return { pair: [pickArticle(v.a), pickArticle(v.b)] };
      const a = pickArticle(v);
      if (!a.text && !a.html) throw new Error(name + ": JSON article has no \"text\"");
      return a;
    }
    if (/\.html?$/.test(lower) || /^<(!doctype|html|head|body|article|div|p)\b/i.test(trimmed)) {
      // Read title and text for display only; the server reads the HTML itself.
      const doc = new DOMParser().parseFromString(trimmed, "text/html");
      doc.querySelectorAll("script,style,noscript,template").forEach((n) => n.remove());
      const title = (doc.querySelector("title") || doc.querySelector("h1") || { textContent: "" }).textContent.trim();
      const text = (doc.body ? doc.body.textContent : "").replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
      return { title, text, html: trimmed, lang: (doc.documentElement.getAttribute("lang") || "").slice(0, 2).toLowerCase() };
    }
    // Plain text: first non-empty line is the title, the rest the body.
    const lines = trimmed.split(/\r?\n/);
    const title = (lines.shift() || "").trim();
    return { title, text: lines.join("\n").trim() };
  }
  function pickArticle(v) {
    return {
      title: typeof v.title === "string" ? v.title : "",
      text: typeof v.text === "string" ? v.text : "",
      lang: typeof v.lang === "string" ? v.lang : "",
      html: typeof v.html === "string" ? v.html : null,
    };
  }

  async function loadFile(side, file) {
    showAlert("");
    try {
      const content = await file.text();
      const parsed = parseUpload(file.name, content);
      if (parsed.pair) {
        setSide("a", parsed.pair[0], "Loaded from " + file.name);
        setSide("b", parsed.pair[1], "Loaded from " + file.name);
        return;
      }
      setSide(side, parsed, parsed.html
        ? "HTML file " + file.name + ": the server extracts its text (edit the text to send plain text instead)."
        : "Loaded " + file.name);
    } catch (e) {
      showAlert(e.message);
    }
  }

  function articleFromSide(side) {
    const e = sideEls(side);
    const a = { title: e.title.value.trim(), text: e.text.value.trim() };
    if (e.lang.value) a.lang = e.lang.value;
    if (state.html[side]) { a.html = state.html[side]; delete a.text; }
    return a;
  }

  async function runCompare(ev) {
    if (ev) ev.preventDefault();
    showAlert("");
    const a = articleFromSide("a"), b = articleFromSide("b");
    for (const [side, art] of [["A", a], ["B", b]]) {
      if (!art.text && !art.html) {
        showAlert("Article " + side + " has no text: paste it or upload a file.");
        $("#text-" + side.toLowerCase()).focus();
        return;
      }
    }
    const btn = $("#compare-btn"), status = $("#compare-status");
    btn.disabled = true;
    status.textContent = "Comparing…";
    try {
      const res = await api("POST", "/v1/compare?include=articles", { a, b });
      state.result = res;
      renderResult(res, a, b);
      status.textContent = "";
      $("#compare-form").classList.add("collapsed");
      const sum = $("#collapsed-summary");
      clear(sum);
      sum.append(el("strong", {}, "A "), el("bdi", {}, titleOf(res, "a", a) || "(untitled)"), "  ·  ", el("strong", {}, "B "), el("bdi", {}, titleOf(res, "b", b) || "(untitled)"));
      $("#result").focus({ preventScroll: true });
    } catch (e) {
      status.textContent = "";
      showAlert("Comparison failed: " + e.message);
    } finally {
      btn.disabled = false;
    }
  }
  function titleOf(res, side, input) {
    return (res.articles && res.articles[side] && res.articles[side].title) || input.title || "";
  }

  function renderResult(res, inA, inB) {
    const scores = res.scores || {};
    const ev = res.evidence || {};
    $("#result").hidden = false;
    $("#result").setAttribute("tabindex", "-1");

    // scores
    const box = $("#scores");
    clear(box);
    box.appendChild(drawScores(scores, box.clientWidth));
    const tb = $("#scores-table tbody");
    clear(tb);
    for (const [k, n] of DIMS) tb.appendChild(el("tr", {}, el("th", { scope: "row" }, n), el("td", {}, fmt(scores[k]))));
    const o = Number(scores.overall);
    $("#verdict").textContent = isFinite(o) ? "Overall " + fmt(o) + " — " + verbal(o) : "";

    // entities: shared ones get colours; places too.
    const ents = [];
    const groups = [["People & organisations", ev.entities || []], ["Places", ev.places || []]];
    let colour = 0;
    for (const [, list] of groups) {
      for (const e of list) {
        if (!e || !e.name) continue;
        const variants = Array.from(new Set([e.name].concat(e.variants || [])));
        const roles = Array.isArray(e.roles) ? e.roles.filter((r) => typeof r === "string" && r) : [];
        const item = { id: ents.length, name: e.name, kind: e.kind || "", in: e.in || "both", variants, roles, countA: e.count_a, countB: e.count_b };
        if (item.in === "both") item.color = PALETTE[colour++ % PALETTE.length];
        ents.push(item);
      }
    }
    renderLegend(groups, ents);
    renderFacts(ev);

    // texts
    const arts = res.articles || {};
    const aligned = Array.isArray(ev.aligned) ? ev.aligned : [];
    for (const side of ["a", "b"]) {
      const input = side === "a" ? inA : inB;
      const view = arts[side] || { title: input.title, text: input.text || "", lang: input.lang, sentences: null };
      const only = ev["only_" + side];
      renderText(side, view, ents, aligned, only);
    }
  }

  function renderLegend(groups, ents) {
    const lg = $("#entity-legend");
    clear(lg);
    let i = 0;
    let any = false;
    for (const [gname, list] of groups) {
      const items = ents.slice(i, i + list.filter((e) => e && e.name).length);
      i += items.length;
      if (!items.length) continue;
      any = true;
      lg.appendChild(el("p", { class: "legend-group" }, gname));
      // shared first, then one-sided
      items.sort((x, y) => (x.in === "both" ? 0 : 1) - (y.in === "both" ? 0 : 1));
      for (const e of items) {
        // A role (the title written before the name) follows the name: "Adam Schiff — Congressman".
        const label = e.roles.length
          ? el("span", { class: "bdi", dir: "auto" }, e.name, el("span", { class: "chip-role" }, " — " + e.roles.join(", ")))
          : el("span", { class: "bdi", dir: "auto" }, e.name);
        if (e.in === "both") {
          const chip = el("button", {
            type: "button", class: "chip", "data-ent": e.id, "aria-pressed": "false",
            title: "Named on both sides" + counts(e) + (e.variants.length > 1 ? " as " + e.variants.join(" / ") : "") + ". Select to show only this name.",
          }, label);
          chip.style.background = e.color;
          chip.addEventListener("click", () => focusEntity(chip, e.id));
          lg.appendChild(chip);
        } else {
          lg.appendChild(el("span", { class: "chip chip-one", "data-ent": e.id, title: "Named only in article " + e.in.toUpperCase() },
            label, el("span", { class: "chip-side" }, "only " + e.in.toUpperCase())));
        }
      }
    }
    if (!any) lg.appendChild(el("p", { class: "hint" }, "No names found in either article."));
  }

  function counts(e) {
    return Number.isInteger(e.countA) && Number.isInteger(e.countB) ? " (" + e.countA + "× in A, " + e.countB + "× in B)" : "";
  }

  function focusEntity(chip, id) {
    const on = chip.getAttribute("aria-pressed") !== "true";
    document.querySelectorAll("#entity-legend .chip[aria-pressed]").forEach((c) => c.setAttribute("aria-pressed", "false"));
    document.querySelectorAll("mark.ent.focused").forEach((m) => m.classList.remove("focused"));
    const texts = $(".texts");
    if (on) {
      chip.setAttribute("aria-pressed", "true");
      texts.classList.add("focus-ent");
      document.querySelectorAll('mark.ent[data-ent="' + id + '"]').forEach((m) => m.classList.add("focused"));
    } else {
      texts.classList.remove("focus-ent");
    }
  }

  function renderFacts(ev) {
    const dl = $("#facts");
    clear(dl);
    const d = ev.dates || {};
    const add = (label, list, cls) => {
      if (!list || !list.length) return;
      dl.appendChild(el("dt", {}, label));
      dl.appendChild(el("dd", {}, list.map((s) => el("span", { class: "pill " + (cls || ""), dir: "auto" }, String(s)))));
    };
    // Each side's dates are as written; shared ones are canonical keys.
    add("Shared dates", (d.shared || []).map(dateKey));
    add("Dates in A", d.a, "pill-a");
    add("Dates in B", d.b, "pill-b");
    const f = ev.framing || {};
    add("Framing only in A", f.a, "pill-a");
    add("Framing only in B", f.b, "pill-b");
    add("Notes", state.result && state.result.notes);
    const al = (ev.aligned || []).length;
    const oa = (ev.only_a || []).length, ob = (ev.only_b || []).length;
    dl.appendChild(el("dt", {}, "Sentences"));
    dl.appendChild(el("dd", {}, al + " aligned pair" + (al === 1 ? "" : "s") + " · " + oa + " only in A · " + ob + " only in B"));
  }
  // dateKey turns a canonical date key (dates.Date.Key: "2021-06-03",
  // "2021-06", "06-03", "month:06", "2021", "weekday:thursday", "rel:-1")
  // into words; an unknown form is shown as it is.
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  function dateKey(k) {
    let m;
    k = String(k);
    if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(k))) return +m[3] + " " + MONTHS[+m[2] - 1] + " " + m[1];
    if ((m = /^(\d{4})-(\d{2})$/.exec(k))) return MONTHS[+m[2] - 1] + " " + m[1];
    if ((m = /^(\d{2})-(\d{2})$/.exec(k))) return +m[2] + " " + MONTHS[+m[1] - 1];
    if ((m = /^month:(\d{2})$/.exec(k))) return MONTHS[+m[1] - 1];
    if ((m = /^weekday:(\w+)$/.exec(k))) return m[1][0].toUpperCase() + m[1].slice(1);
    if ((m = /^rel:(-?\d+)$/.exec(k))) {
      const n = +m[1];
      return n === 0 ? "the same day" : n === -1 ? "the day before" : n === 1 ? "the day after" : Math.abs(n) + (n < 0 ? " days before" : " days after");
    }
    return k;
  }

  const normWS = (s) => String(s).replace(/\s+/g, " ").trim();

  function renderText(side, view, ents, aligned, only) {
    const other = side === "a" ? "b" : "a";
    const head = $("#head-" + side), meta = $("#meta-" + side), body = $("#body-" + side);
    const dir = view.dir === "rtl" || dirFor(view.lang) === "rtl" ? "rtl" : "auto";
    head.textContent = "";
    head.setAttribute("dir", dir);
    head.closest(".text-head").setAttribute("dir", dir === "rtl" ? "rtl" : "ltr");
    body.setAttribute("dir", dir);
    if (view.lang) body.setAttribute("lang", view.lang); else body.removeAttribute("lang");
    if (view.lang) head.setAttribute("lang", view.lang); else head.removeAttribute("lang");
    const text = view.text || "";
    const words = (text.match(/[\p{L}\p{N}]+/gu) || []).length;
    meta.textContent = [view.lang ? (LANG_NAME[view.lang] || view.lang) : "", words + " words"].filter(Boolean).join(" · ");
    clear(body);

    // Mentions: shared entities in colour, one-sided ones underlined.
    const terms = ents.filter((e) => e.in === "both" || e.in === side).map((e) => ({ id: e.id, variants: e.variants }));
    const spans = findMatches(text, terms);
    const byId = Object.fromEntries(ents.map((e) => [e.id, e]));

    markNames(head, view.title || "(untitled)", findMatches(view.title || "", terms), byId, side);

    // Sentences, partners and one-sided facts.
    const sents = Array.isArray(view.sentences) && view.sentences.length ? view.sentences : [{ start: 0, end: text.length, whole: true }];
    const partners = new Map();
    for (const p of aligned) {
      const mine = p[side], theirs = p[other];
      if (!Number.isInteger(mine) || !Number.isInteger(theirs)) continue;
      if (!partners.has(mine)) partners.set(mine, []);
      partners.get(mine).push({ idx: theirs, sim: p.similarity, terms: Array.isArray(p.pivot_terms) ? p.pivot_terms : [] });
    }
    const onlySet = new Set();
    if (!sents[0].whole) {
      if (Array.isArray(only)) {
        // Facts are {sentence, text}; sentence indexes this side's sentences.
        // A plain string (older servers) is matched by its text.
        for (const f of only) if (f && Number.isInteger(f.sentence)) onlySet.add(f.sentence);
        const wanted = only.filter((f) => typeof f === "string").map(normWS).filter(Boolean);
        if (wanted.length) sents.forEach((s, i) => {
          const st = normWS(text.slice(s.start, s.end));
          if (st && wanted.some((w) => w === st || (w.length > 20 && st.includes(w)) || (st.length > 20 && w.includes(st)))) onlySet.add(i);
        });
      } else if (aligned.length) {
        sents.forEach((s, i) => { if (!partners.has(i)) onlySet.add(i); });
      }
    }

    let pos = 0, si = 0;
    const append = (parent, from, to) => markNames(parent, text, spans, byId, side, from, to);
    for (const s of sents) {
      const start = Math.max(pos, Math.min(text.length, s.start | 0));
      const end = Math.max(start, Math.min(text.length, s.end | 0));
      if (start > pos) append(body, pos, start);
      if (s.whole) { append(body, start, end); pos = end; break; }
      const span = el("span", { class: "sent", id: "s-" + side + "-" + si, "data-side": side, "data-i": si });
      const ps = partners.get(si);
      if (ps) {
        span.classList.add("aligned");
        span.setAttribute("tabindex", "0");
        span.setAttribute("role", "button");
        span.setAttribute("aria-pressed", "false");
        span.dataset.partners = ps.map((p) => p.idx).join(",");
        span.title = "Says the same as sentence " + ps.map((p) => p.idx + 1).join(", ") + " of " + other.toUpperCase() +
          " (similarity " + ps.map((p) => Number(p.sim).toFixed(2)).join(", ") + ")" +
          // Across languages: the English (pivot) terms both sentences have; names as cross-script keys (x:…).
          (ps.some((p) => p.terms.length) ? "; terms in common, in English: " + Array.from(new Set(ps.flatMap((p) => p.terms))).join(", ") : "");
      } else if (onlySet.has(si)) {
        span.classList.add("only");
        span.dataset.only = "only " + side.toUpperCase(); // shown by CSS, kept out of copied text
        span.title = "Only article " + side.toUpperCase() + " reports this";
      }
      append(span, start, end);
      body.appendChild(span);
      pos = end;
      si++;
    }
    if (pos < text.length) append(body, pos, text.length);
  }

  // markNames appends text[from, to) to parent as text nodes, with each
  // span of spans (from findMatches) wrapped: a shared name in a <mark> of
  // its colour, a one-sided name in an underlined <span>.
  function markNames(parent, text, spans, byId, side, from, to) {
    from = from || 0;
    to = to === undefined ? text.length : to;
    let p = from;
    for (const sp of spans) {
      if (sp.end <= from || sp.start >= to) continue;
      const s = Math.max(sp.start, from, p), e = Math.min(sp.end, to);
      if (e <= s) continue;
      if (s > p) parent.appendChild(document.createTextNode(text.slice(p, s)));
      const ent = byId[sp.id];
      let m;
      if (ent.in === "both") {
        m = el("mark", { class: "ent", "data-ent": sp.id, title: ent.name });
        m.style.backgroundColor = ent.color;
      } else {
        m = el("span", { class: "ent-one", "data-ent": sp.id, title: ent.name + " — only in " + side.toUpperCase() });
      }
      m.textContent = text.slice(s, e);
      parent.appendChild(m);
      p = e;
    }
    if (p < to) parent.appendChild(document.createTextNode(text.slice(p, to)));
  }

  // Linking of aligned sentences: hover or focus shows the partner; click
  // or Enter pins the pair and scrolls the partner into view.
  function partnersOf(span) {
    if (!span || !span.dataset.partners) return [];
    const other = span.dataset.side === "a" ? "b" : "a";
    return span.dataset.partners.split(",").map((i) => document.getElementById("s-" + other + "-" + i)).filter(Boolean);
  }
  function setLinked(span, on) {
    span.classList.toggle("linked", on);
    for (const p of partnersOf(span)) p.classList.toggle("linked", on);
  }
  function pin(span) {
    document.querySelectorAll(".sent.pinned").forEach((s) => { s.classList.remove("pinned"); s.setAttribute("aria-pressed", "false"); });
    if (state.pinned === span) { state.pinned = null; return; }
    state.pinned = span;
    span.classList.add("pinned");
    span.setAttribute("aria-pressed", "true");
    const ps = partnersOf(span);
    ps.forEach((p) => p.classList.add("pinned"));
    if (ps[0]) {
      const r = ps[0].getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) ps[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }
  function wireTexts() {
    const texts = $(".texts");
    const find = (t) => (t && t.closest ? t.closest(".sent.aligned") : null);
    texts.addEventListener("mouseover", (e) => { const s = find(e.target); if (s) setLinked(s, true); });
    texts.addEventListener("mouseout", (e) => { const s = find(e.target); if (s) setLinked(s, false); });
    texts.addEventListener("focusin", (e) => { const s = find(e.target); if (s) setLinked(s, true); });
    texts.addEventListener("focusout", (e) => { const s = find(e.target); if (s) setLinked(s, false); });
    texts.addEventListener("click", (e) => { const s = find(e.target); if (s) pin(s); });
    texts.addEventListener("keydown", (e) => {
      const s = find(e.target);
      if (s && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); pin(s); }
    });
  }

  // Redraw the chart when its box changes width (phone rotation, window resize).
  let lastWidth = 0;
  function redrawScores() {
    const box = $("#scores");
    if (!state.result || !box.clientWidth || Math.abs(box.clientWidth - lastWidth) < 24) return;
    lastWidth = box.clientWidth;
    clear(box);
    box.appendChild(drawScores(state.result.scores || {}, box.clientWidth));
  }

  function wireCompare() {
    window.addEventListener("resize", redrawScores);
    $("#compare-form").addEventListener("submit", runCompare);
    for (const side of ["a", "b"]) {
      const e = sideEls(side);
      e.file.addEventListener("change", () => { if (e.file.files[0]) loadFile(side, e.file.files[0]); });
      e.text.addEventListener("input", () => {
        if (state.html[side]) { state.html[side] = null; e.note.textContent = "Sending the edited text as plain text."; }
      });
      e.box.addEventListener("dragover", (ev) => { ev.preventDefault(); e.box.classList.add("dragover"); });
      e.box.addEventListener("dragleave", () => e.box.classList.remove("dragover"));
      e.box.addEventListener("drop", (ev) => {
        ev.preventDefault();
        e.box.classList.remove("dragover");
        const f = ev.dataTransfer && ev.dataTransfer.files[0];
        if (f) loadFile(side, f);
      });
    }
    $("#edit-articles").addEventListener("click", () => {
      $("#compare-form").classList.remove("collapsed");
      $("#title-a").focus();
    });
    $("#swap-btn").addEventListener("click", () => {
      const a = { ...articleFromSide("a"), text: sideEls("a").text.value }, b = { ...articleFromSide("b"), text: sideEls("b").text.value };
      const ha = state.html.a, hb = state.html.b;
      setSide("a", { ...b, html: hb }); setSide("b", { ...a, html: ha });
    });
    $("#clear-btn").addEventListener("click", () => {
      setSide("a", {}); setSide("b", {});
      $("#file-a").value = ""; $("#file-b").value = "";
      $("#result").hidden = true;
    });
    wireTexts();
  }

  // ---------- sparkline ----------
  function sparkline(timeline, opts) {
    const o = opts || {};
    const W = o.width || 170, H = o.height || 40, pad = 3;
    const pts = (timeline || []).map((d) => Number(d.count) || 0);
    const root = svg("svg", { class: "spark", viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "xMaxYMax meet", role: "img" });
    const total = pts.reduce((s, v) => s + v, 0);
    const first = timeline && timeline[0] ? timeline[0].day : "", last = timeline && timeline.length ? timeline[timeline.length - 1].day : "";
    root.setAttribute("aria-label", total + " articles" + (first ? " from " + first + " to " + last : "") + (pts.length ? ", per day: " + pts.join(", ") : ""));
    if (!pts.length) return root;
    const max = Math.max(1, ...pts);
    if (pts.length <= 45) {
      // One bar per day: counts stay readable for short stories.
      const slot = (W - 2 * pad) / Math.max(pts.length, 7);
      const bw = Math.max(2, Math.min(14, slot * 0.72));
      const x0 = W - pad - slot * pts.length; // right-aligned: today at the end
      root.appendChild(svg("line", { x1: pad, x2: W - pad, y1: H - pad + 0.5, y2: H - pad + 0.5, stroke: "#c9cfdb", "stroke-width": 1 }));
      pts.forEach((v, i) => {
        const h = v ? Math.max(2, (H - 2 * pad) * (v / max)) : 0;
        const r = svg("rect", { x: (x0 + i * slot + (slot - bw) / 2).toFixed(1), y: (H - pad - h).toFixed(1), width: bw.toFixed(1), height: h.toFixed(1), fill: i === pts.length - 1 ? "#17365d" : "#4f7cc4", rx: 1.5 });
        r.appendChild(svg("title", {}, (timeline[i].day || "") + ": " + v));
        root.appendChild(r);
      });
      return root;
    }
    const step = (W - 2 * pad) / (pts.length - 1);
    const xy = pts.map((v, i) => [pad + i * step, H - pad - (H - 2 * pad) * (v / max)]);
    const line = xy.map((p, i) => (i ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1)).join(" ");
    root.appendChild(svg("path", { d: line + " L" + (W - pad) + " " + (H - pad) + " L" + pad + " " + (H - pad) + " Z", fill: "#dbe6fb" }));
    root.appendChild(svg("path", { d: line, fill: "none", stroke: "#2456a4", "stroke-width": 2, "vector-effect": "non-scaling-stroke", "stroke-linejoin": "round" }));
    const lastPt = xy[xy.length - 1];
    root.appendChild(svg("circle", { cx: lastPt[0], cy: lastPt[1], r: 2.5, fill: "#17365d" }));
    return root;
  }

  // ---------- dates ----------
  function parseDate(s) { const d = s ? new Date(s) : null; return d && !isNaN(d) ? d : null; }
  const dfDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const dfTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  function dayLabel(s) { const d = parseDate(s); return d ? dfDay.format(d) : ""; }
  function range(a, b) {
    const x = dayLabel(a), y = dayLabel(b);
    if (!x) return y;
    if (!y || x === y) return x;
    return x + " – " + y;
  }

  // ---------- stories view ----------
  // The periods of the Period menu, shortest first ("" = all time).
  const PERIODS = ["24h", "7d", "30d", ""];
  // periodPicked is set once the reader chooses a period; until then the
  // view opens on the shortest period that has stories, so an archive of
  // old articles opens on all time instead of an empty last 24 hours.
  let periodPicked = false;
  let storiesSeq = 0; // the latest loadStories call; older answers are dropped

  function periodLabel(v) {
    const o = Array.from($("#since").options).find((x) => x.value === v);
    return o ? o.textContent.toLowerCase() : v;
  }

  // firstPeriodWithStories asks for one story of each period with the
  // other filters of params and returns the shortest period that has one,
  // or "" (all time).
  async function firstPeriodWithStories(params) {
    const found = await Promise.all(PERIODS.slice(0, -1).map(async (p) => {
      const q = new URLSearchParams(params);
      q.set("since", p);
      q.set("limit", "1");
      const d = await api("GET", "/v1/stories?" + q.toString());
      return !!(d && d.stories && d.stories.length);
    }));
    const i = found.indexOf(true);
    return i < 0 ? "" : PERIODS[i];
  }

  async function loadStories() {
    const seq = ++storiesSeq;
    const list = $("#stories-list"), status = $("#stories-status");
    const params = new URLSearchParams();
    const q = $("#q").value.trim(), lang = $("#s-lang").value;
    if (q) params.set("q", q);
    if (lang) params.set("lang", lang);
    status.textContent = "Loading stories…";
    clear(list);
    showAlert("");
    let data, since, empty = null; // empty: the shorter periods found empty
    try {
      if (!periodPicked) {
        since = await firstPeriodWithStories(params);
        if (seq !== storiesSeq) return;
        $("#since").value = since;
        const i = PERIODS.indexOf(since);
        if (i > 0) empty = PERIODS[i - 1];
      } else {
        since = $("#since").value;
      }
      if (since) params.set("since", since);
      params.set("limit", "50");
      data = await api("GET", "/v1/stories?" + params.toString());
    } catch (e) {
      if (seq !== storiesSeq) return;
      status.textContent = "";
      if (e.code === "no_store") {
        list.appendChild(el("li", { class: "empty" }, "This server was started without a store, so there are no stories. Start it with --store PATH and ingest articles."));
      } else {
        showAlert("Could not load stories: " + e.message);
      }
      return;
    }
    if (seq !== storiesSeq) return;
    const stories = (data && data.stories) || [];
    const periodName = periodLabel(since);
    // Say which period is shown, and why when it was chosen for the reader.
    const count = stories.length >= 50 ? "The 50 biggest stories" : stories.length + " stor" + (stories.length === 1 ? "y" : "ies");
    status.textContent = count + " · " + periodName + (empty !== null ? " (none in the " + periodLabel(empty) + ")" : "");
    if (!stories.length) {
      const li = el("li", { class: "empty" }, "No stories match" + (since ? " in the " + periodName : "") + ". ");
      if (since) {
        const b = el("button", { type: "button", class: "btn btn-quiet" }, "Show all time");
        b.addEventListener("click", () => { $("#since").value = ""; periodPicked = true; loadStories(); });
        li.appendChild(b);
      }
      list.appendChild(li);
      return;
    }
    for (const s of stories) list.appendChild(storyItem(s));
  }

  // names shows a story's main names, each isolated in its own direction.
  function names(list) {
    if (!Array.isArray(list) || !list.length) return null;
    const p = el("p", { class: "story-names" }, el("span", { class: "sr-only" }, "Main names: "));
    list.forEach((n, i) => {
      if (i) p.appendChild(document.createTextNode(" · "));
      p.appendChild(el("bdi", {}, String(n)));
    });
    return p;
  }

  function storyItem(s) {
    const href = "/stories/" + encodeURIComponent(s.id);
    const sources = s.sources || [];
    const langs = s.langs || [];
    const shown = sources.slice(0, 4).join(", ") + (sources.length > 4 ? " +" + (sources.length - 4) + " more" : "");
    return el("li", { class: "story", "data-story": s.id },
      el("div", {},
        el("h2", { class: "story-title", dir: "auto" }, el("a", { href, "data-route": true }, s.title || "(untitled story)")),
        el("p", { class: "story-stats" },
          el("span", {}, el("span", { class: "size" }, String(s.size || 0)), " article" + (s.size === 1 ? "" : "s")),
          langs.length ? el("span", { "aria-label": "Languages: " + langs.map((l) => LANG_NAME[l] || l).join(", ") }, langs.map((l) => el("span", { class: "badge", title: LANG_NAME[l] || l }, l))) : null,
          sources.length ? el("span", { class: "outlets", title: sources.join(", ") }, plural(sources.length, "outlet") + ": " + shown) : null,
          el("span", {}, range(s.first, s.last))),
        names(s.entities)),
      el("div", { class: "spark-wrap" }, sparkline(s.timeline), el("div", { class: "spark-caption", "aria-hidden": "true" }, "articles per day")));
  }

  // ---------- story page ----------
  const selected = new Set();
  async function loadStory(id) {
    const status = $("#story-status"), tl = $("#timeline");
    clear(tl); clear($("#story-spark"));
    $("#story-h").textContent = "";
    $("#story-meta").textContent = "";
    selected.clear();
    updateStoryCompare();
    status.textContent = "Loading story…";
    showAlert("");
    let data;
    try {
      data = await api("GET", "/v1/stories/" + encodeURIComponent(id));
    } catch (e) {
      status.textContent = "";
      showAlert(e.status === 404 ? "There is no story " + id + "." : "Could not load the story: " + e.message);
      return;
    }
    status.textContent = "";
    const s = data.story || {};
    const arts = data.articles || [];
    $("#story-h").textContent = s.title || "(untitled story)";
    document.title = (s.title || "Story") + " — newsim";
    const langs = (s.langs || []).map((l) => LANG_NAME[l] || l);
    $("#story-meta").textContent = [
      plural(s.size || arts.length, "article"), langs.length ? langs.join(", ") : "",
      (s.sources || []).length ? (plural(s.sources.length, "outlet") + ": " + s.sources.join(", ")) : "", range(s.first, s.last),
    ].filter(Boolean).join(" · ");
    const oldNames = $("#view-story .story-names");
    if (oldNames) oldNames.remove();
    const nm = names(s.entities);
    if (nm) $("#story-meta").after(nm);
    $("#story-spark").append(sparkline(s.timeline, { width: 420, height: 56 }),
      el("p", { class: "spark-caption" }, "Articles per day" + (s.first ? ", " + range(s.first, s.last) : "")));
    let day = "";
    for (const a of arts) {
      const d = parseDate(a.date);
      const dl = d ? dfDay.format(d) : "Undated";
      if (dl !== day) {
        day = dl;
        tl.appendChild(el("li", { class: "tl-day", role: "presentation" }, dl));
      }
      tl.appendChild(timelineItem(a, d));
    }
    if (!arts.length) tl.appendChild(el("li", { class: "empty" }, "This story has no articles."));
  }

  function timelineItem(a, d) {
    const cb = el("input", { type: "checkbox", id: "pick-" + a.id, "aria-label": "Select for comparison: " + (a.title || a.id) });
    cb.addEventListener("change", () => {
      if (cb.checked) selected.add(a.id); else selected.delete(a.id);
      updateStoryCompare();
    });
    const dir = dirFor(a.lang);
    const det = el("details", {}, el("summary", {}, "Read article"));
    const txt = el("div", { class: "tl-text", dir, lang: a.lang || null });
    det.appendChild(txt);
    det.addEventListener("toggle", async () => {
      if (!det.open || txt.dataset.loaded) return;
      txt.textContent = "Loading…";
      try {
        const full = await api("GET", "/v1/articles/" + encodeURIComponent(a.id));
        txt.textContent = full.text || "";
        txt.dataset.loaded = "1";
      } catch (e) {
        txt.textContent = "Could not load the article: " + e.message;
      }
    });
    return el("li", { class: "tl-item", "data-article": a.id },
      cb,
      el("div", {},
        el("div", { class: "tl-meta" },
          d ? el("time", { datetime: a.date }, dfTime.format(d) + " UTC") : null,
          a.source ? el("span", {}, a.source) : null,
          a.lang ? el("span", { class: "badge", title: LANG_NAME[a.lang] || a.lang }, a.lang) : null),
        el("label", { for: "pick-" + a.id, class: "tl-title", dir, lang: a.lang || null }, a.title || "(untitled)")),
      det);
  }

  function updateStoryCompare() {
    const b = $("#story-compare");
    b.disabled = selected.size !== 2;
    b.textContent = selected.size > 2 ? "Select only two" : "Compare selected" + (selected.size ? " (" + selected.size + "/2)" : "");
  }

  async function compareSelected() {
    const ids = Array.from(selected).slice(0, 2);
    try {
      const [a, b] = await Promise.all(ids.map((id) => api("GET", "/v1/articles/" + encodeURIComponent(id))));
      setSide("a", a, "From the story timeline");
      setSide("b", b, "From the story timeline");
      navigate("/");
      runCompare();
    } catch (e) {
      showAlert("Could not load the articles: " + e.message);
    }
  }

  // ---------- routing ----------
  function route() {
    const path = location.pathname;
    const views = { compare: $("#view-compare"), stories: $("#view-stories"), story: $("#view-story") };
    let v = "compare";
    let m;
    if (path === "/stories" || path === "/stories/") v = "stories";
    else if ((m = /^\/stories\/([^/]+)$/.exec(path))) v = "story";
    for (const [k, n] of Object.entries(views)) n.hidden = k !== v;
    document.querySelectorAll("[data-nav]").forEach((a) => {
      const cur = a.dataset.nav === v || (v === "story" && a.dataset.nav === "stories");
      if (cur) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    showAlert("");
    if (v === "stories") { document.title = "Stories — newsim"; loadStories(); }
    else if (v === "story") loadStory(decodeURIComponent(m[1]));
    else document.title = "newsim — compare news articles";
  }
  function navigate(path) {
    if (location.pathname !== path) history.pushState(null, "", path);
    route();
    window.scrollTo(0, 0);
  }

  function init() {
    fillLangSelects();
    wireCompare();
    $("#stories-form").addEventListener("submit", (e) => { e.preventDefault(); periodPicked = true; loadStories(); });
    $("#since").addEventListener("change", () => { periodPicked = true; });
    $("#story-compare").addEventListener("click", compareSelected);
    document.addEventListener("click", (e) => {
      const a = e.target.closest && e.target.closest("a[data-route]");
      if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin) return;
      e.preventDefault();
      navigate(url.pathname);
      $("#main").focus({ preventScroll: true });
    });
    window.addEventListener("popstate", route);
    route();
    document.documentElement.dataset.ready = "1";
  }

  // Exported for the end-to-end test and for the curious.
  window.newsim = { findMatches, fold, parseUpload, scoreColor, verbal, dateKey };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
