/**
 * The playground page: the editor on the left, the Pod, its picture and the folded status on
 * the right. Everything runs here, in the browser: the text is compiled by the package's own
 * build, and the state is kept in the URL fragment, which is never sent anywhere.
 */
import "./style.css";
import { renderDocument } from "../../dist/cli/render.js";
import { TEKTON_RELEASES } from "../../dist/index.js";
import { EXAMPLES, FIRST_EXAMPLE } from "./examples.js";
import { createExplainView } from "./explain-view.js";
import { layOutPod, type Picture } from "./picture.js";
import { compileText, type Diagnostic, formatDiagnostic, releaseOf, type Session, taskRunOf } from "./session.js";
import { foldOutcomes, outcomeOf, STEP_OUTCOMES, type StepOutcome, stepNames } from "./status.js";
import { decodeState, encodeState, TABS, type Tab } from "./url-state.js";

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
};

const editor = $<HTMLTextAreaElement>("editor");
const gutter = $<HTMLPreElement>("gutter");
const exampleMenu = $<HTMLSelectElement>("example");
const profileMenu = $<HTMLSelectElement>("profile");
const problems = $<HTMLDivElement>("problems");
const podYaml = $<HTMLPreElement>("pod-yaml");
const podMessage = $<HTMLDivElement>("pod-message");
const pictureHolder = $<HTMLDivElement>("picture");
const pictureText = $<HTMLDivElement>("picture-text");
const outcomesHolder = $<HTMLDivElement>("outcomes");
const statusSummary = $<HTMLDivElement>("status-summary");
const statusYaml = $<HTMLPreElement>("status-yaml");
const announce = $<HTMLSpanElement>("announce");

let tab: Tab = "pod";
let outcomes: Record<string, StepOutcome> = {};
let session: Session | undefined;

// ---- menus ----------------------------------------------------------------------------------

for (const example of EXAMPLES) exampleMenu.append(new Option(example.name, example.name));
exampleMenu.append(new Option("(your own text)", ""));
for (const release of TEKTON_RELEASES) profileMenu.append(new Option(`Tekton ${release}`, release));

exampleMenu.addEventListener("change", () => {
  const example = EXAMPLES.find((e) => e.name === exampleMenu.value);
  if (example === undefined) return;
  editor.value = example.text;
  outcomes = {};
  refresh();
});
profileMenu.addEventListener("change", () => {
  document.body.dataset["pending"] = "true";
  refresh();
});

// ---- editor ---------------------------------------------------------------------------------

let pending: number | undefined;
editor.addEventListener("input", () => {
  document.body.dataset["pending"] = "true";
  exampleMenu.value = EXAMPLES.find((e) => e.text === editor.value)?.name ?? "";
  window.clearTimeout(pending);
  pending = window.setTimeout(refresh, 150);
});
editor.addEventListener("scroll", () => {
  gutter.scrollTop = editor.scrollTop;
});

/** Line numbers, with the lines that have a problem marked and titled with it. */
function drawGutter(text: string, diagnostics: readonly Diagnostic[]): void {
  const byLine = new Map<number, string[]>();
  for (const d of diagnostics)
    if (d.line !== undefined) byLine.set(d.line, [...(byLine.get(d.line) ?? []), formatDiagnostic(d)]);
  const count = text.split("\n").length;
  const fragment = document.createDocumentFragment();
  for (let line = 1; line <= count; line++) {
    const row = document.createElement("span");
    row.textContent = String(line);
    const messages = byLine.get(line);
    if (messages !== undefined) {
      row.className = "marked";
      row.title = messages.join("\n");
    }
    fragment.append(row, "\n");
  }
  gutter.replaceChildren(fragment);
  gutter.scrollTop = editor.scrollTop;
}

