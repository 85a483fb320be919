// speechlint serve: the page.  Plain JavaScript, no library, nothing from the network.
// The draft lives in state.text exactly as read (line endings kept); the server sends each
// finding's span in code points (start/end, as `speechlint check`) and in UTF-16 units
// (ustart/uend), which index JavaScript strings directly.
"use strict";

const I18N = {
  zh: {
    subtitle: "讲话稿检查", new: "新建", open: "打开文件", check: "检查", edit: "编辑", fixSafe: "全部安全修复",
    fixAll: "全部修复（需确认）", download: "下载", downloadWord: "下载批注副本", findings: "问题", outline: "标题提纲",
    placeholder: "在此粘贴讲话稿，或把 .txt、.md、.docx 文件拖到这里",
    dropHint: "松开鼠标以打开文件", offline: "本页面在本机运行，草稿不离开这台计算机。",
    previewTitle: "确认修复", previewText: "下列修复可能改变原意（如重新编号），请核对后确认：",
    confirm: "确认修复", cancel: "取消", fix: "修复", previewFix: "预览修复",
    none: "未发现问题", noDraft: "尚未检查", noHeadings: "没有编号标题",
    count: (n) => `共 ${n} 处`, checked: (n, ms) => n ? `共发现 ${n} 处问题（${ms} 毫秒）` : `未发现问题（${ms} 毫秒）`,
    fixed: (n) => `已修复 ${n} 处`, nothingToFix: "没有可以自动修复的问题", line: (n) => `第 ${n} 行`,
    para: (n) => `第 ${n} 段`, pasted: "粘贴的文本", word: "Word 文档：请在 Word 中修改；下载得到带批注的副本",
    header: "页眉", footer: "页脚", config: (p) => `配置：${p}`, noConfig: "配置：默认", busy: "正在检查……",
    families: { NUM: "序号", DUP: "重复", PH: "占位符", PUN: "标点", WRD: "用词", FIG: "数字", DOC: "公文格式" },
  },
  en: {
    subtitle: "speech draft checker", new: "New", open: "Open file", check: "Check", edit: "Edit", fixSafe: "Fix all safe",
    fixAll: "Fix all (confirm)", download: "Download", downloadWord: "Download with comments", findings: "Findings", outline: "Heading outline",
    placeholder: "Paste a draft here, or drop a .txt, .md or .docx file",
    dropHint: "Drop to open the file", offline: "This page runs on this computer; the draft never leaves it.",
    previewTitle: "Confirm the fix", previewText: "These fixes may change the meaning (renumbering): check them, then confirm:",
    confirm: "Apply", cancel: "Cancel", fix: "Fix", previewFix: "Preview fix",
    none: "No findings", noDraft: "Not checked yet", noHeadings: "No numbered headings",
    count: (n) => `${n}`, checked: (n, ms) => n ? `${n} finding${n === 1 ? "" : "s"} (${ms} ms)` : `No findings (${ms} ms)`,
    fixed: (n) => `${n} fixed`, nothingToFix: "Nothing can be fixed automatically", line: (n) => `line ${n}`,
    para: (n) => `paragraph ${n}`, pasted: "pasted text", word: "Word document: edit it in Word; Download gives a copy with comments",
    header: "header", footer: "footer", config: (p) => `configuration: ${p}`, noConfig: "configuration: defaults", busy: "Checking…",
    families: { NUM: "Numbering", DUP: "Duplicates", PH: "Placeholders", PUN: "Punctuation", WRD: "Wording", FIG: "Figures", DOC: "Document" },
  },
};

const $ = (sel) => document.querySelector(sel);
const store = {
  get(key, fallback) {
    try { const v = localStorage.getItem("speechlint." + key); return v === null ? fallback : JSON.parse(v); }
    catch (e) { return fallback; }
  },
  set(key, value) { try { localStorage.setItem("speechlint." + key, JSON.stringify(value)); } catch (e) { /* private mode */ } },
};

const state = {
  text: "", name: null, kind: "paste", filetype: "txt", encoding: null, bom: "", eol: "\n",
  file: null, diags: [], outline: [], checked: false, editing: true, current: -1,
  off: new Set(store.get("off", [])), lang: store.get("lang", "zh") === "en" ? "en" : "zh",
  families: [], lineStarts: [0], ruleDocs: new Map(), pending: null, lastMs: 0,
};

