/**
 * The Pod's YAML with the reasons for each line: pointing at a line (or focusing it from the
 * keyboard) shows, in a panel under the text, why each field on it is what it is — the rule
 * that set it, its note, and the input field it came from, with a button that puts the caret
 * there. The lines whose fields it came from are marked in the editor's gutter meanwhile.
 *
 * The lines are a listbox: one line is in the tab order, the arrow keys (and Page Up/Down,
 * Home/End) move between lines, Enter goes to where the line's value came from.
 */
import { type ExplanationEntry, RULES, type RuleCode } from "../../dist/index.js";
import type { PodField, Session, SourcePosition } from "./session.js";

/** What the view needs of the rest of the page. */
export interface ExplainViewParts {
  /** Where the Pod's YAML is written. */
  readonly pre: HTMLPreElement;
  /** Where the reasons for the line pointed at are shown. */
  readonly panel: HTMLElement;
  /** One line saying whether (and how) the reasons can be seen. */
  readonly hint: HTMLElement;
  /** Puts the editor's caret at a place in the text. */
  readonly goTo: (line: number, column: number) => void;
  /** Marks the editor lines the fields on the line pointed at came from (none: `[]`). */
  readonly markSources: (lines: readonly number[]) => void;
}

/** The Pod view: call `draw` with each new session. */
export interface ExplainView {
  draw(session: Session): void;
}

const LINES_PER_PAGE = 20;