/** Puts the caret at `line`:`column` and scrolls it into view. */
function goTo(line: number, column: number): void {
  const lines = editor.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  const length = lines[line - 1]?.length ?? 0;
  editor.focus();
  editor.setSelectionRange(start + Math.min(column - 1, length), start + length);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 18;
  editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

function drawProblems(current: Session): void {
  const items: HTMLElement[] = [];
  const add = (kind: "error" | "warning", d: Diagnostic): void => {
    const item = document.createElement("li");
    item.className = kind;
    item.dataset["code"] = d.code;
    if (d.line !== undefined) {
      item.dataset["line"] = String(d.line);
      item.dataset["column"] = String(d.column ?? 1);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "location";
    button.textContent = d.line === undefined ? "—" : `${d.line}:${d.column ?? 1}`;
    button.disabled = d.line === undefined;
    button.setAttribute(
      "aria-label",
      d.line === undefined ? "no position in the text" : `go to line ${d.line}, column ${d.column ?? 1}`,
    );
    const line = d.line;
    if (line !== undefined) button.addEventListener("click", () => goTo(line, d.column ?? 1));
    const code = document.createElement("code");
    code.className = "code";
    code.textContent = d.code;
    const text = document.createElement("span");
    text.className = "message";
    text.textContent = `${d.path !== undefined ? `${d.path}: ` : ""}${d.message}`;
    item.append(button, " ", code, " ", text);
    items.push(item);
  };
  current.errors.forEach((d) => {
    add("error", d);
  });
  current.warnings.forEach((d) => {
    add("warning", d);
  });
  const children: HTMLElement[] = [];
  if (items.length > 0) {
    const heading = document.createElement("h2");
    heading.textContent =
      current.errors.length > 0
        ? `${current.errors.length === 1 ? "1 problem" : `${current.errors.length} problems`}` +
          (current.stage !== undefined ? ` — Tekton ${current.tekton} stops at ${current.stage}` : "")
        : "Warnings";
    const list = document.createElement("ul");
    list.append(...items);
    children.push(heading, list);
  }
  if (current.notes.length > 0) {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `${current.notes.length} ${current.notes.length === 1 ? "note" : "notes"}`;
    const list = document.createElement("ul");
    list.append(...current.notes.map((n) => Object.assign(document.createElement("li"), { textContent: n })));
    details.append(summary, list);
    children.push(details);
  }
  problems.replaceChildren(...children);
  problems.hidden = children.length === 0;
}

// ---- tabs -----------------------------------------------------------------------------------

const tabButtons = TABS.map((name) => $<HTMLButtonElement>(`tab-${name}`));

function showTab(next: Tab, focus = false): void {
  const redraw = next === "picture" && tab !== "picture";
  tab = next;
  TABS.forEach((name, i) => {
    const selected = name === next;
    const button = tabButtons[i] as HTMLButtonElement;
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
    $(`panel-${name}`).hidden = !selected;
    if (selected && focus) button.focus();
  });
  if (redraw && session !== undefined) drawPicture(session);
}

let resizing: number | undefined;
window.addEventListener("resize", () => {
  window.clearTimeout(resizing);
  resizing = window.setTimeout(() => {
    if (session !== undefined && tab === "picture") drawPicture(session);
  }, 100);
});

tabButtons.forEach((button, i) => {
  button.addEventListener("click", () => {
    showTab(TABS[i] as Tab);
    void saveState();
  });
  // The WAI-ARIA tabs pattern: arrows move between tabs, Home/End to the ends.
  button.addEventListener("keydown", (event) => {
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    showTab(TABS[(target + TABS.length) % TABS.length] as Tab, true);
    void saveState();
  });
});

// ---- Pod ------------------------------------------------------------------------------------

/** Marks the gutter rows of the editor lines a Pod line's fields came from. */
function markSources(lines: readonly number[]): void {
  const marked = new Set(lines);
  [...gutter.children].forEach((row, i) => {
    row.classList.toggle("source", marked.has(i + 1));
  });
}

const podView = createExplainView({
  pre: podYaml,
  panel: $("explain-panel"),
  hint: $("explain-hint"),
  goTo,
  markSources,
});

function drawPod(current: Session): void {
  podView.draw(current);
  if (current.podYaml !== undefined) {
    podYaml.hidden = false;
    podMessage.textContent = "";
    podMessage.hidden = true;
  } else {
    podYaml.hidden = true;
    podMessage.hidden = false;
    podMessage.textContent =
      current.stage !== undefined
        ? `No Pod: Tekton ${current.tekton} would stop at ${current.stage}. See the problems under the editor.`
        : "No Pod: the documents do not make a TaskRun input yet. See the problems under the editor.";
  }
}

async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    say(`${what} copied`);
  } catch {
    // Without clipboard permission (a file:// page, an old browser), select it for Ctrl+C.
    say(`select ${what} and press Ctrl+C to copy`);
  }
}

