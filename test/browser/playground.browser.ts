/**
 * The built playground in a real browser (Debian's Chromium through playwright-core): typing an
 * example shows the Pod `compileTaskRun` makes, an invalid input shows its problems at the
 * lines the CLI reports, the picture has one box per container and one line per mount, the
 * Status tab folds a chosen failure, a shared link reproduces the page, the tabs work from
 * the keyboard, and the page asks nothing of the network. Screenshots of each tab (wide and
 * narrow) are written to test/browser/artifacts/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Pod } from "kubernetes-types/core/v1.js";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { renderDocument } from "../../dist/cli/render.js";
import { yamlLineFields } from "../../dist/explain/yaml-lines.js";
import {
  CompileError,
  type CompileInput,
  compileTaskRun,
  DEFAULT_TEKTON_RELEASE,
  type Explanation,
  explainTaskRun,
  type ImageEntrypoint,
  TEKTON_RELEASES,
  type TektonRelease,
} from "../../dist/index.js";
import { readFixture } from "../../dist/testing/index.js";
import { ARTIFACTS, BUILT_PLAYGROUND, CHROMIUM, CHROMIUM_FLAGS } from "./chromium.js";
import { type StaticServer, serveFolder } from "./static-server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const EXAMPLES = join(ROOT, "fixtures", "examples");
const read = (path: string): string => readFileSync(path, "utf8");
const OWN_EXAMPLE = join(ROOT, "playground", "examples", "workspace-sidecar-limits.yaml");
const IMAGES = parse(read(join(EXAMPLES, "images.yaml"))) as Record<string, ImageEntrypoint>;

let server: StaticServer;
let context: BrowserContext;
let profile: string;
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  server = await serveFolder(BUILT_PLAYGROUND);
  profile = mkdtempSync(join(tmpdir(), "playground-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  context.on("request", (request) => {
    if (!request.url().startsWith(server.url)) foreignRequests.push(request.url());
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
});

/** A fresh page on the built playground (at `hash`, if given), once it has drawn its first result. */
async function openPage(hash = ""): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  await page.goto(`${server.url}index.html${hash}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Replaces the editor's text as a user would (an input event), then waits for the page to catch up. */
async function typeText(page: Page, text: string): Promise<void> {
  await page.fill("#editor", text);
  // The page recompiles 150 ms after the last keystroke and then writes the link.
  await page.waitForFunction(() => (globalThis as unknown as InPage).document.body.dataset["pending"] === "false");
  expect(await page.inputValue("#editor")).toBe(text);
}

/** Runs `action` on the page, then waits until the page has written the link of a new state. */
async function afterNewLink(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate(() => (globalThis as unknown as InPage).document.body.dataset["saved"] ?? "");
  await action();
  await page.waitForFunction((previous) => {
    const { document, location } = globalThis as unknown as InPage;
    const saved = document.body.dataset["saved"];
    return saved !== previous && saved === location.hash;
  }, before);
}

/**
 * The little of the page's globals that functions run in the page use. (Functions passed to
 * waitForFunction run through Chrome DevTools, which the page's CSP allows; strings would be
 * evaluated with `eval`, which it forbids.)
 */
interface InPage {
  readonly document: {
    readonly body: { readonly dataset: Readonly<Record<string, string | undefined>> };
    getElementById(id: string): { readonly textContent: string | null } | null;
  };
  readonly location: { readonly hash: string };
}

/**
 * Evaluates `expression` in the page. Written as text because this file is type-checked
 * without the DOM library (it runs in Node; only the expression runs in the page).
 */
async function inPage<T = unknown>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

async function podText(page: Page): Promise<string> {
  return (await page.textContent("#pod-yaml")) ?? "";
}

/** The playground's own example's input, its documents picked by kind (readFixture takes no kindless image document). */
function ownExampleInput(): CompileInput {
  const documents = parseAllDocuments(read(OWN_EXAMPLE)).map((d) => d.toJS() as Record<string, unknown>);
  const byKind = (kind: string): Record<string, unknown>[] => documents.filter((d) => d["kind"] === kind);
  return {
    taskRun: byKind("TaskRun")[0],
    task: byKind("Task")[0],
    limitRanges: byKind("LimitRange"),
    imageEntrypoints: documents.find((d) => d["kind"] === undefined),
  } as unknown as CompileInput;
}

/** The playground's own example, compiled. */
function ownExamplePod(tekton: TektonRelease = DEFAULT_TEKTON_RELEASE): Pod {
  return compileTaskRun(ownExampleInput(), { tekton }).pod;
}

/** `explainTaskRun`'s explanation of the own example, or `undefined` for a release that does not explain (yet). */
function ownExampleExplanation(tekton: TektonRelease = DEFAULT_TEKTON_RELEASE): Explanation | undefined {
  try {
    return explainTaskRun(ownExampleInput(), { tekton }).explanation;
  } catch (error) {
    if (error instanceof CompileError && error.stage === "input") return undefined;
    throw error;
  }
}

/** The 1-based line of the own example's Pod YAML whose innermost field is `pointer`. */
function podLineOf(pointer: string, tekton: TektonRelease = DEFAULT_TEKTON_RELEASE): number {
  const fields = yamlLineFields(renderDocument(ownExamplePod(tekton), "yaml"), "/pod");
  const index = fields.findIndex((line) => line.at(-1)?.pointer === pointer);
  if (index < 0) throw new Error(`no line shows ${pointer}`);
  return index + 1;
}

/** What the explanation panel shows for one field: each entry's rule and note, and `from` when it has one. */
async function shownEntries(page: Page, pointer: string): Promise<{ rule: string; note: string; from?: string }[]> {
  return inPage(
    page,
    `[...document.querySelectorAll('#explain-panel section[data-pointer="${pointer}"] li')].map((li) => {
      const from = li.querySelector(".from")?.dataset.from;
      return { rule: li.dataset.rule, note: li.querySelector(".note").textContent, ...(from === undefined ? {} : { from }) };
    })`,
  );
}

/** Waits until the explanation panel shows (1-based) line `line` of the Pod. */
async function panelShows(page: Page, line: number): Promise<void> {
  await page.waitForSelector(`#explain-panel[data-line="${line}"]`);
}