/** Builds the view over `parts`. */
export function createExplainView(parts: ExplainViewParts): ExplainView {
  const { pre, panel, hint, goTo, markSources } = parts;
  let session: Session | undefined;
  let lines: HTMLElement[] = [];
  /** The line focused or clicked last: what the panel shows when no line is under the pointer. */
  let current: number | undefined;
  /** The line under the pointer. */
  let hovered: number | undefined;
  /** The line whose reasons are shown. */
  let pointed: HTMLElement | undefined;

  const fieldsOf = (index: number): readonly PodField[] => session?.podLines?.[index] ?? [];

  function show(): void {
    const index = hovered ?? current;
    const explanation = session?.explanation;
    if (explanation === undefined) return;
    pointed?.classList.remove("pointed");
    pointed = index === undefined ? undefined : lines[index];
    pointed?.classList.add("pointed");
    if (index === undefined) {
      panel.replaceChildren(
        paragraph(
          "hint",
          "Point at a line of the Pod, or click it and move with ↑ ↓, to see why it is what it is and where it came from.",
        ),
      );
      panel.dataset["line"] = "";
      markSources([]);
      return;
    }
    panel.dataset["line"] = String(index + 1);
    const fields = fieldsOf(index);
    const sources = new Set<number>();
    const sections: HTMLElement[] = [];
    // The field the line is about first (`name` of `- name: x`), then what it starts (the item).
    for (const field of [...fields].reverse()) {
      const entries = explanation[field.pointer] ?? [];
      if (entries.length === 0) continue;
      sections.push(fieldSection(field, entries, sources));
    }
    if (sections.length === 0) {
      const field = fields[0];
      if (field === undefined) sections.push(paragraph("hint", "Nothing on this line is a field of the Pod."));
      else sections.push(summarySection(field, explanation));
    }
    panel.replaceChildren(...sections);
    markSources([...sources]);
  }

  function fieldSection(field: PodField, entries: readonly ExplanationEntry[], sources: Set<number>): HTMLElement {
    const section = document.createElement("section");
    section.dataset["pointer"] = field.pointer;
    const heading = document.createElement("h3");
    heading.append(code(field.path === "" ? "(the Pod)" : field.path));
    const list = document.createElement("ul");
    for (const entry of entries) {
      const item = document.createElement("li");
      item.dataset["rule"] = entry.rule;
      const rule = code(entry.rule, "rule");
      rule.title = RULES[entry.rule]?.does ?? "";
      item.append(
        rule,
        " ",
        Object.assign(document.createElement("span"), { className: "note", textContent: entry.note }),
      );
      if (entry.from !== undefined) {
        const position = session?.locate?.(entry.from);
        if (position !== undefined) sources.add(position.line);
        item.append(fromLine(entry.from, position));
      }
      list.append(item);
    }
    section.append(heading, list);
    return section;
  }

  function fromLine(from: string, position: SourcePosition | undefined): HTMLElement {
    const line = document.createElement("div");
    line.className = "from";
    line.dataset["from"] = from;
    line.append("from ");
    if (position === undefined) {
      line.append(
        code(from),
        Object.assign(document.createElement("span"), {
          className: "hint",
          textContent: " (not in the text: a default)",
        }),
      );
      return line;
    }
    line.dataset["line"] = String(position.line);
    line.dataset["column"] = String(position.column);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "source";
    button.append(code(from), ` ${position.line}:${position.column}`);
    const where = position.exact ? "" : " (where it would be written)";
    button.setAttribute("aria-label", `go to ${from}, line ${position.line}, column ${position.column}${where}`);
    button.title = `${position.label}${where}`;
    button.addEventListener("click", () => goTo(position.line, position.column));
    line.append(button);
    return line;
  }

  /** For a list or object with no reasons of its own: the rules that made what is under it. */
  function summarySection(field: PodField, explanation: NonNullable<Session["explanation"]>): HTMLElement {
    const counts = new Map<RuleCode, number>();
    const prefix = `${field.pointer}/`;
    for (const [pointer, entries] of Object.entries(explanation)) {
      if (!pointer.startsWith(prefix)) continue;
      for (const entry of entries) counts.set(entry.rule, (counts.get(entry.rule) ?? 0) + 1);
    }
    const section = document.createElement("section");
    section.dataset["pointer"] = field.pointer;
    section.className = "summary";
    const heading = document.createElement("h3");
    heading.append(code(field.path));
    section.append(heading);
    if (counts.size === 0) {
      section.append(paragraph("hint", "No reasons recorded here."));
      return section;
    }
    section.append(paragraph("", "Explained field by field on the lines below it, by these rules:"));
    const list = document.createElement("ul");
    for (const [rule, count] of counts) {
      const item = document.createElement("li");
      item.dataset["rule"] = rule;
      item.append(code(rule, "rule"), ` ×${count} — `, ...withCode(RULES[rule]?.does ?? ""));
      list.append(item);
    }
    section.append(list);
    return section;
  }

  function moveTo(index: number): void {
    const target = lines[Math.max(0, Math.min(lines.length - 1, index))];
    if (target === undefined) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  }

  pre.addEventListener("mouseover", (event) => {
    const line = (event.target as Element | null)?.closest<HTMLElement>(".line");
    if (line === null || line === undefined || !pre.contains(line)) return;
    hovered = Number(line.dataset["index"]);
    show();
  });
  pre.addEventListener("mouseleave", () => {
    hovered = undefined;
    show();
  });
  pre.addEventListener("focusin", (event) => {
    const line = (event.target as Element | null)?.closest<HTMLElement>(".line");
    if (line === null || line === undefined) return;
    const index = Number(line.dataset["index"]);
    if (current !== undefined) {
      const before = lines[current];
      before?.setAttribute("tabindex", "-1");
      before?.setAttribute("aria-selected", "false");
    }
    current = index;
    // The keyboard (or a click) chooses now, whatever the pointer rests on.
    hovered = undefined;
    line.setAttribute("tabindex", "0");
    line.setAttribute("aria-selected", "true");
    show();
  });
  pre.addEventListener("keydown", (event) => {
    if (current === undefined) return;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + LINES_PER_PAGE,
      PageUp: current - LINES_PER_PAGE,
      Home: 0,
      End: lines.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if (event.key === "Enter") {
      const source = panel.querySelector<HTMLButtonElement>("button.source");
      if (source !== null) {
        event.preventDefault();
        source.click();
      }
    }
  });

  // Keeps a line moved to from the keyboard out from under the panel, which sits over the text's bottom.
  new ResizeObserver(() => {
    pre.style.setProperty("--explain-height", `${panel.offsetHeight}px`);
  }).observe(panel);

  return {
    draw(next: Session): void {
      const keep = current;
      session = next;
      current = undefined;
      hovered = undefined;
      pointed = undefined;
      const text = next.podYaml ?? "";
      const explained = next.explanation !== undefined && next.podLines !== undefined;
      panel.hidden = !explained;
      pre.classList.toggle("explained", explained);
      if (!explained) {
        lines = [];
        for (const name of ["role", "aria-label", "aria-describedby"]) pre.removeAttribute(name);
        pre.textContent = text;
        hint.textContent =
          next.podYaml === undefined
            ? ""
            : `The reasons for each field are not available for Tekton ${next.tekton} yet.`;
        markSources([]);
        return;
      }
      hint.textContent = "";
      pre.setAttribute("role", "listbox");
      pre.setAttribute("aria-label", "The Pod as YAML, one line per option; the reasons for the chosen line follow");
      pre.setAttribute("aria-describedby", panel.id);
      const texts = text.split("\n");
      // The text ends with a newline: no line after it.
      if (texts.at(-1) === "") texts.pop();
      const fragment = document.createDocumentFragment();
      lines = texts.map((content, index) => {
        const line = document.createElement("span");
        line.className = "line";
        line.id = `pod-line-${index + 1}`;
        line.dataset["index"] = String(index);
        line.setAttribute("role", "option");
        line.setAttribute("aria-selected", "false");
        line.tabIndex = -1;
        line.textContent = content;
        fragment.append(line, "\n");
        return line;
      });
      pre.replaceChildren(fragment);
      const first = lines[keep !== undefined && keep < lines.length ? keep : 0];
      if (first !== undefined) {
        first.tabIndex = 0;
        if (keep !== undefined && keep < lines.length) {
          current = keep;
          first.setAttribute("aria-selected", "true");
        }
      }
      show();
    },
  };
}

function code(text: string, className?: string): HTMLElement {
  const element = document.createElement("code");
  element.textContent = text;
  if (className !== undefined) element.className = className;
  return element;
}

/** Text whose `backticked` parts (as the rule table writes them) are set as code. */
function withCode(text: string): (string | HTMLElement)[] {
  return text.split("`").map((part, i) => (i % 2 === 1 ? code(part) : part));
}

function paragraph(className: string, text: string): HTMLParagraphElement {
  const element = document.createElement("p");
  element.textContent = text;
  if (className !== "") element.className = className;
  return element;
}