function say(text: string): void {
  announce.textContent = text;
  window.setTimeout(() => {
    if (announce.textContent === text) announce.textContent = "";
  }, 4000);
}

$("copy-pod").addEventListener("click", () => {
  if (session?.podYaml !== undefined) void copyText(session.podYaml, "Pod YAML");
  else say("there is no Pod to copy");
});
$("share").addEventListener("click", () => {
  void saveState().then(() => copyText(location.href, "link"));
});

// ---- Picture --------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  parent?.append(element);
  return element;
}

function text(parent: Element, x: number, y: number, content: string, className: string, maxChars = 26): void {
  const shown = content.length > maxChars ? `${content.slice(0, maxChars - 1)}…` : content;
  svg("text", { x, y, class: className }, parent).textContent = shown;
}

function drawPicture(current: Session): void {
  const pod = current.compiled?.pod;
  if (pod === undefined) {
    pictureHolder.replaceChildren(
      Object.assign(document.createElement("p"), {
        className: "empty",
        textContent: "No Pod to draw: see the problems under the editor.",
      }),
    );
    pictureText.replaceChildren();
    return;
  }
  // The volume row wraps at the panel's width (a hidden panel has none yet: assume a common one).
  const width = pictureHolder.clientWidth > 0 ? pictureHolder.clientWidth - 4 : 640;
  const picture = layOutPod(pod, current.compiled?.taskSpec, taskRunOf(current), { width });
  pictureHolder.replaceChildren(renderPicture(picture, pod.metadata?.name ?? "the Pod"));
  pictureText.replaceChildren(describePicture(picture));
}

/** The picture as nested lists, for keyboards and screen readers (the SVG's details are hover-only). */
function describePicture(picture: Picture): HTMLElement {
  const list = document.createElement("ul");
  const item = (text: string, children: string[] = []): void => {
    const li = document.createElement("li");
    li.textContent = text;
    if (children.length > 0) {
      const inner = document.createElement("ul");
      inner.append(...children.map((c) => Object.assign(document.createElement("li"), { textContent: c })));
      li.append(inner);
    }
    list.append(li);
  };
  for (const box of picture.containers) {
    const waits = picture.arrows.filter((a) => a.to === box.name).map((a) => `runs after ${a.from}`);
    const mounts = picture.mounts
      .filter((m) => m.container === box.name)
      .map((m) => `mounts ${m.volume} at ${m.mountPath}${m.readOnly ? " (read-only)" : ""}`);
    item(
      `${box.role} ${box.name}: ${box.image}; ${box.requests.length > 0 ? `requests ${box.requests.join(", ")}` : "no requests"}` +
        (box.waitsFor !== undefined ? `; waits for ${box.waitsFor}` : ""),
      [...waits, ...mounts],
    );
  }
  for (const volume of picture.volumes)
    item(`volume ${volume.name}: ${volume.source}${volume.workspace !== undefined ? `, ${volume.workspace}` : ""}`);
  return list;
}

