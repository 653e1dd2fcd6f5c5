/**
 * The lock graph view's page: runs in the webview (bundled to dist/graphPage.js, loaded under the
 * view's Content-Security-Policy), with nothing but the DOM and the webview's messaging. It shows
 * what the extension sends (graphView.ts): a summary line and a legend; the possible deadlocks,
 * each its chain of locks with its number of sites and a colour of its own, selectable (its edges
 * and locks highlighted in that colour, the rest dimmed, its sites listed, each opening on a
 * click); the interrupt-safe locks and interrupt inversions; the server's SVG, which the user
 * zooms (buttons, wheel, keys), pans (drag) and fits (fitted when it opens, never blown up past
 * its natural size), with the view's own tooltips (an edge's sites with their functions, not
 * Graphviz's ids); and, while the model has changed under the drawing, a line that says so.
 * Selection and zoom survive a redraw and the page being reloaded (the webview's state).
 *
 * Owns: the page's layout and interaction. Must not: import anything at run time, compute the
 * graph, or open anything itself (it asks the extension).
 */
import type { LockGraph } from "./client";
import type { FromPage, SiteRef, ToPage } from "./graphView";

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PageState {
  /** The selected cycle, by its chain. */
  selected?: string;
  /** The zoomed and panned view box; none: fitted. */
  view?: Box | null;
}

declare function acquireVsCodeApi(): { postMessage(message: FromPage): void; getState(): PageState | undefined; setState(state: PageState): void };

type Cycle = LockGraph["cycles"][number];
type Edge = LockGraph["edges"][number];
type Lock = LockGraph["locks"][number];

const api = acquireVsCodeApi();
/** How many cycle colours the style sheet defines (.c0 … .c7). */
const PALETTE = 8;
/** Graphviz draws in points: a unit is 4/3 of a CSS pixel at 100 %. */
const PX_PER_UNIT = 96 / 72;
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 8;
/** How many sites an edge's tooltip lists before "and n more". */
const TIP_SITES = 8;

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  legend: byId("legend"),
  stale: byId("stale"),
  graph: byId("graph"),
  cycles: byId("cycles"),
  cyclesTitle: byId("cycles-title"),
  sites: byId("sites"),
  irqSection: byId("irq-section"),
  irq: byId("irq"),
  tip: byId("tip"),
  fold: byId<HTMLInputElement>("fold"),
  foldText: byId("fold-text"),
  zoomIn: byId("zoom-in"),
  zoomOut: byId("zoom-out"),
  zoomLevel: byId("zoom-level"),
  fit: byId("fit"),
};

const state: PageState = api.getState() ?? {};
let graph: LockGraph | null = null;
let svg: SVGSVGElement | null = null;
/** The drawing's own box (Graphviz's viewBox). */
let base: Box | null = null;
let view: Box | null = state.view ?? null;
let selected: string | undefined = state.selected;

// ---- helpers ----

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const keyOf = (c: Cycle) => c.locks.join("\u0000");
const chainOf = (c: Cycle) => [...c.locks, c.locks[0]].join(" → ");

/** A file as the user knows it: relative to the model's folder. */
function relative(file: string): string {
  const root = graph?.root ?? "";
  for (const sep of ["/", "\\"]) if (root && file.startsWith(root + sep)) return file.slice(root.length + 1);
  return file;
}

const where = (s: SiteRef) => `${relative(s.file)}:${s.line}`;
const edgeById = (id: string) => graph?.edges.find((e) => e.id === id);
const lockById = (id: string) => graph?.locks.find((l) => l.id === id);
const save = () => api.setState({ selected, view });

function openSites(e: Edge): void {
  if (e.locations.length > 0) api.postMessage({ type: "openSites", title: `${e.from} → ${e.to}: ${plural(e.locations.length, "site")}`, sites: e.locations });
}

function openLock(l: Lock): void {
  api.postMessage({ type: "open", site: { file: l.file, line: l.line, column: 1 } });
}

// ---- what the extension sends ----

window.addEventListener("message", (event: MessageEvent<ToPage>) => {
  const m = event.data;
  if (m.type === "graph") show(m.graph, m.stale);
  else if (m.type === "stale") setStale(m.stale);
});