const CASES: readonly { name: string; text: string; pod: () => Pod }[] = [
  { name: "workspace-sidecar-limits", text: read(OWN_EXAMPLE), pod: () => ownExamplePod() },
  {
    name: "pod-template",
    text: read(join(EXAMPLES, "pod-template.yaml")),
    pod: () => compileTaskRun(readFixture(join(EXAMPLES, "pod-template.yaml"))).pod,
  },
  {
    name: "serviceaccount-git-ssh",
    text: read(join(EXAMPLES, "serviceaccount-git-ssh.yaml")),
    pod: () => compileTaskRun(readFixture(join(EXAMPLES, "serviceaccount-git-ssh.yaml"))).pod,
  },
  {
    name: "read-repo-run",
    text: read(join(EXAMPLES, "read-repo-run.yaml")),
    pod: () => compileTaskRun(readFixture(join(EXAMPLES, "read-repo-run.yaml"))).pod,
  },
  {
    name: "build-push (a folder, pasted as one text)",
    text: ["pipelineresource.yaml", "taskrun.yaml"].map((f) => read(join(EXAMPLES, "build-push", f))).join("\n---\n"),
    pod: () => compileTaskRun(readFixture(join(EXAMPLES, "build-push"))).pod,
  },
  {
    name: "steps-run-in-order (+ the image entrypoints as a document without kind)",
    text: `${read(join(EXAMPLES, "steps-run-in-order.yaml"))}\n---\n${read(join(EXAMPLES, "images.yaml"))}`,
    pod: () => compileTaskRun(readFixture(join(EXAMPLES, "steps-run-in-order.yaml"), { imageEntrypoints: IMAGES })).pod,
  },
];

