// The editor's page: send the article to POST /v1/attributions on this service, then show the
// article with every statement highlighted in place, a card per statement, a panel of speakers
// and a line of totals. Article text only ever reaches the page through textContent and text
// nodes; nothing here builds HTML from strings.
"use strict";

(function () {
  const PALETTE_SIZE = 7;       // colours sp-0 .. sp-6 in app.css
  const LINE_STYLES = 4;        // underline styles ln-0 .. ln-3 (7 and 4 share no factor)
  const UNATTRIBUTED = "none";  // filter key of the statements with no speaker
  const TYPES = ["direct", "indirect", "mixed", "partial"];
  const LABELS = ["support", "oppose", "neutral"];

  const $ = (id) => document.getElementById(id);
  const form = $("form");
  const textarea = $("text");
  const fileInput = $("file");
  const languageSelect = $("language");
  const runButton = $("run");
  const statusLine = $("status");
  const notice = $("notice");
  const layout = document.querySelector(".layout");
  const aside = $("speakers");
  const errorBox = $("error");
  const results = $("results");
  const totals = $("totals");
  const article = $("article");
  const speakerList = $("speaker-list");
  const card = $("card");

  let state = null;      // {text, body, quotes: Map id -> view, groups: Map key -> group}
  let shown = null;      // id of the quote whose card is shown
  let hideTimer = 0;

  // ---- small DOM helpers ---------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }

  // ---- offsets: the API counts code points, JavaScript strings count UTF-16 units --------

  function codePointOffsets(text) {
    const offsets = new Uint32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      offsets[cp++] = i;
      const c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) i++;
      }
    }
    offsets[cp] = text.length;
    return offsets.subarray(0, cp + 1);
  }

  // ---- errors and status ---------------------------------------------------------------

  function clearError() {
    errorBox.hidden = true;
    $("error-title").textContent = "";
    $("error-detail").textContent = "";
    $("error-fields").replaceChildren();
    $("error-fields").hidden = true;
  }

  function showError(title, detail, fieldErrors) {
    hideCard();
    results.hidden = true;
    $("error-title").textContent = title;
    $("error-detail").textContent = detail || "";
    const list = $("error-fields");
    list.replaceChildren();
    for (const line of flattenErrors(fieldErrors, "")) list.append(el("li", {}, line));
    list.hidden = list.children.length === 0;
    errorBox.hidden = false;
  }

  function flattenErrors(errors, prefix) {
    if (errors === null || errors === undefined) return [];
    if (Array.isArray(errors)) {
      if (errors.every((e) => typeof e === "string")) return [(prefix || "request") + ": " + errors.join(" ")];
      return errors.flatMap((e, i) => flattenErrors(e, prefix + "[" + i + "]"));
    }
    if (typeof errors === "object") {
      return Object.entries(errors).flatMap(([key, value]) =>
        flattenErrors(value, prefix ? (/^\d+$/.test(key) ? prefix + "[" + key + "]" : prefix + "." + key) : key));
    }
    return [(prefix || "request") + ": " + String(errors)];
  }

  // ---- input: paste, drop or open a .txt file ------------------------------------------

  function isText(file) {
    return /\.txt$/i.test(file.name) || file.type === "text/plain";
  }

  function showNotice(message) {
    notice.textContent = message || "";
    notice.hidden = !message;
  }

  // A .txt file's bytes as text, and a note when they were not UTF-8. Files saved by older
  // Windows or Mac editors are often Windows-1252 (Western European, a superset of Latin-1),
  // and a UTF-8 reading would turn every accented letter and curly quote into "�".
  function decodeText(bytes, name) {
    const starts = (...marks) => marks.every((b, i) => bytes[i] === b);
    if (starts(0xEF, 0xBB, 0xBF)) return {text: new TextDecoder("utf-8").decode(bytes), note: ""};
    for (const [marks, label] of [[[0xFF, 0xFE], "utf-16le"], [[0xFE, 0xFF], "utf-16be"]]) {
      if (starts(...marks)) {
        return {text: new TextDecoder(label).decode(bytes),
                note: "“" + name + "” is UTF-16 text; it was read as such. Check that it looks right before analysing."};
      }
    }
    try {
      return {text: new TextDecoder("utf-8", {fatal: true}).decode(bytes), note: ""};
    } catch (error) {
      return {text: new TextDecoder("windows-1252").decode(bytes),
              note: "“" + name + "” is not UTF-8, so it was read as Windows-1252 (Western European, which includes Latin-1). " +
                    "Check accented letters and quotation marks before analysing; if they look wrong, save the file as UTF-8 and open it again."};
    }
  }

  async function loadFile(file) {
    if (!file) return;
    if (!isText(file)) {
      showError("Not a text file", "“" + file.name + "” is not a .txt file; open or drop a plain-text (.txt) file.");
      return;
    }
    let decoded;
    try {
      decoded = decodeText(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (error) {
      showError("The file could not be read", String((error && error.message) || error));
      return;
    }
    if (decoded.text.includes("\u0000")) {
      showError("Not a text file", "“" + file.name + "” holds binary data (a PDF or Word file renamed .txt?); save the article as plain text and open that.");
      return;
    }
    textarea.value = decoded.text;
    form.classList.remove("compact");
    clearError();
    showNotice(decoded.note);
    statusLine.textContent = "Loaded " + file.name + " (" + plural(textarea.value.length, "character") + "). Press “Find who said what”.";
  }

  fileInput.addEventListener("change", () => loadFile(fileInput.files[0]));
  // The box is shrunk after an analysis (see render); it grows back when the editor returns.
  textarea.addEventListener("focus", () => form.classList.remove("compact"));
  textarea.addEventListener("dragover", (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types || []).includes("Files")) {
      event.preventDefault();
      textarea.classList.add("dragging");
    }
  });
  textarea.addEventListener("dragleave", () => textarea.classList.remove("dragging"));
  textarea.addEventListener("drop", (event) => {
    textarea.classList.remove("dragging");
    const files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length) {
      event.preventDefault();
      loadFile(files[0]);
    }
  });
  // A file dropped beside the box must not make the browser leave the page.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());

  // ---- the languages: GET /v1/languages, each by its own name ------------------------------
  // The page starts with English, the service's default, so that it works before (or without)
  // this answer; the list then holds every language the service has.

  async function loadLanguages() {
    let body = null;
    try {
      const response = await fetch("v1/languages", {
        headers: {"Accept": "application/json"}, cache: "no-store", credentials: "same-origin"});
      if (response.ok) body = await response.json();
    } catch (error) {
      return;  // the page keeps its English; an analysis still works
    }
    const languages = body && Array.isArray(body.languages)
      ? body.languages.filter((l) => l && typeof l.code === "string" && l.code) : [];
    if (!languages.length) return;
    const chosen = languageSelect.value;
    const fallback = (languages.find((l) => l.default) || languages[0]).code;
    languageSelect.replaceChildren(...languages.map((l) =>
      el("option", {value: l.code, lang: l.code},
         typeof l.native === "string" && l.native ? l.native : l.code)));
    languageSelect.value = languages.some((l) => l.code === chosen) ? chosen : fallback;
    textarea.lang = languageSelect.value;
  }

  languageSelect.addEventListener("change", () => { textarea.lang = languageSelect.value; });
  loadLanguages();

  // ---- the request ----------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  async function run() {
    const text = textarea.value;
    clearError();
    if (!text.trim()) {
      showError("Nothing to analyse", "Paste an article into the box, or open a .txt file, first.");
      return;
    }
    runButton.disabled = true;
    statusLine.textContent = "Analysing " + plural(text.length, "character") + "…";
    let response;
    let body = null;
    try {
      response = await fetch("v1/attributions", {
        method: "POST",
        headers: {"Content-Type": "application/json", "Accept": "application/json"},
        body: JSON.stringify({text: text, language: languageSelect.value}),
        cache: "no-store",
        credentials: "same-origin",
      });
      const type = response.headers.get("Content-Type") || "";
      if (type.includes("json")) {
        try { body = await response.json(); } catch (error) { body = null; }
      }
    } catch (error) {
      statusLine.textContent = "";
      showError("The service could not be reached", String((error && error.message) || error));
      return;
    } finally {
      runButton.disabled = false;
    }
    if (!response.ok) {
      statusLine.textContent = "";
      if (response.status === 413) {
        const words = tooLong(body, text);
        showError(words.title, words.detail);
      } else if (body && typeof body.title === "string") {
        showError(body.title + " (" + response.status + ")", typeof body.detail === "string" ? body.detail : "", body.errors);
      } else {
        showError("The service answered " + response.status + (response.statusText ? " " + response.statusText : ""),
                  "The answer carried no problem details (application/problem+json).");
      }
      return;
    }
    if (!body || !Array.isArray(body.quotes) || !Array.isArray(body.speakers) || !body.meta) {
      statusLine.textContent = "";
      showError("Unexpected answer", "The service answered 200 but not with an attribution result.");
      return;
    }
    render(text, body);
    statusLine.textContent = "Done: " + plural(body.quotes.length, "statement") + " found.";
  }

  // A 413 in an editor's words: how long the article is, how much the service takes, and what
  // to do. The service's detail names its setting ("... the limit is MAX_TEXT_CHARS=500000
  // characters ..."), which is for its operator; only the number is taken from it.
  function tooLong(body, text) {
    const characters = codePointOffsets(text).length - 1;
    const split = "Split the article into parts and analyse them one at a time.";
    const match = body && typeof body.detail === "string" && /MAX_[A-Z_]+=(\d+) (characters|bytes)/.exec(body.detail);
    const number = (n) => Number(n).toLocaleString("en-GB");
    if (match && match[2] === "characters") {
      return {title: "This article is too long",
              detail: "It has " + number(characters) + " characters, and this service analyses at most " +
                      number(match[1]) + " at a time. " + split};
    }
    if (match) {
      const bytes = Number(match[1]);
      const size = bytes >= 1048576 ? number(Math.floor(bytes / 1048576 * 10) / 10) + " MB"
                 : bytes >= 1024 ? number(Math.floor(bytes / 1024 * 10) / 10) + " KB" : number(bytes) + " bytes";
      return {title: "This article is too long",
              detail: "It is more than this service accepts at a time (" + size + " of text; accented letters and other scripts take more room than plain English). " + split};
    }
    return {title: "This article is too long", detail: "It is more than this service accepts at a time. " + split};
  }

  // ---- building the view ----------------------------------------------------------------

  function groupsOf(body) {
    // One group per speaker entity, in the API's order; statements whose speaker has no entity
    // get a group by name; statements with no speaker share the "unattributed" group.
    const groups = new Map();
    body.speakers.forEach((speaker) => {
      groups.set(speaker.id, {key: speaker.id, speaker: speaker, name: speaker.name, kind: speaker.kind,
                              affiliation: speaker.affiliation, gender: speaker.gender || null, quotes: []});
    });
    for (const quote of body.quotes) {
      const ref = quote.speaker;
      let key = UNATTRIBUTED;
      if (ref) key = ref.entity && groups.has(ref.entity) ? ref.entity : "name:" + (ref.name || ref.kind);
      if (!groups.has(key)) {
        groups.set(key, key === UNATTRIBUTED
          ? {key: key, speaker: null, name: "Unattributed", kind: null, affiliation: null, gender: null, quotes: []}
          : {key: key, speaker: null, name: ref.name || "(unnamed)", kind: ref.kind, affiliation: quote.affiliation,
             gender: ref.gender || null, quotes: []});
      }
      groups.get(key).quotes.push(quote);
    }
    let index = 0;
    for (const group of groups.values()) {
      if (group.key === UNATTRIBUTED) {
        group.badge = "?";
        group.classes = "sp-none";
      } else {
        group.badge = String(index + 1);
        group.classes = "sp-" + (index % PALETTE_SIZE) + " ln-" + (index % LINE_STYLES);
        index++;
      }
    }
    return groups;
  }

  function keyOf(quote, groups) {
    const ref = quote.speaker;
    if (!ref) return UNATTRIBUTED;
    return ref.entity && groups.has(ref.entity) ? ref.entity : "name:" + (ref.name || ref.kind);
  }

  function render(text, body) {
    hideCard();
    const offsets = codePointOffsets(text);
    const last = offsets.length - 1;
    const unit = (cp) => offsets[Math.max(0, Math.min(cp, last))];
    const groups = groupsOf(body);
    const quotes = new Map();
    body.quotes.forEach((quote, i) => {
      quotes.set(quote.id, {quote: quote, number: i + 1, key: keyOf(quote, groups)});
    });
    state = {text: text, body: body, groups: groups, quotes: quotes, filter: null};

    article.replaceChildren(buildArticle(text, body, unit, groups, quotes));
    if (typeof body.meta.language === "string") article.lang = body.meta.language;
    else article.removeAttribute("lang");
    // Each statement's marks, cue, mention and evidence words, found once for hover and focus.
    for (const view of quotes.values()) view.nodes = [];
    for (const node of article.querySelectorAll("mark.stmt, .cue, .mention, .evidence")) {
      const ids = node.matches("mark.stmt") ? [node.dataset.quote]
        : [node.dataset.cue, node.dataset.mention, node.dataset.evidence].join(" ").split(" ");
      for (const id of new Set(ids)) if (quotes.has(id)) quotes.get(id).nodes.push(node);
    }
    article.classList.remove("filtering");
    buildTotals(body, groups, last);
    buildSpeakers(groups);
    results.hidden = false;
    form.classList.add("compact");
    if (document.activeElement === textarea) textarea.blur();
  }

  function buildArticle(text, body, unit, groups, quotes) {
    // Intervals in UTF-16 units: fragments own the highlight; cues, mentions and evidence
    // words are marked inside whatever they fall in.
    const intervals = [];
    for (const quote of body.quotes) {
      const fragments = quote.fragments && quote.fragments.length ? quote.fragments : [quote.span];
      fragments.forEach((f, i) => intervals.push({kind: "frag", q: quote.id, index: i, count: fragments.length,
                                                  start: unit(f.start), end: unit(f.end)}));
      if (quote.cue) intervals.push({kind: "cue", q: quote.id, start: unit(quote.cue.start), end: unit(quote.cue.end)});
      if (quote.speaker && quote.speaker.mention) {
        intervals.push({kind: "mention", q: quote.id, start: unit(quote.speaker.mention.start), end: unit(quote.speaker.mention.end)});
      }
      for (const e of (quote.stance && quote.stance.evidence) || []) {
        intervals.push({kind: "evidence", q: quote.id, start: unit(e.start), end: unit(e.end)});
      }
    }
    const live = intervals.filter((iv) => iv.end > iv.start);
    live.forEach((iv, i) => { iv.order = i; });
    const cuts = new Set([0, text.length]);
    for (const iv of live) { cuts.add(iv.start); cuts.add(iv.end); }
    // Each line of the article is a block of its own, so that a change of highlight lays out
    // one line rather than the whole article; a statement over several lines gets a piece in
    // each.
    const lineStarts = [];
    for (let i = text.indexOf("\n"); i !== -1 && i + 1 < text.length; i = text.indexOf("\n", i + 1)) {
      lineStarts.push(i + 1);
      cuts.add(i + 1);
    }
    const bounds = Array.from(cuts).sort((a, b) => a - b);

    // Sweep the boundaries, keeping the intervals that cover the current segment. Fragments
    // that overlap (the engine may nest one statement in another) become nested marks; one
    // that crosses another's end is split into pieces, each a mark of the same fragment.
    const byStart = live.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const outerFirst = (a, b) => a.start - b.start || b.end - a.end || a.order - b.order;
    let next = 0;
    let active = [];
    const root = document.createDocumentFragment();
    let line = el("div", {class: "line"});
    root.append(line);
    let nextLine = 0;
    const open = [];        // [{frag, node}] from the outermost mark to the innermost
    const pieces = new Map();   // fragment interval -> its marks, in order
    for (let b = 0; b + 1 < bounds.length; b++) {
      const a = bounds[b];
      const z = bounds[b + 1];
      active = active.filter((iv) => iv.end > a);
      while (next < byStart.length && byStart[next].start <= a) {
        if (byStart[next].end > a) active.push(byStart[next]);
        next++;
      }
      if (nextLine < lineStarts.length && lineStarts[nextLine] === a) {
        nextLine++;
        line = el("div", {class: "line"});
        root.append(line);
        open.length = 0;
      }
      const chain = active.filter((iv) => iv.kind === "frag").sort(outerFirst);
      let keep = 0;
      while (keep < open.length && keep < chain.length && open[keep].frag === chain[keep]) keep++;
      open.length = keep;
      for (let i = keep; i < chain.length; i++) {
        const node = fragmentMark(chain[i], quotes, groups);
        (open.length ? open[open.length - 1].node : line).append(node);
        open.push({frag: chain[i], node: node});
        if (!pieces.has(chain[i])) pieces.set(chain[i], []);
        pieces.get(chain[i]).push(node);
      }
      const piece = segment(text.slice(a, z), active);
      (open.length ? open[open.length - 1].node : line).append(piece);
    }
    // The badge starts a fragment's first piece; "continues" ends the last piece of every
    // fragment but a statement's last.
    for (const [frag, nodes] of pieces) {
      nodes[0].dataset.badge = groups.get(quotes.get(frag.q).key).badge;
      if (frag.index + 1 < frag.count) nodes[nodes.length - 1].classList.add("cont-next");
    }
    return root;
  }

  function fragmentMark(frag, quotes, groups) {
    const view = quotes.get(frag.q);
    const group = groups.get(view.key);
    return el("mark", {
      class: "stmt " + group.classes, tabindex: "0",
      "data-quote": frag.q, "data-fragment": String(frag.index), "data-speaker": view.key,
    });
  }

  function segment(piece, active) {
    const kinds = {cue: [], mention: [], evidence: []};
    for (const iv of active) if (iv.kind in kinds) kinds[iv.kind].push(iv.q);
    const classes = Object.keys(kinds).filter((k) => kinds[k].length);
    if (!classes.length) return document.createTextNode(piece);
    const span = el("span", {class: classes.join(" ")}, piece);
    for (const k of classes) span.dataset[k] = Array.from(new Set(kinds[k])).join(" ");
    return span;
  }

  function buildTotals(body, groups, characters) {
    const byType = Object.fromEntries(TYPES.map((t) => [t, 0]));
    for (const quote of body.quotes) byType[quote.type] = (byType[quote.type] || 0) + 1;
    const anonymous = body.speakers.filter((s) => s.kind === "anonymous").length;
    const unattributed = body.quotes.filter((q) => !q.speaker).length;
    const n = (name, value) => el("span", {class: "n", "data-total": name}, String(value));
    const parts = [n("statements", body.quotes.length), " ", body.quotes.length === 1 ? "statement" : "statements", " ("];
    TYPES.forEach((t, i) => { parts.push(i ? ", " : "", n(t, byType[t]), " " + t); });
    parts.push(") · ", n("speakers", body.speakers.length), " ", body.speakers.length === 1 ? "speaker" : "speakers",
               " · ", n("anonymous", anonymous), " ", anonymous === 1 ? "anonymous source" : "anonymous sources",
               " · ", n("unattributed", unattributed), " ", unattributed === 1 ? "unattributed statement" : "unattributed statements",
               " · engine time ", n("elapsed_ms", formatMs(body.meta.elapsed_ms)), " ms for ",
               n("characters", body.meta.characters), " characters (engine ", String(body.meta.engine), ")");
    totals.replaceChildren(...parts.map((p) => (p instanceof Node ? p : document.createTextNode(p))));
    if (body.meta.characters !== characters) {
      totals.append(el("strong", {}, " — warning: the service counted a different length than this page; highlights may be misplaced."));
    }
  }

  function formatMs(ms) {
    return typeof ms === "number" ? (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)) : String(ms);
  }

  // A line of facts about a speaker: each present value in a span named by its field, joined
  // by its separator; absent (null or empty) values are left out, never written as "null".
  function facts(items) {
    const nodes = [];
    for (const [field, value, separator] of items) {
      if (value === null || value === undefined || value === "") continue;
      if (nodes.length) nodes.push(separator);
      nodes.push(el("span", {"data-field": field}, value));
    }
    return nodes;
  }

  function buildSpeakers(groups) {
    const items = [];
    const all = el("button", {type: "button", class: "speaker all", "aria-pressed": "true", "data-speaker": ""},
                   el("span", {class: "name"}, "All speakers"),
                   el("span", {class: "counts"}, plural(state.body.quotes.length, "statement")));
    items.push(el("li", {}, all));
    for (const group of groups.values()) {
      const stance = Object.fromEntries(LABELS.map((l) => [l, 0]));
      for (const q of group.quotes) if (q.stance && q.stance.label in stance) stance[q.stance.label]++;
      // Who they are (kind, gender) and for whom they speak (role, organization, party).
      const about = facts([["kind", group.kind, ""], ["gender", group.gender, " · "]]);
      const affiliation = group.affiliation || {};
      const speaksFor = facts([["role", affiliation.role, ""], ["organization", affiliation.organization, ", "],
                               ["party", affiliation.party, " · "]]);
      const button = el("button", {type: "button", class: "speaker " + group.classes, "aria-pressed": "false",
                                   "data-speaker": group.key},
        el("span", {class: "badge", "aria-hidden": "true"}, group.badge),
        el("span", {class: "name"}, group.name),
        about.length ? el("span", {class: "about"}, ...about) : null,
        speaksFor.length ? el("span", {class: "affiliation"}, ...speaksFor) : null,
        el("span", {class: "counts"},
           el("span", {"data-count": "statements"}, plural(group.quotes.length, "statement")), ": ",
           ...LABELS.flatMap((l, i) => [i ? ", " : "", el("span", {"data-count": l}, stance[l] + " " + l)])));
      items.push(el("li", {}, button));
    }
    speakerList.replaceChildren(...items);
  }

  // ---- speaker filter --------------------------------------------------------------------

  speakerList.addEventListener("click", (event) => {
    const button = event.target.closest("button.speaker");
    if (!button || !state) return;
    const key = button.dataset.speaker;
    setFilter(!key || state.filter === key ? null : key);
  });

  function setFilter(key) {
    state.filter = key;
    article.classList.toggle("filtering", key !== null);
    for (const mark of article.querySelectorAll("mark.stmt")) {
      mark.classList.toggle("dim", key !== null && mark.dataset.speaker !== key);
    }
    for (const button of speakerList.querySelectorAll("button.speaker")) {
      const pressed = key === null ? button.dataset.speaker === "" : button.dataset.speaker === key;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    }
    if (key === null) {
      statusLine.textContent = "Showing every speaker's statements.";
    } else {
      const group = state.groups.get(key);
      statusLine.textContent = "Showing only " + (key === UNATTRIBUTED ? "unattributed statements" : group.name + "’s statements") +
        " (" + group.quotes.length + ").";
    }
  }

  // ---- statement card ---------------------------------------------------------------------

  function quoteIdAt(target) {
    if (!(target instanceof Element)) return null;
    const mark = target.closest("mark.stmt");
    if (mark) return mark.dataset.quote;
    const part = target.closest(".cue, .mention");
    if (part) return (part.dataset.cue || part.dataset.mention || "").split(" ")[0] || null;
    return null;
  }

  function setActive(id, on) {
    const view = id && state && state.quotes.get(id);
    if (!view) return;
    for (const node of view.nodes) node.classList.toggle("active", on);
  }

  function row(label, field, ...value) {
    return [el("dt", {}, label), el("dd", {"data-field": field}, ...value)];
  }

  // The speaker's gender and the words of the article it was read from (their pronouns,
  // honorifics, gendered nouns), each word once; a dash when the article does not say.
  function genderValue(ref, group) {
    const gender = ref && ref.gender;
    if (!gender) return ["—"];
    const evidence = (group && group.speaker && group.speaker.gender === gender && group.speaker.gender_evidence) || [];
    const words = Array.from(new Set(evidence.map((e) => e.text)));
    return words.length
      ? [gender, el("span", {class: "from"}, " (from " + words.map((w) => "“" + w + "”").join(", ") + ")")]
      : [gender];
  }

  function fillCard(view) {
    const q = view.quote;
    const group = state.groups.get(view.key);
    const ref = q.speaker;
    const affiliation = q.affiliation || (group && group.affiliation) || null;
    const fragments = q.fragments && q.fragments.length ? q.fragments.length : 1;
    const heading = "Statement " + view.number + " of " + state.body.quotes.length + " · " + q.type +
      (fragments > 1 ? " · " + fragments + " fragments" : "");
    const evidence = (q.stance && q.stance.evidence) || [];
    const stanceValue = [el("span", {class: "label-" + q.stance.label}, q.stance.label),
                         " (score " + Number(q.stance.score).toFixed(2) + ")"];
    const items = [
      ...row("Speaker", "speaker", ref ? (ref.name || "(no name)") : "Unattributed: the text names no source"),
      ...(ref ? row("Resolved from", "mention", ref.mention ? "“" + ref.mention.text + "”" : "—") : []),
      ...row("Kind", "kind", ref ? ref.kind : "—"),
      ...row("Organization", "organization", (affiliation && affiliation.organization) || "—"),
      ...row("Role", "role", (affiliation && affiliation.role) || "—"),
      ...row("Party", "party", (affiliation && affiliation.party) || "—"),
      ...row("Gender", "gender", ...genderValue(ref, group)),
      ...row("Stance", "stance", ...stanceValue),
      ...row("Evidence", "evidence", ...(evidence.length
        ? evidence.flatMap((e, i) => [i ? " " : "", el("span", {class: "ev"}, e.text)])
        : ["none"])),
      ...row("Hedged", "hedged", q.stance.hedged ? "yes" : "no"),
      ...row("Type", "type", q.type),
      ...row("Cue", "cue", q.cue ? "“" + q.cue.text + "” (" + q.cue.lemma + ")" : "—"),
      ...row("Rule", "rule", q.rule),
      ...row("Confidence", "confidence", Number(q.confidence).toFixed(2)),
    ];
    card.replaceChildren(el("h3", {}, heading), el("dl", {}, ...items));
    card.dataset.quote = q.id;
  }

  function showCard(id, anchor) {
    clearTimeout(hideTimer);
    if (!state || !state.quotes.has(id)) return;
    if (shown !== id) {
      if (shown) setActive(shown, false);
      fillCard(state.quotes.get(id));
      shown = id;
      setActive(id, true);
    }
    card.hidden = false;
    place(anchor);
  }

  // Where the card goes, in viewport coordinates (it is placed in page coordinates). Beside
  // the article when the speakers' column is beside it: level with the statement, over that
  // column, so that the statement, the text around it and the totals stay in view; when it is
  // taller than the room between the totals and the foot of the window, it may rise to just
  // below the totals, and past that it scrolls within the window. In one column: below the
  // statement, or above it when there is no room below, never over the totals above the
  // article.
  function place(anchor) {
    const rects = Array.from(anchor.getClientRects());
    const first = rects.length ? rects[0] : anchor.getBoundingClientRect();
    const last = rects.length ? rects[rects.length - 1] : first;
    const viewWidth = document.documentElement.clientWidth;
    const viewHeight = window.innerHeight;
    const area = layout.getBoundingClientRect();
    const side = aside.getBoundingClientRect();
    const beside = side.left >= article.getBoundingClientRect().right;
    card.style.width = "";
    card.style.maxHeight = "";
    let left;
    let top;
    if (beside) {
      card.style.width = Math.min(viewWidth - side.left - 8, 30 * 16) + "px";
      const height = card.offsetHeight;
      left = side.left;
      top = Math.min(first.top, viewHeight - height - 4);
      const floor = top < area.top ? totals.getBoundingClientRect().bottom + 4 : area.top;
      top = Math.max(top, floor, 4);
      if (top + height > viewHeight - 4) card.style.maxHeight = Math.max(viewHeight - top - 4, 0) + "px";
    } else {
      const width = card.offsetWidth;
      const height = card.offsetHeight;
      left = Math.max(4, Math.min(first.left, viewWidth - width - 4));
      top = last.bottom + 6;
      const above = first.top - height - 6;
      if (top + height > viewHeight && above > 0 && above >= area.top) top = above;
    }
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (top + window.scrollY) + "px";
  }

  function hideCard() {
    clearTimeout(hideTimer);
    if (shown) setActive(shown, false);
    shown = null;
    card.hidden = true;
    for (const mark of article.querySelectorAll("mark.stmt[aria-describedby]")) mark.removeAttribute("aria-describedby");
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideCard, 300);
  }

  article.addEventListener("mouseover", (event) => {
    const id = quoteIdAt(event.target);
    if (id) showCard(id, event.target.closest("mark.stmt, .cue, .mention"));
  });
  article.addEventListener("mouseout", (event) => {
    if (quoteIdAt(event.target) && quoteIdAt(event.relatedTarget) !== shown) hideSoon();
  });
  card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  card.addEventListener("mouseleave", hideSoon);

  article.addEventListener("focusin", (event) => {
    const mark = event.target.closest && event.target.closest("mark.stmt");
    if (!mark) return;
    showCard(mark.dataset.quote, mark);
    mark.setAttribute("aria-describedby", "card");
  });
  article.addEventListener("focusout", (event) => {
    if (event.target.closest && event.target.closest("mark.stmt")) {
      event.target.removeAttribute("aria-describedby");
      hideCard();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !card.hidden) hideCard();
  });
  window.addEventListener("resize", () => {
    const mark = shown && article.querySelector('mark.stmt[data-quote="' + CSS.escape(shown) + '"]');
    if (mark && !card.hidden) place(mark);
  });
})();
