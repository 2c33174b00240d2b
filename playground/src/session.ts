/**
 * What the playground shows for one text: the documents parsed, sorted by kind into a
 * `compileTaskRun` input (the same classifier the CLI uses), compiled with the chosen Tekton
 * profile, and every problem located at a line and column of the text. Pure and DOM-free, so
 * the same function runs in the page and in the Node tests that check the page against the
 * library.
 */

import { renderDocument } from "../../dist/cli/render.js";
import { parsePath } from "../../dist/errors.js";
import { yamlLineFields } from "../../dist/explain/yaml-lines.js";
import {
  CompileError,
  type CompileInput,
  type CompileResult,
  type CompileResultV112,
  DEFAULT_TEKTON_RELEASE,
  type Explanation,
  explainTaskRun,
  formatPath,
  type Issue,
  safeCompileTaskRun,
  type TaskRun,
  TEKTON_RELEASES,
  type TektonRelease,
} from "../../dist/index.js";
import {
  type AssemblyProblem,
  type AssemblyRemark,
  classifyObjects,
  describePlacement,
  type FoundObject,
  type Origin,
  type Placement,
  type SourceDocument,
  selectTaskRun,
} from "../../dist/input/classify-objects.js";
import { collectObjects } from "../../dist/input/collect-objects.js";
import { locateIn, locateIssue } from "../../dist/input/locate-issue.js";
import { parseDocumentText } from "../../dist/input/parse-documents.js";

/** The name the editor's text goes by in messages. */
export const EDITOR_FILE = "input.yaml";

/** One problem, at a place in the text when it has one. */
export interface Diagnostic {
  /** 1-based line and column in the editor's text. */
  readonly line?: number;
  readonly column?: number;
  /** The library's issue code (`duplicate-param`, …), or the playground's for reading problems. */
  readonly code: string;
  /** The issue path into the compile input, when the problem has one. */
  readonly path?: string;
  readonly message: string;
  /** What the document at that place holds, e.g. `TaskRun "greet-run"`. */
  readonly label?: string;
}

/** Everything the page shows for one text and profile. */
export interface Session {
  readonly tekton: TektonRelease;
  /** Problems that stop compilation; empty when `compiled` is there. */
  readonly errors: readonly Diagnostic[];
  /** Problems that did not stop it (the library's warnings). */
  readonly warnings: readonly Diagnostic[];
  /** Documents and objects left out, with why. */
  readonly notes: readonly string[];
  /** Where Tekton would stop, when it would (`admission`, `resolution`, …). */
  readonly stage?: string;
  /** The input handed to `compileTaskRun`, when the documents made one. */
  readonly input?: CompileInput;
  /** The compiled result, when compilation succeeded. */
  readonly compiled?: CompileResult | CompileResultV112;
  /** The Pod as `tekton-pod compile` prints it. */
  readonly podYaml?: string;
  /**
   * Why each field of the Pod is what it is (`explainTaskRun`'s explanation), keyed by JSON
   * pointer (`/pod/spec/containers/0/args/0`); absent when the release does not explain yet.
   */
  readonly explanation?: Explanation;
  /** With the explanation: for each line of `podYaml`, the fields of the Pod it shows, outermost first. */
  readonly podLines?: readonly (readonly PodField[])[];
  /** Where in the text the input field at `path` (an entry's `from`) is written, when it is. */
  readonly locate?: (path: string) => SourcePosition | undefined;
}

/** A field of the Pod, as a line of its YAML shows it. */
export interface PodField {
  /** Its JSON pointer into the explained result: `/pod/spec/containers/0/args/0`. */
  readonly pointer: string;
  /** Its path in the Pod, for people: `spec.containers[0].args[0]`. */
  readonly path: string;
}

/** A place in the editor's text. */
export interface SourcePosition {
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** What the document there holds, e.g. `TaskRun "greet-run"`. */
  readonly label: string;
  /** False when the field itself is not written there (a default): the place is its parent's. */
  readonly exact: boolean;
}

/** The profile named `value`, or the default one. */
export function releaseOf(value: string | null | undefined): TektonRelease {
  const found = TEKTON_RELEASES.find((release) => release === value);
  return found ?? DEFAULT_TEKTON_RELEASE;
}