describe("the playground in Chromium", () => {
  it("opens on an example, with its Pod", async () => {
    const page = await openPage();
    expect(await page.inputValue("#editor")).toContain("kind: TaskRun");
    expect(await page.getAttribute("body", "data-state")).toBe("ok");
    expect(await podText(page)).toContain("kind: Pod");
    expect(await page.locator("#example option").count()).toBeGreaterThan(5);
    expect(await page.locator("#profile option").allTextContents()).toEqual(TEKTON_RELEASES.map((r) => `Tekton ${r}`));
    const menu = await page.locator("#example option").allTextContents();
    for (const example of [
      "broken-taskrun",
      "build-push",
      "non-root-steps",
      "steps-run-in-order",
      "workspace-sidecar-limits",
    ])
      expect(menu).toContain(example);
    await page.screenshot({ path: join(ARTIFACTS, "pod-1280x800.png") });

    // "Copy YAML" puts exactly the Pod on the clipboard.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.click("#copy-pod");
    await page.waitForFunction(
      () => (globalThis as unknown as InPage).document.getElementById("announce")?.textContent === "Pod YAML copied",
    );
    expect(await inPage(page, "navigator.clipboard.readText()")).toBe(await podText(page));
    await page.close();
  });

  it("shows, for a typed example, the Pod compileTaskRun gives", async () => {
    const page = await openPage();
    for (const example of CASES) {
      await typeText(page, example.text);
      expect(await page.getAttribute("body", "data-state"), example.name).toBe("ok");
      expect(await podText(page), example.name).toBe(renderDocument(example.pod(), "yaml"));
      expect(parse(await podText(page)), example.name).toEqual(example.pod());
    }
    await page.close();
  });

  it("compiles with the profile chosen in the menu", async () => {
    const page = await openPage();
    await typeText(page, read(OWN_EXAMPLE));
    for (const release of TEKTON_RELEASES) {
      await page.selectOption("#profile", release);
      await page.waitForFunction(() => (globalThis as unknown as InPage).document.body.dataset["pending"] === "false");
      expect(await podText(page), release).toBe(renderDocument(ownExamplePod(release), "yaml"));
      await page.click("#tab-status");
      expect(await page.textContent("#status-summary"), release).toContain("reason Succeeded");
      await page.click("#tab-pod");
    }
    await page.close();
  });

  it("shows an invalid input's problems at the lines and columns the CLI reports, marked in the gutter", async () => {
    const page = await openPage();
    const file = join(EXAMPLES, "broken-taskrun.yaml");
    await typeText(page, read(file));
    expect(await page.getAttribute("body", "data-state")).toBe("error");
    let cli = "";
    try {
      execFileSync(process.execPath, [join(ROOT, "dist", "bin", "tekton-pod.js"), "validate", "-f", file], {
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      cli = String((error as { stdout?: unknown }).stdout);
    }
    const expected = [...cli.matchAll(/broken-taskrun\.yaml:(\d+):(\d+) .*\[([a-z-]+)\]$/gm)].map(
      (m) => `${m[1]}:${m[2]} ${m[3]}`,
    );
    expect(expected.length).toBe(2);
    const shown = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#problems li.error")].map((li) => li.dataset.line + ":" + li.dataset.column + " " + li.dataset.code)`,
    );
    expect(shown).toEqual(expected);
    const marked = await inPage<number[]>(
      page,
      `[...document.querySelectorAll("#gutter .marked")].map((r) => Number(r.textContent))`,
    );
    expect(marked.sort((a, b) => a - b)).toEqual(expected.map((e) => Number(e.split(":")[0])).sort((a, b) => a - b));
    expect(await page.textContent("#pod-message")).toContain("admission");

    // Choosing a problem puts the caret on its line.
    await page.click("#problems li.error:first-child button.location");
    const caretLine = await inPage<number>(
      page,
      `(() => {
      const area = document.getElementById("editor");
      return area.value.slice(0, area.selectionStart).split("\\n").length;
    })()`,
    );
    expect(caretLine).toBe(Number(expected[0]?.split(":")[0]));
    await page.screenshot({ path: join(ARTIFACTS, "problems-1280x800.png") });

    // A YAML syntax error, at its line.
    await typeText(page, "apiVersion: tekton.dev/v1beta1\nkind: TaskRun\nspec:\n  params: [a, b\n");
    const syntax = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#problems li.error")].map((li) => li.dataset.code)`,
    );
    expect(syntax).toEqual(["invalid-yaml"]);
    expect(Number(await page.getAttribute("#problems li.error", "data-line"))).toBeGreaterThanOrEqual(4);
    await page.close();
  });

  it("draws one box per container and one line per mount (read-only dashed)", async () => {
    const page = await openPage();
    let readOnly = 0;
    for (const example of CASES.slice(0, 4)) {
      await typeText(page, example.text);
      await page.click("#tab-picture");
      const pod = example.pod();
      const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
      const boxes = await inPage<string[]>(
        page,
        `[...document.querySelectorAll("#picture svg g.container")].map((g) => g.getAttribute("data-container"))`,
      );
      expect(boxes, example.name).toEqual(containers.map((c) => c.name));
      const mounts = containers.flatMap((c) =>
        (c.volumeMounts ?? []).map((m) => ({ c: c.name, v: m.name, ro: m.readOnly === true })),
      );
      const lines = await inPage<{ c: string; v: string; ro: boolean; dashed: boolean }[]>(
        page,
        `[...document.querySelectorAll("#picture svg path.mount")].map((p) => ({
          c: p.getAttribute("data-container"), v: p.getAttribute("data-volume"), ro: p.classList.contains("read-only"),
          dashed: getComputedStyle(p).strokeDasharray !== "none",
        }))`,
      );
      expect(
        lines.map(({ c, v, ro }) => ({ c, v, ro })),
        example.name,
      ).toEqual(mounts);
      for (const line of lines) expect(line.dashed).toBe(line.ro);
      readOnly += lines.filter((line) => line.ro).length;
      expect(await page.locator("#picture svg g.volume").count()).toBe(pod.spec?.volumes?.length ?? 0);
      // The same, as a list for keyboards and screen readers.
      expect(await page.locator("#picture-text > ul > li").count()).toBe(
        containers.length + (pod.spec?.volumes?.length ?? 0),
      );
      expect(await page.locator("#picture-text li li", { hasText: /^mounts / }).count()).toBe(mounts.length);
      const steps = (pod.spec?.containers ?? []).filter((c) => c.name.startsWith("step-")).length;
      expect(await page.locator("#picture svg g.arrow").count()).toBeGreaterThanOrEqual(steps - 1);
    }
    // The read-only workspace of the playground's own example: the dashed lines were really checked.
    expect(readOnly).toBeGreaterThan(0);
    await page.close();
  });

  it("folds the chosen step outcome into the TaskRun status", async () => {
    const page = await openPage();
    await page.click("#tab-status");
    const steps = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#outcomes select")].map((x) => x.dataset.step)`,
    );
    expect(steps.length).toBeGreaterThan(1);
    expect(await page.textContent("#status-summary")).toContain("reason Succeeded");
    const last = steps.at(-1) as string;
    await page.selectOption(`#outcomes select[data-step="${last}"]`, "oom");
    await page.waitForFunction(
      () =>
        (globalThis as unknown as InPage).document
          .getElementById("status-summary")
          ?.textContent?.includes("reason Failed") === true,
    );
    const status = parse((await page.textContent("#status-yaml")) ?? "") as {
      status: { steps: { name: string; terminated?: { reason?: string } }[] };
    };
    expect(status.status.steps.find((s) => `step-${s.name}` === last)?.terminated?.reason).toBe("OOMKilled");
    await page.screenshot({ path: join(ARTIFACTS, "status-1280x800.png") });
    await page.close();
  });

  it("reproduces its state from a shared link", async () => {
    const page = await openPage();
    await typeText(page, CASES[2]?.text ?? "");
    // Each change writes the link once its state is encoded, after the writes before it: a link
    // written earlier must not be taken for the one of the last change.
    await afterNewLink(page, () => page.click("#tab-status"));
    const step = await page.getAttribute("#outcomes select", "data-step");
    await afterNewLink(page, () => page.selectOption("#outcomes select", "failed"));
    const url = page.url();
    const statusBefore = await page.textContent("#status-yaml");
    await page.close();

    const hash = url.slice(url.indexOf("#"));
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    const again = await openPage(hash);
    expect(await again.inputValue("#editor")).toBe(CASES[2]?.text);
    expect(await again.getAttribute("#tab-status", "aria-selected")).toBe("true");
    expect(await again.inputValue(`#outcomes select[data-step="${step}"]`)).toBe("failed");
    expect(await again.textContent("#status-yaml")).toBe(statusBefore);
    expect(await again.textContent("#pod-yaml")).toBe(renderDocument(CASES[2]?.pod(), "yaml"));
    await again.close();
  });

  it("works from the keyboard and on a narrow screen", async () => {
    const page = await openPage();
    await page.focus("#tab-pod");
    await page.keyboard.press("ArrowRight");
    expect(await inPage(page, "document.activeElement.id")).toBe("tab-picture");
    expect(await page.isVisible("#panel-picture")).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "picture-1280x800.png") });
    await page.keyboard.press("End");
    expect(await inPage(page, "document.activeElement.id")).toBe("tab-status");
    await page.keyboard.press("Home");
    expect(await page.getAttribute("#tab-pod", "aria-selected")).toBe("true");

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await inPage<number>(
      page,
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, "pod-390x844.png"), fullPage: true });
    await page.click("#tab-picture");
    await page.screenshot({ path: join(ARTIFACTS, "picture-390x844.png"), fullPage: true });
    await page.close();
  });

  it("explains the line of the Pod pointed at: rule, note and where in the text it came from", async () => {
    const page = await openPage();
    const explanation = ownExampleExplanation();
    if (explanation === undefined) throw new Error("the default release explains");
    // The first step's first argument: the entrypoint's wait for the Pod to be ready.
    const wait = "/pod/spec/containers/0/args/0";
    const line = podLineOf(wait);
    expect(await page.textContent(`#pod-line-${line}`)).toMatch(/^\s*- -wait_file$/);
    await page.hover(`#pod-line-${line}`);
    await panelShows(page, line);
    const expected = (explanation[wait] ?? []).map(({ rule, note, from }) => ({
      rule,
      note,
      ...(from === undefined ? {} : { from }),
    }));
    expect(expected.map((e) => e.rule)).toContain("entrypoint-rewrite");
    expect(await shownEntries(page, wait)).toEqual(expected);
    expect(await page.isVisible("#explain-panel")).toBe(true);

    // The `args:` line itself: the rules that made the arguments under it.
    const args = podLineOf("/pod/spec/containers/0/args");
    await page.hover(`#pod-line-${args}`);
    await panelShows(page, args);
    const rules = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#explain-panel li")].map((li) => li.dataset.rule)`,
    );
    expect(rules).toContain("entrypoint-rewrite");

    // The step's image came from the Task: its line in the text is marked, and one click away.
    const image = "/pod/spec/containers/0/image";
    const imageLine = podLineOf(image);
    await page.hover(`#pod-line-${imageLine}`);
    await panelShows(page, imageLine);
    const entries = await shownEntries(page, image);
    expect(entries).toContainEqual({
      rule: "copied",
      note: explanation[image]?.find((e) => e.rule === "copied")?.note,
      from: "task.spec.steps[0].image",
    });
    const text = read(OWN_EXAMPLE).split("\n");
    const source = Number(
      await page.getAttribute('#explain-panel .from[data-from="task.spec.steps[0].image"]', "data-line"),
    );
    expect(text[source - 1]?.trim()).toBe("image: golang:1.15");
    const marked = await inPage<number[]>(
      page,
      `[...document.querySelectorAll("#gutter .source")].map((r) => Number(r.textContent))`,
    );
    expect(marked).toContain(source);
    await page.screenshot({ path: join(ARTIFACTS, "explain-1280x800.png") });
    // Moving on to the panel keeps it (the pointer leaves the text: the line last chosen shows).
    await page.click(`#pod-line-${imageLine}`);
    await page.click('#explain-panel .from[data-from="task.spec.steps[0].image"] button');
    const caretLine = await inPage<number>(
      page,
      `(() => {
      const area = document.getElementById("editor");
      return area.value.slice(0, area.selectionStart).split("\\n").length;
    })()`,
    );
    expect(await inPage(page, "document.activeElement.id")).toBe("editor");
    expect(caretLine).toBe(source);
    await page.close();
  });

  it("explains the line focused from the keyboard, as for the pointer", async () => {
    const page = await openPage();
    const wait = "/pod/spec/containers/0/args/0";
    const line = podLineOf(wait);
    await page.hover(`#pod-line-${line}`);
    await panelShows(page, line);
    const hovered = await page.textContent("#explain-panel");
    await page.mouse.move(0, 0);

    // Tab from the copy button reaches the Pod's text (one line in the tab order); arrows move.
    await page.focus("#copy-pod");
    await page.keyboard.press("Tab");
    expect(await inPage(page, "document.activeElement.id")).toBe("pod-line-1");
    await panelShows(page, 1);
    for (let i = 1; i < line; i++) await page.keyboard.press("ArrowDown");
    expect(await inPage(page, "document.activeElement.id")).toBe(`pod-line-${line}`);
    await panelShows(page, line);
    expect(await page.textContent("#explain-panel")).toBe(hovered);
    expect(await page.getAttribute(`#pod-line-${line}`, "aria-selected")).toBe("true");
    expect(await page.getAttribute(`#pod-line-${line}`, "tabindex")).toBe("0");
    expect(await page.getAttribute("#pod-line-1", "tabindex")).toBe("-1");
    await page.keyboard.press("End");
    const last = await page.locator("#pod-yaml .line").count();
    expect(await inPage(page, "document.activeElement.id")).toBe(`pod-line-${last}`);
    await page.keyboard.press("Home");
    expect(await inPage(page, "document.activeElement.id")).toBe("pod-line-1");

    // Enter on a line whose value came from the text goes there.
    const imageLine = podLineOf("/pod/spec/containers/0/image");
    await page.focus(`#pod-line-${imageLine}`);
    await panelShows(page, imageLine);
    await page.keyboard.press("Enter");
    expect(await inPage(page, "document.activeElement.id")).toBe("editor");
    // Tab from the text reaches the panel's buttons.
    await page.focus(`#pod-line-${imageLine}`);
    await page.keyboard.press("Tab");
    expect(await inPage(page, "document.activeElement.className")).toBe("source");
    await page.close();
  });

  it("shows the reasons on a 390 px screen, at the bottom of the screen, without widening the page", async () => {
    const page = await openPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const line = podLineOf("/pod/spec/containers/0/args/0");
    await page.click(`#pod-line-${line}`);
    await panelShows(page, line);
    const box = await page.locator("#explain-panel").boundingBox();
    const lineBox = await page.locator(`#pod-line-${line}`).boundingBox();
    if (box === null || lineBox === null) throw new Error("the panel or the line is not shown");
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.y).toBeGreaterThan(844 / 3);
    // The line chosen is not under the panel.
    expect(lineBox.y + lineBox.height).toBeLessThanOrEqual(box.y);
    expect(lineBox.y).toBeGreaterThanOrEqual(0);
    expect(await page.textContent("#explain-panel")).toContain("entrypoint-rewrite");
    const overflow = await inPage<number>(
      page,
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // Far down the Pod, the panel is still on screen.
    const last = await page.locator("#pod-yaml .line").count();
    // The pointer still rests where the line was clicked: scrolling the Pod under it would make
    // it hover (and explain) another line than the keyboard's. Off the page's top corner first.
    await page.mouse.move(0, 0);
    await page.focus(`#pod-line-${last - 2}`);
    await page.keyboard.press("ArrowDown");
    await panelShows(page, last - 1);
    const below = await page.locator("#explain-panel").boundingBox();
    expect((below?.y ?? 0) + (below?.height ?? 0)).toBeLessThanOrEqual(844);
    await page.screenshot({ path: join(ARTIFACTS, "explain-390x844.png") });
    await page.close();
  });

  it("shows every release's Pod, with the reasons when the release explains and without an error when not", async () => {
    const page = await openPage();
    for (const release of TEKTON_RELEASES) {
      await page.selectOption("#profile", release);
      await page.waitForFunction(() => (globalThis as unknown as InPage).document.body.dataset["pending"] === "false");
      expect(await page.getAttribute("body", "data-state"), release).toBe("ok");
      expect(await page.isVisible("#problems"), release).toBe(false);
      expect(await podText(page), release).toBe(renderDocument(ownExamplePod(release), "yaml"));
      const explanation = ownExampleExplanation(release);
      if (explanation === undefined) {
        expect(await page.isVisible("#explain-panel"), release).toBe(false);
        expect(await page.locator("#pod-yaml .line").count(), release).toBe(0);
        expect(await page.textContent("#explain-hint"), release).toContain("not available");
      } else {
        const line = podLineOf("/pod/spec/containers/0/args/0", release);
        await page.hover(`#pod-line-${line}`);
        await panelShows(page, line);
        const entries = await shownEntries(page, "/pod/spec/containers/0/args/0");
        expect(
          entries.map((e) => e.rule),
          release,
        ).toEqual((explanation["/pod/spec/containers/0/args/0"] ?? []).map((e) => e.rule));
      }
    }
    await page.close();
  });

  it("asked nothing of the network and logged no errors", () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(
      server.requested.every(
        (path) => path === "/index.html" || path.startsWith("/assets/") || path === "/favicon.ico",
      ),
    ).toBe(true);
  });
});