function setStale(text: string | undefined): void {
  ui.stale.hidden = !text;
  ui.stale.textContent = text ?? "";
  document.body.classList.toggle("stale", !!text);
}

function show(next: LockGraph | null, stale: string | undefined): void {
  setStale(stale);
  const same = graph && next && svg && graph.root === next.root && graph.generation === next.generation && graph.folded === next.folded;
  graph = next;
  if (same) return;
  drawLegend();
  drawCycles();
  drawInterrupts();
  drawSvg();
  select(selected, false);
}

// ---- legend, lists ----

function drawLegend(): void {
  ui.legend.replaceChildren();
  if (!graph) {
    ui.legend.textContent = "No Lockorder model is open.";
    ui.fold.disabled = true;
    return;
  }
  const hidden = graph.hiddenLocks > 0 ? ` (${graph.hiddenLocks} on no cycle hidden)` : "";
  ui.legend.append(
    el("span", "summary", `${plural(graph.lockCount, "lock")}${hidden} · ${plural(graph.cycles.length, "possible deadlock")}`),
    " · ",
    el("span", "red", "red"),
    ": on a cycle · ",
    el("span", "orange", "orange"),
    ": interrupt-safe lock (double border) or edge from one to an interrupt-unsafe lock · dashed: declared order",
  );
  const foldable = graph.folded || graph.cycles.length > 0 || graph.edges.some((e) => e.irqInversion);
  ui.fold.checked = graph.folded;
  ui.fold.disabled = !foldable;
  ui.foldText.textContent = graph.folded ? `Hide locks on no cycle (${graph.hiddenLocks} hidden)` : "Hide locks on no cycle";
}

function drawCycles(): void {
  ui.cycles.replaceChildren();
  const cycles = graph?.cycles ?? [];
  ui.cyclesTitle.textContent = cycles.length > 0 ? `Possible deadlocks (${cycles.length})` : "Possible deadlocks";
  if (graph && cycles.length === 0) ui.cycles.append(el("li", "none", "None: the locks are always taken in one order."));
  cycles.forEach((c, i) => {
    const key = keyOf(c);
    const button = el("button", `cycle c${i % PALETTE}`);
    button.type = "button";
    button.dataset.key = key;
    button.setAttribute("aria-pressed", "false");
    button.title = `Highlight its ${plural(c.locks.length, "edge")} and list its sites`;
    button.append(el("span", "swatch"), el("span", "number", `#${i + 1}`), el("span", "chain", chainOf(c)), el("span", "count", plural(c.sites, "site")));
    button.addEventListener("click", () => select(selected === key ? undefined : key));
    button.addEventListener("mouseenter", () => highlight(key));
    button.addEventListener("mouseleave", () => highlight(selected));
    button.addEventListener("focus", () => highlight(key));
    button.addEventListener("blur", () => highlight(selected));
    const item = el("li");
    item.append(button);
    ui.cycles.append(item);
  });
}

/** The selected cycle's sites, edge by edge, each a button that opens it. */
function drawSites(): void {
  ui.sites.replaceChildren();
  const index = graph?.cycles.findIndex((c) => keyOf(c) === selected) ?? -1;
  ui.sites.hidden = index < 0;
  if (!graph || index < 0) return;
  const cycle = graph.cycles[index];
  ui.sites.className = `c${index % PALETTE}`;
  ui.sites.append(el("h3", undefined, `Sites of #${index + 1}`));
  for (const e of cycle.edges.map((i) => graph!.edges[i])) {
    ui.sites.append(el("h4", undefined, `${e.from} → ${e.to}`));
    const list = el("ul");
    for (const s of e.locations) {
      const button = el("button", "site");
      button.type = "button";
      button.title = s.via.length > 0 ? `${s.function} calls ${s.via.join(" → ")}, which takes ${e.to} while ${e.from} is held` : `${s.function} takes ${e.to} while ${e.from} is held`;
      button.append(el("span", "fn", s.function), el("span", "where", where(s)));
      button.addEventListener("click", () => api.postMessage({ type: "open", site: s }));
      const item = el("li");
      item.append(button);
      list.append(item);
    }
    ui.sites.append(list);
  }
}