function t(key, ...args) {
  const v = I18N[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
}

function familyName(f) { return I18N[state.lang].families[f] || f; }

// ------------------------------------------------------------------ server calls
async function call(path, body, contentType = "application/json") {
  const r = await fetch(path, {
    method: "POST", headers: { "Content-Type": contentType },
    body: contentType === "application/json" ? JSON.stringify(body) : body,
  });
  if (!r.ok) {
    let msg = `${r.status} ${r.statusText}`;
    try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return r;
}

function common() {
  return { name: state.name || "draft.txt", filetype: state.filetype, off: [...state.off], lang: state.lang };
}

function query(extra) {
  const q = new URLSearchParams({ name: state.name || "draft.txt", off: [...state.off].join(","), lang: state.lang, ...extra });
  return q.toString();
}

function showError(msg) {
  const box = $("#error");
  box.textContent = msg;
  box.hidden = !msg;
  if (msg) document.body.dataset.state = "error";
}

async function busy(fn) {
  document.body.dataset.state = "busy";
  showError("");
  try {
    await fn();
    if (document.body.dataset.state === "busy") document.body.dataset.state = "ready";
  } catch (e) {
    showError(e.message || String(e));
  }
}

// ------------------------------------------------------------------ the draft
function takeEditor() {
  // the editor's lines end in \n: write edits back with the draft's own line endings
  if (!state.editing || state.kind === "docx") return;
  const v = $("#editor").value;
  if (v === state.text.replace(/\r\n?/g, "\n")) return; // unchanged: keep every byte
  state.text = state.eol === "\n" ? v : v.replace(/\n/g, state.eol);
}

function setEditing(on) {
  state.editing = on && state.kind !== "docx";
  $("#editor").hidden = !state.editing;
  $("#view").hidden = state.editing;
  if (state.editing) {
    $("#editor").value = state.text.replace(/\r\n?/g, "\n");
    $("#editor").focus();
  }
  updateButtons();
}

async function check() {
  takeEditor();
  const t0 = performance.now();
  const r = await call("/api/check", { ...common(), text: state.text, word: state.kind === "docx" });
  const res = await r.json();
  state.diags = res.diagnostics;
  state.outline = res.outline;
  state.checked = true;
  state.current = -1;
  if (res.problems && res.problems.length) showError(res.problems.join("\n"));
  setEditing(false);
  render();
  void $("#view").offsetHeight; // layout included in the time shown
  state.lastMs = Math.round(performance.now() - t0);
  $("#status").textContent = t("checked", state.diags.length, state.lastMs);
  if (!(res.problems && res.problems.length)) document.body.dataset.state = "checked";
  return state.lastMs;
}

function computeLineStarts() {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  let m;
  while ((m = re.exec(state.text))) starts.push(m.index + m[0].length);
  state.lineStarts = starts;
}

function lineOf(u) {
  let lo = 0, hi = state.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (state.lineStarts[mid] <= u) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}

// Highlights: the text is cut at every finding's ends; each piece covered by findings
// becomes one <mark> naming them (data-ids); a finding of no width is a caret mark.
// The page is built as one HTML string (a 50,000-character draft with 2,000 findings
// in a few tens of milliseconds), events are delegated to the containers.
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const esc = (s) => s.replace(/[&<>"]/g, (c) => ESC[c]);

function renderDraft() {
  const text = state.text, diags = state.diags;
  const opens = new Map(), closes = new Map(), points = new Map(), anchors = new Map();
  const cuts = new Set([0, text.length]);
  const add = (map, k, v) => { const a = map.get(k); if (a) a.push(v); else map.set(k, [v]); };
  diags.forEach((d, i) => {
    if (d.uend > d.ustart) { add(opens, d.ustart, i); add(closes, d.uend, i); cuts.add(d.ustart); cuts.add(d.uend); }
    else { add(points, d.ustart, i); cuts.add(d.ustart); }
  });
  state.outline.forEach((h, i) => { add(anchors, h.ustart, i); cuts.add(h.ustart); });
  // one block per line: the browser lays out only the lines on screen (content-visibility)
  const lines = new Set(state.lineStarts);
  for (const p of state.lineStarts) cuts.add(p);
  const order = [...cuts].sort((a, b) => a - b);
  // a Word draft's headers and footers are named before their lines
  const stories = state.kind === "docx" && state.stories ? state.stories : null;
  let line = 0;
  const open = () => {
    const story = stories ? stories[line] : "body";
    return story && story !== "body" ? `<div class="ln" data-story="${esc(t(story))}">` : '<div class="ln">';
  };
  const html = [open()];
  const active = new Set();
  for (let k = 0; k < order.length; k++) {
    const p = order[k];
    if (p > 0 && lines.has(p)) { line++; html.push("</div>" + open()); }
    for (const i of closes.get(p) || []) active.delete(i);
    for (const i of opens.get(p) || []) active.add(i);
    for (const h of anchors.get(p) || []) html.push(`<span id="h-${h}"></span>`);
    for (const i of points.get(p) || []) html.push(markHtml([i], ""));
    if (k + 1 >= order.length) break;
    const piece = text.slice(p, order[k + 1]);
    if (!piece) continue;
    html.push(active.size ? markHtml([...active], piece) : esc(piece));
  }
  html.push("</div>");
  $("#view").innerHTML = html.join("");
}

function markHtml(ids, piece) {
  ids.sort((a, b) => a - b);
  const fam = state.diags[ids[ids.length - 1]].family;
  return `<mark class="fam-${esc(fam)}${piece ? "" : " point"}" data-ids="${ids.join(" ")}">${esc(piece)}</mark>`;
}

function renderFindings() {
  const box = $("#findings");
  $("#count").textContent = state.checked ? t("count", state.diags.length) : "";
  if (!state.checked) { box.innerHTML = `<p class="empty">${esc(t("noDraft"))}</p>`; return; }
  if (!state.diags.length) { box.innerHTML = `<p class="empty">${esc(t("none"))}</p>`; return; }
  const groups = new Map();
  state.diags.forEach((d, i) => { if (!groups.has(d.family)) groups.set(d.family, []); groups.get(d.family).push(i); });
  const order = state.families.map((f) => f.family).filter((f) => groups.has(f));
  for (const f of groups.keys()) if (!order.includes(f)) order.push(f);
  const html = [];
  const where = state.kind === "docx" ? "para" : "line";
  const fixLabel = { safe: esc(t("fix")), unsafe: esc(t("previewFix")) };
  for (const fam of order) {
    const f = esc(fam);
    html.push(`<details open class="fam-${f}" data-family="${f}"><summary><span class="swatch"></span>`
      + `${f} ${esc(familyName(fam))}（${groups.get(fam).length}）</summary><ul class="items">`);
    for (const i of groups.get(fam)) {
      const d = state.diags[i];
      html.push(`<li class="finding fam-${f}" tabindex="0" data-id="${i}" data-code="${esc(d.code)}">`
        + `<span class="code">${esc(d.code)}</span><span class="msg">${esc(d.message)}</span>`
        + `<span class="where">${esc(t(where, lineOf(d.ustart)))}</span>`
        + (d.fix ? `<button class="fix ${esc(d.fix.applicability)}">${fixLabel[d.fix.applicability] || fixLabel.safe}</button>` : "")
        + "</li>");
    }
    html.push("</ul></details>");
  }
  box.innerHTML = html.join("");
}

function renderOutline() {
  const ol = $("#outline");
  if (!state.checked) { ol.innerHTML = ""; return; }
  if (!state.outline.length) { ol.innerHTML = `<li class="empty">${esc(t("noHeadings"))}</li>`; return; }
  ol.innerHTML = state.outline.map((h, i) => {
    const title = esc(h.label + h.title);
    const problems = h.problems.map((p) => `<span class="problem">${esc(p)}</span>`).join("");
    const level = Math.min(Math.max(h.level, 1), 6);
    return `<li data-index="${i}" title="${title}" class="lv${level}${problems ? " broken" : ""}">`
      + `${title}${problems}</li>`;
  }).join("");
}

function render() {
  computeLineStarts();
  renderDraft();
  renderFindings();
  renderOutline();
  $("#draft-name").textContent = state.kind === "docx" ? `${state.name} — ${t("word")}` : (state.name || t("pasted"));
  updateButtons();
}

function updateButtons() {
  const fixable = state.checked && state.diags.some((d) => d.fix);
  $("#fix-safe").disabled = !state.checked || state.editing || !state.diags.some((d) => d.fix && d.fix.applicability === "safe");
  $("#fix-all").disabled = !fixable || state.editing;
  $("#edit").disabled = state.editing || state.kind === "docx";
  $("#download").disabled = state.kind === "docx" ? !state.file : !(state.text || $("#editor").value);
  $("#download").textContent = t(state.kind === "docx" ? "downloadWord" : "download");
}

async function select(i, fromList) {
  state.current = i;
  document.querySelectorAll("mark.current, li.finding.current").forEach((e) => e.classList.remove("current"));
  const marks = [...document.querySelectorAll("#view mark")].filter((m) => m.dataset.ids.split(" ").includes(String(i)));
  marks.forEach((m) => m.classList.add("current"));
  const li = document.querySelector(`li.finding[data-id="${i}"]`);
  if (!li) return;
  li.classList.add("current");
  if (fromList && marks.length) marks[0].scrollIntoView({ block: "center" });
  if (!fromList) li.scrollIntoView({ block: "nearest" });
  let doc = li.querySelector(".rule-doc");
  if (doc) { doc.remove(); return; }
  const code = state.diags[i].code;
  try {
    if (!state.ruleDocs.has(code)) {
      const r = await fetch("/api/rule/" + encodeURIComponent(code));
      const body = await r.json();
      if (!r.ok) throw new Error(body.error);
      state.ruleDocs.set(code, body);
    }
    const rule = state.ruleDocs.get(code);
    doc = document.createElement("div");
    doc.className = "rule-doc";
    doc.textContent = `# ${rule.code} ${rule.name}\n${familyName(rule.family)} · ${rule.severity} · fix: ${rule.fix}\n\n${rule.doc}`;
    li.appendChild(doc);
  } catch (e) {
    showError(e.message);
  }
}

// ------------------------------------------------------------------ fixes
async function requestFix(target) {
  const r = await call("/api/fix", { ...common(), text: state.text, target });
  return r.json();
}

async function applyText(text, applied) {
  state.text = text;
  await check();
  $("#status").textContent = `${t("fixed", applied)} · ${$("#status").textContent}`;
}

async function fixOne(i) {
  const d = state.diags[i];
  const res = await requestFix({ code: d.code, start: d.start, end: d.end });
  if (d.fix.applicability === "safe") await applyText(res.text, res.applied);
  else preview(res);
}

function preview(res) {
  if (!res.applied) { $("#status").textContent = t("nothingToFix"); return; }
  state.pending = res;
  const box = $("#changes");
  box.replaceChildren();
  for (const c of res.changes) {
    const div = document.createElement("div");
    div.className = "change";
    const line = document.createElement("div");
    line.className = "line";
    line.textContent = t("line", c.line);
    const body = document.createElement("div");
    body.className = "parts";
    c.parts.forEach(([op, piece], k) => {
      if (op === "=") {
        // long unchanged stretches are cut to their ends near the change
        const first = k === 0, last = k === c.parts.length - 1, keep = 24;
        let shown = piece;
        if (piece.length > 2 * keep + 1) {
          shown = first ? "…" + piece.slice(-keep) : last ? piece.slice(0, keep) + "…"
            : piece.slice(0, keep) + "…" + piece.slice(-keep);
        }
        body.append(shown);
      } else {
        const e = document.createElement(op === "-" ? "del" : "ins");
        e.textContent = piece;
        body.appendChild(e);
      }
    });
    div.append(line, body);
    box.appendChild(div);
  }
  $("#preview").showModal();
}

// ------------------------------------------------------------------ files
async function openFile(file) {
  const r = await call("/api/upload?" + query({ name: file.name }), file, "application/octet-stream");
  const res = await r.json();
  Object.assign(state, {
    text: res.text, name: res.name, kind: res.kind, filetype: res.filetype, encoding: res.encoding,
    bom: res.bom, eol: res.eol, file: res.kind === "docx" ? file : null, editing: false,
    stories: res.stories || null,
  });
  await check();
}

function save(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 5000);
}

async function download() {
  if (state.kind === "docx") {
    const r = await call("/api/annotate?" + query({ name: state.name }), state.file, "application/octet-stream");
    const stem = state.name.replace(/\.docx$/i, "");
    save(await r.blob(), `${stem}.annotated.docx`);
    return;
  }
  takeEditor();
  const name = state.name || (state.filetype === "md" ? "draft.md" : "draft.txt");
  const r = await call("/api/download", { name, text: state.text, encoding: state.encoding, bom: state.bom, eol: state.eol });
  save(await r.blob(), name);
}

// ------------------------------------------------------------------ settings
function renderFamilies() {
  const box = $("#families");
  box.replaceChildren();
  for (const f of state.families) {
    const label = document.createElement("label");
    label.className = "fam-" + f.family;
    label.title = f.codes.join(" ");
    const cb = document.createElement("input");
    cb.type = "checkbox";
    cb.dataset.family = f.family;
    cb.checked = !state.off.has(f.family);
    cb.addEventListener("change", () => {
      if (cb.checked) state.off.delete(f.family); else state.off.add(f.family);
      store.set("off", [...state.off]);
      if (state.checked) busy(check);
    });
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = "var(--c)";
    label.append(cb, sw, `${f.family} ${familyName(f.family)}`);
    box.appendChild(label);
  }
}

function applyLanguage() {
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll("[data-i18n-ph]").forEach((e) => { e.placeholder = t(e.dataset.i18nPh); });
  $("#lang").value = state.lang;
  renderFamilies();
  if (state.checked) render();
  else renderFindings();
}

// ------------------------------------------------------------------ start
async function start() {
  try {
    const r = await fetch("/api/info");
    const info = await r.json();
    if (!r.ok) throw new Error(info.error);
    state.families = info.families;
    $("#config").textContent = info.config ? t("config", info.config) : t("noConfig");
    if (info.problems.length) showError(info.problems.join("\n"));
  } catch (e) {
    showError(e.message);
  }
  applyLanguage();
  setEditing(true);
  $("#check").addEventListener("click", () => busy(check));
  $("#new").addEventListener("click", () => {  // back to an empty editor for pasting
    Object.assign(state, { text: "", name: null, kind: "paste", filetype: "txt", encoding: null, bom: "",
      eol: "\n", file: null, stories: null, diags: [], outline: [], checked: false, current: -1 });
    showError("");
    $("#status").textContent = "";
    render();
    setEditing(true);
  });
  $("#edit").addEventListener("click", () => setEditing(true));
  $("#fix-safe").addEventListener("click", () => busy(async () => {
    const res = await requestFix("safe");
    if (!res.applied) { $("#status").textContent = t("nothingToFix"); return; }
    await applyText(res.text, res.applied);
  }));
  $("#fix-all").addEventListener("click", () => busy(async () => preview(await requestFix("unsafe"))));
  $("#confirm").addEventListener("click", () => {
    const res = state.pending;
    state.pending = null;
    $("#preview").close();
    if (res) busy(() => applyText(res.text, res.applied));
  });
  $("#cancel").addEventListener("click", () => { state.pending = null; $("#preview").close(); });
  $("#download").addEventListener("click", () => busy(download));
  $("#lang").addEventListener("change", () => {
    state.lang = $("#lang").value === "en" ? "en" : "zh";
    store.set("lang", state.lang);
    applyLanguage();
  });
  $("#file").addEventListener("change", (ev) => {
    const f = ev.target.files[0];
    ev.target.value = "";
    if (f) busy(() => openFile(f));
  });
  $("#editor").addEventListener("paste", () => setTimeout(() => busy(check), 0));
  $("#editor").addEventListener("input", updateButtons);
  document.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") { ev.preventDefault(); busy(check); }
  });
  $("#findings").addEventListener("click", (ev) => {
    const li = ev.target.closest("li.finding");
    if (!li || ev.target.closest(".rule-doc")) return;
    const i = Number(li.dataset.id);
    if (ev.target.closest("button.fix")) busy(() => fixOne(i));
    else select(i, true);
  });
  $("#findings").addEventListener("keydown", (ev) => {  // Enter on a focused finding: as a click
    const li = ev.target.closest("li.finding");
    if (li && ev.key === "Enter" && ev.target === li) { ev.preventDefault(); select(Number(li.dataset.id), true); }
  });
  $("#outline").addEventListener("click", (ev) => {
    const li = ev.target.closest("li[data-index]");
    const a = li && document.getElementById("h-" + li.dataset.index);
    if (a) a.scrollIntoView({ block: "center" });
  });
  $("#view").addEventListener("mouseover", (ev) => {
    const m = ev.target.closest("mark");
    if (m && !m.title) m.title = m.dataset.ids.split(" ").map((i) => `${state.diags[i].code} ${state.diags[i].message}`).join("\n");
  });
  $("#view").addEventListener("click", (ev) => {
    const m = ev.target.closest("mark");
    if (m) select(Number(m.dataset.ids.split(" ")[0]), false);
  });
  const draft = $("#draft");
  let depth = 0;
  draft.addEventListener("dragenter", (ev) => { ev.preventDefault(); depth++; draft.classList.add("dragging"); $("#drop-hint").hidden = false; });
  draft.addEventListener("dragover", (ev) => ev.preventDefault());
  draft.addEventListener("dragleave", () => { if (--depth <= 0) { depth = 0; draft.classList.remove("dragging"); $("#drop-hint").hidden = true; } });
  draft.addEventListener("drop", (ev) => {
    ev.preventDefault();
    depth = 0;
    draft.classList.remove("dragging");
    $("#drop-hint").hidden = true;
    const f = ev.dataTransfer.files[0];
    if (f) busy(() => openFile(f));
  });
  document.body.dataset.state = "ready";
}

// for tests and bench/web.py: check the draft in the editor, resolve with the time taken
window.speechlint = { check: () => check(), state };
document.addEventListener("DOMContentLoaded", start);