/**
 * Reads, assembles and compiles `text` for `tekton`. A document without `kind` that maps
 * images to entrypoints stands for what the registry would say about the images (the CLI's
 * `--images` file).
 */
export function compileText(text: string, tekton: TektonRelease = DEFAULT_TEKTON_RELEASE): Session {
  const parsed = parseDocumentText(EDITOR_FILE, text);
  if (!parsed.ok) {
    const { problem } = parsed;
    return {
      tekton,
      warnings: [],
      notes: [],
      errors: [
        {
          code: "invalid-yaml",
          message: problem.message,
          ...(problem.line !== undefined ? { line: problem.line, column: problem.column ?? 1 } : {}),
          ...(problem.document !== undefined ? { label: `document ${problem.document}` } : {}),
        },
      ],
    };
  }

  const documents = parsed.documents.filter((d) => d.value !== null && d.value !== undefined);
  const kindless = documents.filter((d) => isRecord(d.value) && d.value["kind"] === undefined);
  const [images, ...moreImages] = kindless;
  const errors: Diagnostic[] = moreImages.map((d) => ({
    ...at(placementOf(d)),
    code: "several-image-documents",
    message: "only one document without kind (the image entrypoints) is read; merge them into one",
  }));
  const { objects, notes } = collectObjects(documents.filter((d) => !kindless.includes(d)));

  const selected = selectTaskRun(objects, undefined);
  if (!selected.ok)
    return { tekton, errors: [...errors, ...problemDiagnostics(selected.problem)], warnings: [], notes };
  const assembly = classifyObjects(objects, selected.value, images === undefined ? {} : { imageEntrypoints: images });
  errors.push(...assembly.problems.flatMap(problemDiagnostics));
  notes.push(...assembly.remarks.map(remarkNote));
  if (errors.length > 0) return { tekton, errors, warnings: [], notes, input: assembly.input };

  const result = compileExplained(assembly.input, tekton);
  if (!result.ok) {
    return {
      tekton,
      warnings: [],
      notes,
      input: assembly.input,
      stage: result.error.stage,
      errors: inTextOrder(result.error.issues.map((i) => issueDiagnostic(i, assembly.origins))),
    };
  }
  const { compiled, explanation } = result;
  const podYaml = renderDocument(compiled.pod, "yaml");
  const { origins } = assembly;
  return {
    tekton,
    errors: [],
    notes,
    input: assembly.input,
    compiled,
    warnings: inTextOrder(compiled.warnings.map((i) => issueDiagnostic(i, origins))),
    podYaml,
    ...(explanation === undefined
      ? {}
      : {
          explanation,
          podLines: yamlLineFields(podYaml, "/pod").map((fields) =>
            fields.map(({ pointer, segments }) => ({ pointer, path: formatPath(segments) })),
          ),
          locate: (path: string) => locateInput(path, origins),
        }),
  };
}

type Compiled =
  | { readonly ok: true; readonly compiled: CompileResult | CompileResultV112; readonly explanation?: Explanation }
  | { readonly ok: false; readonly error: CompileError };

/**
 * Compiles with the explanation when the release gives one. `explainTaskRun` refuses, at stage
 * `input`, a release whose stages do not explain yet; so does input that cannot compile at all.
 * Compiling again tells the two apart: the Pod without an explanation, or the real error.
 */
function compileExplained(input: CompileInput, tekton: TektonRelease): Compiled {
  try {
    const { explanation, ...compiled } = explainTaskRun(input, { tekton });
    return { ok: true, compiled, explanation };
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    if (error.stage !== "input") return { ok: false, error };
  }
  const result = safeCompileTaskRun(input, { tekton });
  if (!result.ok) return result;
  const { ok: _ok, ...compiled } = result;
  return { ok: true, compiled };
}

/** Where the input field at `path` (`taskRun.spec.params[1].value`) is written in the text. */
function locateInput(path: string, origins: readonly Origin[]): SourcePosition | undefined {
  const segments = parsePath(path);
  const location = segments === undefined ? undefined : locateIssue(segments, origins);
  if (location?.line === undefined) return undefined;
  return { line: location.line, column: location.column ?? 1, label: location.label, exact: location.exact };
}