function renderPicture(picture: Picture, podName: string): SVGSVGElement {
  const root = svg("svg", {
    width: picture.width,
    height: picture.height,
    viewBox: `0 0 ${picture.width} ${picture.height}`,
    role: "img",
    class: "pod-picture",
  });
  const roles = (role: string): number => picture.containers.filter((c) => c.role === role).length;
  svg("title", {}, root).textContent =
    `Pod ${podName}: ${roles("init")} init containers, ${roles("step")} steps, ` +
    `${roles("sidecar")} sidecars, ${picture.volumes.length} volumes, ${picture.mounts.length} volume mounts`;
  const defs = svg("defs", {}, root);
  const marker = svg(
    "marker",
    {
      id: "arrowhead",
      viewBox: "0 0 10 10",
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: "auto-start-reverse",
    },
    defs,
  );
  svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }, marker);

  for (const caption of picture.captions) text(root, caption.x, caption.y, caption.text, "caption", 40);

  const mounts = svg("g", { class: "mounts" }, root);
  for (const m of picture.mounts) {
    const middle = (m.y1 + m.y2) / 2;
    const path = svg(
      "path",
      {
        d: `M${m.x1},${m.y1} C${m.x1},${middle} ${m.x2},${middle} ${m.x2},${m.y2}`,
        class: m.readOnly ? "mount read-only" : "mount",
        "data-container": m.container,
        "data-volume": m.volume,
      },
      mounts,
    );
    svg("title", {}, path).textContent =
      `${m.container} mounts ${m.volume} at ${m.mountPath}${m.readOnly ? " (read-only)" : ""}`;
  }

  for (const box of picture.containers) {
    const group = svg("g", { class: `container ${box.role}`, "data-container": box.name }, root);
    svg("title", {}, group).textContent =
      `${box.role} ${box.name}: ${box.image}` +
      (box.requests.length > 0 ? `; requests ${box.requests.join(", ")}` : "") +
      (box.waitsFor !== undefined ? `; waits for ${box.waitsFor}` : "");
    svg("rect", { x: box.x, y: box.y, width: box.width, height: box.height, rx: 6 }, group);
    text(group, box.x + 9, box.y + 19, box.name, "name", 22);
    text(group, box.x + 9, box.y + 36, box.image, "image", 23);
    const requests = box.requests.length > 0 ? ["requests:", ...box.requests] : ["no requests"];
    requests.forEach((r, i) => {
      text(group, box.x + (i === 0 ? 9 : 19), box.y + 54 + i * 15, r, "requests", i === 0 ? 23 : 22);
    });
    if (box.waitsFor !== undefined) {
      text(
        group,
        box.x + 9,
        box.y + box.height - 9,
        `waits for ${box.waitsFor.replace(/^\/tekton\//, "")}`,
        "waits",
        26,
      );
    }
  }

  for (const arrow of picture.arrows) {
    const group = svg("g", { class: "arrow", "data-from": arrow.from, "data-to": arrow.to }, root);
    svg("line", { x1: arrow.x1, y1: arrow.y1, x2: arrow.x2 - 1, y2: arrow.y2, "marker-end": "url(#arrowhead)" }, group);
    svg("title", {}, group).textContent = `${arrow.to} waits for ${arrow.from} (${arrow.label})`;
  }

  for (const volume of picture.volumes) {
    const group = svg("g", { class: "volume", "data-volume": volume.name }, root);
    svg("title", {}, group).textContent =
      `volume ${volume.name}: ${volume.source}${volume.workspace !== undefined ? `; ${volume.workspace}` : ""}`;
    svg("rect", { x: volume.x, y: volume.y, width: volume.width, height: volume.height, rx: 6 }, group);
    // Tekton's own volumes share a long prefix; it goes on a line of its own so the rest reads.
    const prefix = /^tekton-internal-|^tekton-creds-init-/.exec(volume.name)?.[0];
    const lines: [string, string, number][] = [
      ...(prefix !== undefined ? [[prefix, "prefix", 24] as [string, string, number]] : []),
      [prefix !== undefined ? volume.name.slice(prefix.length) : volume.name, "name", 17],
      [volume.source, "image", 18],
      ...(volume.workspace !== undefined ? [[volume.workspace, "workspace", 20] as [string, string, number]] : []),
    ];
    lines.forEach(([content, className, max], i) => {
      text(group, volume.x + 8, volume.y + 16 + i * 15, content, className, max);
    });
  }
  return root;
}

// ---- Status ---------------------------------------------------------------------------------