function drawInterrupts(): void {
  ui.irq.replaceChildren();
  const safe = graph?.locks.filter((l) => l.irq.length > 0) ?? [];
  const inversions = graph?.edges.filter((e) => e.irqInversion) ?? [];
  ui.irqSection.hidden = safe.length === 0 && inversions.length === 0;
  for (const l of safe) {
    const button = el("button", "irq-lock");
    button.type = "button";
    button.title = `Open the definition of ${l.name}`;
    button.append(el("span", "chain", l.name), el("span", "count", l.irq.map((i) => `${i}-safe`).join(", ")));
    button.addEventListener("click", () => openLock(l));
    const item = el("li");
    item.append(button);
    ui.irq.append(item);
  }
  for (const e of inversions) {
    const button = el("button", "irq-edge");
    button.type = "button";
    button.title = "An interrupt-safe lock held while an interrupt-unsafe one is taken: open its sites";
    button.append(el("span", "chain", `${e.from} → ${e.to}`), el("span", "count", `inversion · ${plural(e.sites, "site")}`));
    button.addEventListener("click", () => openSites(e));
    const item = el("li");
    item.append(button);
    ui.irq.append(item);
  }
}

// ---- the drawing ----

function drawSvg(): void {
  ui.graph.replaceChildren();
  svg = null;
  base = null;
  if (!graph) return;
  if (graph.svg === undefined) {
    const foldable = !graph.folded && (graph.cycles.length > 0 || graph.edges.some((e) => e.irqInversion));
    const what = `${plural(graph.locks.length, "lock")} and ${plural(graph.edges.length, "edge")} are more than the view draws`;
    ui.graph.append(el("p", "message", graph.tooLarge ? `${what}${foldable ? ": hide the locks on no cycle to draw the rest." : "."} The possible deadlocks are listed all the same.` : "The graph could not be drawn."));
    return;
  }
  const parsed = new DOMParser().parseFromString(graph.svg, "image/svg+xml").documentElement;
  if (parsed.nodeName !== "svg") {
    ui.graph.append(el("p", "message", "The graph could not be drawn."));
    return;
  }
  const drawing = document.importNode(parsed, true) as unknown as SVGSVGElement;
  // Graphviz's own tooltips (an edge's id) give way to the view's.
  for (const t of Array.from(drawing.querySelectorAll("title"))) t.remove();
  for (const a of Array.from(drawing.querySelectorAll("a"))) {
    a.removeAttributeNS("http://www.w3.org/1999/xlink", "title");
    a.removeAttribute("title");
  }
  // Each edge and lock says what it is; a wider, invisible stroke under each edge is easier to point at.
  for (const g of Array.from(drawing.querySelectorAll("g.node"))) {
    const lock = lockById(g.id);
    if (lock) g.setAttribute("data-lock", lock.name);
  }
  for (const g of Array.from(drawing.querySelectorAll("g.edge"))) {
    const edge = edgeById(g.id);
    if (edge) {
      g.setAttribute("data-from", edge.from);
      g.setAttribute("data-to", edge.to);
    }
    const path = g.querySelector("path");
    if (!path) continue;
    const hit = path.cloneNode() as SVGPathElement;
    hit.setAttribute("class", "hit");
    hit.setAttribute("stroke", "transparent");
    hit.setAttribute("stroke-width", "14");
    hit.setAttribute("fill", "none");
    hit.removeAttribute("stroke-dasharray");
    path.before(hit);
  }
  const box = drawing.viewBox.baseVal;
  const pad = 6;
  base = { x: box.x - pad, y: box.y - pad, w: box.width + 2 * pad, h: box.height + 2 * pad };
  drawing.removeAttribute("width");
  drawing.removeAttribute("height");
  drawing.setAttribute("preserveAspectRatio", "xMidYMid meet");
  svg = drawing;
  ui.graph.append(drawing);
  applyView();
}

/** The whole drawing in the view, at most at its natural size. */
function fitted(): Box {
  const b = base!;
  const r = ui.graph.getBoundingClientRect();
  const w = Math.max(b.w, r.width / PX_PER_UNIT);
  const h = Math.max(b.h, r.height / PX_PER_UNIT);
  return { x: b.x - (w - b.w) / 2, y: b.y - (h - b.h) / 2, w, h };
}