/** The TaskRun of a session's input, for folding its status. */
export function taskRunOf(session: Session): TaskRun | undefined {
  return session.input?.taskRun as TaskRun | undefined;
}

/** `12:7 [code] path: message`, the one-line form the page lists. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? "" : `${d.line}:${d.column ?? 1} `;
  const path = d.path === undefined || d.path === "" ? "" : `${d.path}: `;
  return `${where}[${d.code}] ${path}${d.message}`;
}

/** Problems in the order they appear in the text (as `tekton-pod validate` lists them); unlocated ones last. */
function inTextOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): number =>
    d.line === undefined ? Number.MAX_SAFE_INTEGER : d.line * 100_000 + (d.column ?? 0);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => key(a.d) - key(b.d) || a.i - b.i)
    .map(({ d }) => d);
}

function issueDiagnostic(item: Issue, origins: readonly Origin[]): Diagnostic {
  const location = item.segments.length === 0 ? undefined : locateIssue(item.segments, origins);
  return {
    code: item.code,
    message: item.message,
    ...(item.path !== "" ? { path: item.path } : {}),
    ...(location?.line !== undefined ? { line: location.line, column: location.column ?? 1 } : {}),
    ...(location !== undefined ? { label: location.label } : {}),
  };
}

function placementOf(source: SourceDocument): Placement {
  return { source, path: [], label: `document ${source.index + 1}` };
}

function at(placement: Placement): Pick<Diagnostic, "line" | "column" | "label"> {
  const location = locateIn(placement, []);
  return {
    label: location.label,
    ...(location.line !== undefined ? { line: location.line, column: location.column ?? 1 } : {}),
  };
}

function names(objects: readonly FoundObject[]): string {
  return objects.map((o) => o.name ?? "(unnamed)").join(", ");
}

/** One diagnostic per object a problem involves, so each of them is marked in the text. */
function problemDiagnostics(problem: AssemblyProblem): Diagnostic[] {
  const code = problem.code;
  switch (problem.code) {
    case "no-task-run":
      return [{ code, message: "no TaskRun in the input; add a document of kind: TaskRun" }];
    case "several-task-runs": {
      const message = `the input has ${problem.taskRuns.length} TaskRuns (${names(problem.taskRuns)}); keep one`;
      return problem.taskRuns.map((o) => ({ ...at(o.at), code, message }));
    }
    case "ambiguous-name": {
      const message = `${problem.candidates.length} objects could be ${problem.kind} "${problem.name}"; keep one`;
      return problem.candidates.map((o) => ({ ...at(o.at), code, message }));
    }
    case "name-not-found":
      return [
        {
          code,
          message: `none of the ${problem.count} objects of kind ${problem.kind} is named "${problem.name}"; keep one`,
        },
      ];
    case "no-name":
      return [
        {
          code,
          message: `the input has ${problem.count} objects of kind ${problem.kind} and the TaskRun names none of them; keep one`,
        },
      ];
    case "duplicate-config-map":
      return [
        {
          ...at(problem.object.at),
          code,
          message: `ConfigMap "${problem.object.name ?? ""}" is given twice; keep one`,
        },
      ];
    case "images-not-a-mapping":
      return [
        {
          ...at(placementOf(problem.source)),
          code,
          message:
            'the document without kind must map image → { entrypoint: [...], digest: "sha256:…" } (or image → [entrypoint…])',
        },
      ];
  }
}

function remarkNote(remark: AssemblyRemark): string {
  const where = describePlacement(remark.object.at);
  switch (remark.code) {
    case "unread-config-map":
      return `${where}: ignored: only the ConfigMaps config-defaults, feature-flags, config-artifact-pvc and config-artifact-bucket are read`;
    case "other-task-kind":
      return `${where}: not used: the TaskRun's taskRef asks for a ${remark.wantedKind}`;
    case "unused-kind":
      return `${where}: ignored: kind ${remark.object.kind} is not used to compile`;
    case "other-task-run":
      return `${where}: ignored: compiling ${remark.chosen.at.label} instead`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