function drawStatus(current: Session): void {
  const pod = current.compiled?.pod;
  const taskRun = taskRunOf(current);
  if (pod === undefined || taskRun === undefined) {
    outcomesHolder.replaceChildren();
    statusSummary.textContent = "No Pod, so no status: see the problems under the editor.";
    statusYaml.textContent = "";
    return;
  }
  const steps = stepNames(pod);
  outcomes = Object.fromEntries(
    steps.filter((s) => Object.hasOwn(outcomes, s)).map((s) => [s, outcomeOf(outcomes, s)]),
  );
  const rows = steps.map((step) => {
    const label = document.createElement("label");
    const name = document.createElement("span");
    name.textContent = step;
    const select = document.createElement("select");
    select.dataset["step"] = step;
    for (const outcome of STEP_OUTCOMES) select.append(new Option(outcome.label, outcome.value));
    select.value = outcomeOf(outcomes, step);
    select.addEventListener("change", () => {
      outcomes[step] = select.value as StepOutcome;
      drawFold(current);
      void saveState();
    });
    label.append(name, select);
    return label;
  });
  outcomesHolder.replaceChildren(...rows);
  drawFold(current);
}

function drawFold(current: Session): void {
  const pod = current.compiled?.pod;
  const taskRun = taskRunOf(current);
  if (pod === undefined || taskRun === undefined) return;
  const { result, now } = foldOutcomes(taskRun, pod, outcomes, current.tekton);
  const condition = result.status.conditions?.find((c) => c.type === "Succeeded");
  const summary = document.createElement("p");
  const state =
    condition === undefined
      ? "no Succeeded condition"
      : `Succeeded=${condition.status}, reason ${condition.reason ?? ""}`;
  summary.append(Object.assign(document.createElement("strong"), { textContent: state }));
  if (condition?.message !== undefined) summary.append(`: ${condition.message}`);
  const when = Object.assign(document.createElement("p"), {
    className: "hint",
    textContent: `Folded at ${now}; step i runs from 10·i s after the Pod starts, for 5 s.`,
  });
  statusSummary.replaceChildren(summary, when);
  statusYaml.textContent =
    renderDocument({ status: result.status }, "yaml") +
    (result.warnings.length > 0
      ? `# warnings:\n${result.warnings.map((w) => `#   ${w.path}: ${w.message}`).join("\n")}\n`
      : "");
}

// ---- state ----------------------------------------------------------------------------------

function refresh(): void {
  const tekton = releaseOf(profileMenu.value);
  session = compileText(editor.value, tekton);
  document.body.dataset["state"] = session.errors.length > 0 ? "error" : "ok";
  drawGutter(editor.value, [...session.errors, ...session.warnings]);
  drawProblems(session);
  drawPod(session);
  drawPicture(session);
  drawStatus(session);
  // "pending" tells the browser tests (and nothing else) that what is shown matches the text.
  void saveState().then(() => {
    document.body.dataset["pending"] = "false";
  });
}

let saving = Promise.resolve();
/** Writes the state into the fragment (without a history entry per keystroke). */
function saveState(): Promise<void> {
  const state = { text: editor.value, tekton: releaseOf(profileMenu.value), tab, outcomes: { ...outcomes } };
  saving = saving.then(async () => {
    const hash = await encodeState(state);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    document.body.dataset["saved"] = hash;
  });
  return saving;
}

async function start(): Promise<void> {
  const state = await decodeState(location.hash);
  const example = EXAMPLES.find((e) => e.name === FIRST_EXAMPLE) ?? EXAMPLES[0];
  editor.value = state?.text ?? example?.text ?? "";
  exampleMenu.value = EXAMPLES.find((e) => e.text === editor.value)?.name ?? "";
  profileMenu.value = releaseOf(state?.tekton);
  outcomes = { ...(state?.outcomes ?? {}) };
  showTab(state?.tab ?? "pod");
  refresh();
  document.body.dataset["ready"] = "true";
}

window.addEventListener("hashchange", () => void start());
void start();