const current = () => view ?? fitted();

function applyView(): void {
  if (!svg || !base) return;
  const b = current();
  svg.setAttribute("viewBox", `${b.x} ${b.y} ${b.w} ${b.h}`);
  ui.zoomLevel.textContent = `${Math.round(zoom() * 100)}%`;
  ui.fit.setAttribute("aria-pressed", String(view === null));
}

/** Screen pixels per drawing unit, over the natural size. */
function zoom(): number {
  if (!svg) return 1;
  const r = ui.graph.getBoundingClientRect();
  const b = current();
  return r.width > 0 && r.height > 0 ? Math.min(r.width / b.w, r.height / b.h) / PX_PER_UNIT : 1;
}

/** Zooms by `factor` keeping the drawing's point under (x, y) in place (the view's centre by default). */
function zoomAt(factor: number, x?: number, y?: number): void {
  if (!svg || !base) return;
  const z = zoom();
  factor = Math.min(Math.max(factor, MIN_ZOOM / z), MAX_ZOOM / z);
  const r = ui.graph.getBoundingClientRect();
  const matrix = svg.getScreenCTM();
  if (!matrix) return;
  const p = new DOMPoint(x ?? r.left + r.width / 2, y ?? r.top + r.height / 2).matrixTransform(matrix.inverse());
  const b = current();
  view = { x: p.x - (p.x - b.x) / factor, y: p.y - (p.y - b.y) / factor, w: b.w / factor, h: b.h / factor };
  applyView();
  save();
}

function fit(): void {
  view = null;
  applyView();
  save();
}

ui.zoomIn.addEventListener("click", () => zoomAt(1.25));
ui.zoomOut.addEventListener("click", () => zoomAt(0.8));
ui.fit.addEventListener("click", fit);
ui.fold.addEventListener("change", () => api.postMessage({ type: "fold", fold: ui.fold.checked }));
new ResizeObserver(() => applyView()).observe(ui.graph);

ui.graph.addEventListener(
  "wheel",
  (e) => {
    if (!svg) return;
    e.preventDefault();
    zoomAt(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), e.clientX, e.clientY);
  },
  { passive: false },
);

document.addEventListener("keydown", (e) => {
  if (e.target instanceof HTMLInputElement || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "+" || e.key === "=") zoomAt(1.25);
  else if (e.key === "-") zoomAt(0.8);
  else if (e.key === "0") fit();
  else if (e.key === "Escape") select(undefined);
  else return;
  e.preventDefault();
});

// Drag to pan; a click (no drag) on an edge opens its sites, on a lock its definition, elsewhere clears the selection.
let drag: { x: number; y: number; box: Box; scale: number; pointer: number; moved: boolean } | undefined;
let dragged = false;

ui.graph.addEventListener("pointerdown", (e) => {
  dragged = false;
  if (e.button !== 0 || !svg) return;
  const matrix = svg.getScreenCTM();
  drag = { x: e.clientX, y: e.clientY, box: current(), scale: matrix?.a ?? 1, pointer: e.pointerId, moved: false };
});

ui.graph.addEventListener("pointermove", (e) => {
  moveTip(e);
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved) {
    if (Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    ui.graph.setPointerCapture(drag.pointer);
    ui.graph.classList.add("panning");
    hideTip();
  }
  view = { ...drag.box, x: drag.box.x - dx / drag.scale, y: drag.box.y - dy / drag.scale };
  applyView();
});

const endDrag = () => {
  if (drag?.moved) {
    dragged = true;
    save();
  }
  drag = undefined;
  ui.graph.classList.remove("panning");
};
ui.graph.addEventListener("pointerup", endDrag);
ui.graph.addEventListener("pointercancel", endDrag);

ui.graph.addEventListener("click", (e) => {
  if (dragged) {
    dragged = false;
    return;
  }
  const target = e.target as Element;
  const edge = target.closest("g.edge");
  const node = target.closest("g.node");
  const e2 = edge && edgeById(edge.id);
  const l = node && lockById(node.id);
  hideTip();
  if (e2) openSites(e2);
  else if (l) openLock(l);
  else select(undefined);
});

// ---- selection ----

function select(key: string | undefined, persist = true): void {
  selected = graph?.cycles.some((c) => keyOf(c) === key) ? key : undefined;
  highlight(selected);
  for (const b of Array.from(ui.cycles.querySelectorAll<HTMLButtonElement>("button.cycle"))) b.setAttribute("aria-pressed", String(b.dataset.key === selected));
  drawSites();
  if (persist) save();
}

/** Marks a cycle's edges and locks (class `hl`) in its colour and dims the rest; none: all shown alike. */
function highlight(key: string | undefined): void {
  if (!svg || !graph) return;
  for (const e of Array.from(svg.querySelectorAll(".hl"))) e.classList.remove("hl");
  for (let i = 0; i < PALETTE; i++) svg.classList.remove(`c${i}`);
  const index = graph.cycles.findIndex((c) => keyOf(c) === key);
  svg.classList.toggle("selecting", index >= 0);
  if (index < 0) return;
  const cycle = graph.cycles[index];
  svg.classList.add(`c${index % PALETTE}`);
  for (const i of cycle.edges) svg.querySelector(`#${graph.edges[i].id}`)?.classList.add("hl");
  for (const l of graph.locks) if (cycle.locks.includes(l.name)) svg.querySelector(`#${l.id}`)?.classList.add("hl");
}

// ---- tooltips ----

ui.graph.addEventListener("pointerover", (e) => {
  if (drag?.moved) return;
  const target = e.target as Element;
  const edge = target.closest("g.edge");
  const node = target.closest("g.node");
  const content = edge ? edgeTip(edgeById(edge.id)) : node ? lockTip(lockById(node.id)) : undefined;
  if (!content) return hideTip();
  ui.tip.replaceChildren(...content);
  ui.tip.hidden = false;
  moveTip(e);
});
ui.graph.addEventListener("pointerleave", hideTip);

function hideTip(): void {
  ui.tip.hidden = true;
}

function moveTip(e: PointerEvent): void {
  if (ui.tip.hidden) return;
  const margin = 14;
  const { width, height } = ui.tip.getBoundingClientRect();
  const x = e.clientX + margin + width > window.innerWidth ? Math.max(0, e.clientX - margin - width) : e.clientX + margin;
  const y = e.clientY + margin + height > window.innerHeight ? Math.max(0, e.clientY - margin - height) : e.clientY + margin;
  ui.tip.style.left = `${x}px`;
  ui.tip.style.top = `${y}px`;
}

function edgeTip(e: Edge | undefined): Node[] | undefined {
  if (!e) return undefined;
  const out: Node[] = [el("div", "title", `${e.from} → ${e.to}`)];
  if (e.declaredOnly) {
    out.push(el("div", undefined, "Declared order: not taken in this order anywhere."));
    return out;
  }
  const notes = [plural(e.sites, "site")];
  if (e.onCycle) notes.push("on a possible deadlock");
  if (e.irqInversion) notes.push(`interrupt inversion: ${e.from} is interrupt-safe, ${e.to} is not`);
  out.push(el("div", "notes", notes.join(" · ")));
  const list = el("ul");
  for (const s of e.locations.slice(0, TIP_SITES)) {
    const item = el("li");
    item.append(el("span", "fn", s.function), " ", el("span", "where", where(s)));
    if (s.via.length > 0) item.append(el("div", "via", `calls ${s.via.join(" → ")}`));
    list.append(item);
  }
  out.push(list);
  if (e.locations.length > TIP_SITES) out.push(el("div", "more", `and ${e.locations.length - TIP_SITES} more`));
  out.push(el("div", "hint", e.locations.length === 1 ? "Click to open it." : "Click to choose one to open."));
  return out;
}

function lockTip(l: Lock | undefined): Node[] | undefined {
  if (!l) return undefined;
  const notes = [`${l.kind} · rank ${l.rank}`];
  if (l.onCycle) notes.push("on a possible deadlock");
  if (l.irq.length > 0) notes.push(l.irq.map((i) => `${i}-safe (taken in ${i} context)`).join(", "));
  return [el("div", "title", l.name), el("div", "notes", notes.join(" · ")), el("div", "where", `defined at ${relative(l.file)}:${l.line}`), el("div", "hint", "Click to open its definition.")];
}

api.postMessage({ type: "ready" });
