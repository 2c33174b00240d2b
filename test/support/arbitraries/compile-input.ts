/**
 * fast-check arbitraries for valid `compileTaskRun` inputs: a TaskRun with an embedded
 * `taskSpec` or a `taskRef` plus its Task; 1–8 steps (named, unnamed, long and near-63-character
 * names) running a command, an image entrypoint or a script of arbitrary Unicode text (heredoc
 * look-alike lines, `$(`, quotes, backslashes, tabs, CRLF, shebangs, leading blank lines, no
 * trailing newline); env, working dirs, requests/limits, volumes and their mounts, a stepTemplate
 * and sidecars sometimes; string and array params, workspaces, results, podTemplate fields,
 * LimitRanges and feature flags. Every input is one Tekton v0.20.1 accepts and builds a Pod for.
 *
 * Quantities carry their exact value ({@link quantityValue}) so tests can check the LimitRange
 * rule without trusting the project's own Quantity code.
 */
import fc from "fast-check";
import type { Container, EnvVar, LimitRange, LimitRangeItem, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type {
  CompileConfig,
  CompileInput,
  ImageEntrypoint,
  Param,
  ParamSpec,
  PodTemplate,
  Sidecar,
  Step,
  Task,
  TaskResult,
  TaskRun,
  TaskSpec,
  WorkspaceBinding,
  WorkspaceDeclaration,
} from "../../../src/api/types.js";

/** The alphabet of generated name suffixes (k8s.io/apimachinery's rand). */
const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const OTHER_DIGEST = `sha256:${"fedcba9876543210".repeat(4)}`;

// ---------------------------------------------------------------------------------------------
// Quantities

/**
 * The exact value of a Kubernetes quantity in nano-units (10⁻⁹), or undefined when `text` is
 * not in the forms used here (decimal or binary SI suffix, or a decimal exponent).
 */
export function quantityValue(text: string): bigint | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/.exec(text);
  if (m === null || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const frac = m[3] ?? "";
  let num = BigInt(`${m[2] ?? ""}${frac}` || "0") * 10n ** 9n;
  let den = 10n ** BigInt(frac.length);
  const suffix = m[4] ?? "";
  const binary: Record<string, bigint> = {
    Ki: 1n << 10n,
    Mi: 1n << 20n,
    Gi: 1n << 30n,
    Ti: 1n << 40n,
    Pi: 1n << 50n,
    Ei: 1n << 60n,
  };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  if (binary[suffix] !== undefined) {
    num *= binary[suffix];
  } else {
    const exp = decimal[suffix] ?? Number(suffix.slice(1));
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  if (num % den !== 0n) return undefined;
  return (m[1] === "-" ? -1n : 1n) * (num / den);
}

/** The same amount written several ways Kubernetes accepts. */
function spellings(values: readonly (readonly string[])[]): fc.Arbitrary<string> {
  return fc.constantFrom(...values).chain((forms) => fc.constantFrom(...forms));
}

/** CPU amounts from a small pool (so ties are common), each in several spellings. */
export const cpuQuantityArb: fc.Arbitrary<string> = spellings([
  ["0", "0m", "0.0"],
  ["50m", "0.05", "50e-3"],
  ["100m", "0.1", "100e-3"],
  ["250m", "0.25", "250000u"],
  ["500m", "0.5", "0.50"],
  ["1", "1000m", "1.0", "1e0"],
  ["1500m", "1.5"],
  ["2", "2000m", "2e0"],
]);

/** Memory / ephemeral-storage amounts from a small pool, binary and decimal suffixes mixed. */
export const byteQuantityArb: fc.Arbitrary<string> = spellings([
  ["0"],
  ["16Mi", "16384Ki", "16777216"],
  ["64Mi", "65536Ki"],
  ["100M", "0.1G", "100000k", "1e8"],
  ["128Mi", "131072Ki", "0.125Gi"],
  ["512Mi", "0.5Gi"],
  ["1Gi", "1024Mi", "1073741824"],
  ["1G", "1000M", "1e9"],
]);

/** The resources whose requests Tekton v0.20.1 moves to one step. */
export const TRACKED_RESOURCES = ["cpu", "memory", "ephemeral-storage"] as const;

/** A resource list with any subset of cpu, memory and ephemeral-storage (sometimes a GPU too). */
function resourceListArb(withExtended: boolean): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      cpu: cpuQuantityArb,
      memory: byteQuantityArb,
      "ephemeral-storage": byteQuantityArb,
      ...(withExtended ? { "nvidia.com/gpu": fc.constantFrom("1", "2") } : {}),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;
}

/** Container resources: none, limits only, requests (maybe empty) and/or limits. */
const resourcesArb: fc.Arbitrary<Container["resources"] | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 5,
    arbitrary: fc.record({ requests: resourceListArb(true), limits: resourceListArb(false) }, { requiredKeys: [] }),
  },
);

/** 0–3 LimitRanges mixing Container items (whose `min` counts) with Pod items and defaults (which do not). */
export const limitRangesArb: fc.Arbitrary<LimitRange[]> = fc
  .array(
    fc.array(
      fc.record(
        {
          type: fc.constantFrom("Container", "Container", "Pod"),
          min: fc.record(
            { cpu: cpuQuantityArb, memory: byteQuantityArb, "ephemeral-storage": byteQuantityArb },
            { requiredKeys: [] },
          ),
          default: fc.record({ cpu: cpuQuantityArb, memory: byteQuantityArb }, { requiredKeys: [] }),
          defaultRequest: fc.record({ cpu: cpuQuantityArb }, { requiredKeys: [] }),
        },
        { requiredKeys: ["type"] },
      ) as fc.Arbitrary<LimitRangeItem>,
      { minLength: 1, maxLength: 3 },
    ),
    { maxLength: 3 },
  )
  .map((ranges) =>
    ranges.map(
      (limits, i): LimitRange => ({
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name: `limits-${i}`, namespace: "ns" },
        spec: { limits },
      }),
    ),
  );

// ---------------------------------------------------------------------------------------------
// Text

const suffixArb = fc.string({ unit: fc.constantFrom(...SUFFIX_ALPHABET), minLength: 5, maxLength: 5 });

/** Lines chosen to trip up a heredoc, a shell or a YAML/JSON round trip. */
const trickyLineArb: fc.Arbitrary<string> = fc.oneof(
  suffixArb.map((s) => `script-heredoc-randomly-generated-${s}`),
  suffixArb.map((s) => `sidecar-script-heredoc-randomly-generated-${s}`),
  fc.constantFrom(
    "script-heredoc-randomly-generated",
    "EOF",
    "'EOF'",
    "cat <<EOF",
    "cat <<'EOF' > out.txt",
    "$(echo hi)",
    "$(",
    "$((1 + 2))",
    "${HOME}",
    "$HOME $1 $@ $$",
    "`date`",
    '"',
    "'",
    "\\",
    "\\\\",
    "ends with backslash \\",
    "\t",
    "\tindented with a tab",
    "  ",
    "",
    "#!/bin/bash",
    "set -e",
    'tmpfile="/tekton/scripts/not-a-real-header"',
    "touch ${tmpfile} && chmod +x ${tmpfile}",
    "cat > ${tmpfile} << 'x'",
    "printf '%s\\n' \"a\\tb\"",
    "\u00e9\u00e8 \u4e2d\u6587 \ud83d\ude80 \u2603",
    "\u2028line separator\u2029",
    "\u00a0non-breaking",
    "\r",
    "\u0001\u0007\u001b[0m",
    "\uFEFFbom",
  ),
);

/**
 * Any Unicode text without NUL: a POSIX shell cannot carry NUL in its command string (argv is
 * NUL-terminated), nor can a Pod's container args, so no script can contain it.
 */
export const unicodeTextArb = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: "binary", maxLength }).map((s) => s.replace(/\u0000/g, ""));

const scriptLineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: trickyLineArb },
  { weight: 3, arbitrary: unicodeTextArb(30) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 20 }).map((s) => s.replace(/\u0000/g, "")) },
);

/** Shebangs, some after whitespace Go's strings.TrimSpace skips (NBSP, U+3000) or does not (BOM). */
const shebangArb = fc.constantFrom(
  "#!/bin/sh",
  "#!/bin/bash",
  "#!/usr/bin/env python3",
  "#!",
  "  #!/bin/sh",
  "\t#!/bin/sh -e",
  "#!/bin/sh\r",
  "\u00a0#!/bin/sh",
  "\u3000#!/bin/sh",
  "\uFEFF#!/bin/sh",
  "# !/bin/sh",
);

/**
 * A script body: maybe leading blank lines, maybe a shebang, lines joined by LF or CRLF, and
 * no, one or two trailing newlines.
 */
export const scriptArb: fc.Arbitrary<string> = fc
  .record({
    leading: fc.array(fc.constantFrom("\n", "  \n", "\t\n", "\r\n"), { maxLength: 2 }),
    shebang: fc.option(shebangArb, { nil: undefined }),
    lines: fc.array(fc.tuple(scriptLineArb, fc.constantFrom("\n", "\n", "\r\n")), { minLength: 1, maxLength: 8 }),
    trailing: fc.constantFrom("", "\n", "\n", "\n\n", "\r\n"),
  })
  .map(({ leading, shebang, lines, trailing }) => {
    const body = lines.map(([line, eol], i) => (i === lines.length - 1 ? line : line + eol)).join("");
    return `${leading.join("")}${shebang !== undefined ? `${shebang}\n` : ""}${body}${trailing}`;
  })
  .filter((s) => s !== "");

// ---------------------------------------------------------------------------------------------
// Names

const labelArb = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), minLength: min, maxLength: max })
    .map((s) => s.replace(/^-+|-+$/g, ""))
    .filter((s) => s.length >= 1 && s.length <= 63);

const wordArb = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);

/** Step and sidecar names: short, long, and just under, at or around the 63-character limit. */
const containerNameArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: labelArb(1, 12) },
  { weight: 1, arbitrary: labelArb(20, 50) },
  { weight: 2, arbitrary: labelArb(56, 63) },
);

/**
 * Makes named containers distinct even after `step-`/`sidecar-` is prefixed and the result
 * cut to 63 characters, and keeps names off `unnamed-N` (Tekton gives an unnamed step that
 * name, so a clash is the user's error, one Tekton does not catch).
 */
function distinctNames(names: readonly (string | undefined)[], prefixLength: number): (string | undefined)[] {
  const seen = new Set<string>();
  return names.map((name, i) => {
    if (name === undefined) return undefined;
    const key = (n: string): string => n.slice(0, 63 - prefixLength).replace(/[^a-z0-9]+$/, "");
    let out = name;
    for (let k = 0; seen.has(key(out)) || /^unnamed-\d+$/.test(out); k++)
      out = `n${i}x${k}-${name}`.slice(0, 63).replace(/-+$/, "");
    seen.add(key(out));
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Task pieces

const IMAGES = [
  "alpine",
  "docker.io/library/ubuntu:20.04",
  "gcr.io/project/tool:v1.2",
  "registry.example.com:5000/team/app",
  `busybox@${OTHER_DIGEST}`,
] as const;

/** Registry answers for every image a generated step may use, so no step lacks a command. */
export const IMAGE_ENTRYPOINTS: Record<string, ImageEntrypoint> = {
  alpine: { entrypoint: ["/bin/sh"], digest: DIGEST },
  "docker.io/library/ubuntu:20.04": { entrypoint: [], cmd: ["bash"], digest: DIGEST },
  "gcr.io/project/tool:v1.2": { entrypoint: ["/ko-app/tool", "--verbose"], digest: DIGEST },
  "registry.example.com:5000/team/app": ["/app"],
  [`busybox@${OTHER_DIGEST}`]: { entrypoint: ["sh"] },
};
const STEP_TEMPLATE_IMAGE = "alpine";

interface VolumePlan {
  readonly name: string;
  readonly mountPath: string;
  readonly volume: Volume;
}

const volumeSourceArb: fc.Arbitrary<Omit<Volume, "name">> = fc.oneof(
  fc.constant({ emptyDir: {} }),
  fc.constant({ emptyDir: { medium: "Memory" } }),
  wordArb.map((w) => ({ configMap: { name: `cm-${w}` } })),
  wordArb.map((w) => ({ secret: { secretName: `secret-${w}` } })),
  wordArb.map((w) => ({ persistentVolumeClaim: { claimName: `claim-${w}` } })),
  fc.constant({ hostPath: { path: "/var/run/docker.sock", type: "Socket" } }),
);

/** Task volumes: distinct names, each mounted (when mounted) at its own path. */
const volumesArb = (prefix: string): fc.Arbitrary<VolumePlan[]> =>
  fc.uniqueArray(wordArb, { maxLength: 3 }).chain((names) =>
    fc
      .tuple(
        ...names.map((n) =>
          fc.tuple(
            volumeSourceArb,
            fc.constantFrom(`/mnt/${prefix}-${n}`, `/data/${prefix}-${n}`, `/tekton/home/${prefix}-${n}`),
          ),
        ),
      )
      .map((sources) =>
        names.map((n, i): VolumePlan => {
          const [source, mountPath] = sources[i] as [Omit<Volume, "name">, string];
          return { name: `${prefix}-${n}`, mountPath, volume: { name: `${prefix}-${n}`, ...source } };
        }),
      ),
  );

function mountsOf(
  volumes: readonly VolumePlan[],
  picks: readonly boolean[],
  readOnly: readonly boolean[],
): VolumeMount[] {
  return volumes.flatMap((v, i) =>
    picks[i] === true
      ? [{ name: v.name, mountPath: v.mountPath, ...(readOnly[i] === true ? { readOnly: true } : {}) }]
      : [],
  );
}

const envNameArb = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/);

const envArb: fc.Arbitrary<EnvVar[]> = fc
  .uniqueArray(
    fc.tuple(
      envNameArb,
      fc.oneof(
        unicodeTextArb(20).map((value) => ({ value })),
        fc.constant({ valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }),
        wordArb.map((k) => ({ valueFrom: { secretKeyRef: { name: "creds", key: k } } })),
      ),
    ),
    { maxLength: 3, selector: ([n]) => n },
  )
  .map((vars) => vars.map(([name, source]) => ({ name, ...source }) as EnvVar));

const workingDirArb = fc.option(
  fc.constantFrom(
    "src",
    "a/b/../c",
    "./build",
    "/workspace/out",
    "/workspace",
    "/tmp/work",
    "/workspace/x/../y/",
    "relative/dir",
  ),
  { nil: undefined },
);

const stepTimeoutArb = fc.option(fc.constantFrom("30s", "1h30m", "0", "2m0.5s", "100ms"), { nil: undefined });

/** What makes a step run. */
type Runner =
  | { readonly kind: "command"; readonly command: string[]; readonly args: string[] | undefined }
  | { readonly kind: "entrypoint"; readonly args: string[] | undefined }
  | { readonly kind: "script"; readonly script: string; readonly args: string[] | undefined };

const argsArb = fc.option(fc.array(unicodeTextArb(15), { maxLength: 3 }), { nil: undefined });

const runnerArb: fc.Arbitrary<Runner> = fc.oneof(
  fc.record({
    kind: fc.constant("command" as const),
    command: fc
      .array(fc.oneof(fc.constantFrom("sh", "-c", "/bin/echo", "make"), unicodeTextArb(12)), {
        minLength: 1,
        maxLength: 3,
      })
      .map((c) => (c[0] === "" ? ["run", ...c.slice(1)] : c)),
    args: argsArb,
  }),
  fc.record({ kind: fc.constant("entrypoint" as const), args: argsArb }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("script" as const), script: scriptArb, args: argsArb }) },
);

interface StepPlan {
  readonly name: string | undefined;
  readonly image: string | undefined;
  readonly runner: Runner;
  readonly env: EnvVar[];
  readonly workingDir: string | undefined;
  readonly resources: Container["resources"] | undefined;
  readonly mountPicks: boolean[];
  readonly readOnly: boolean[];
  readonly timeout: string | undefined;
  /** Index choices for `$(…)` references to params, results, workspaces and context. */
  readonly refs: number[];
}

const stepPlanArb: fc.Arbitrary<StepPlan> = fc.record({
  name: containerNameArb,
  image: fc.option(fc.constantFrom(...IMAGES), { nil: undefined, freq: 8 }),
  runner: runnerArb,
  env: envArb,
  workingDir: workingDirArb,
  resources: resourcesArb,
  mountPicks: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  readOnly: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  timeout: stepTimeoutArb,
  refs: fc.array(fc.nat(), { maxLength: 3 }),
});

interface SidecarPlan {
  readonly name: string | undefined;
  readonly image: string;
  readonly script: string | undefined;
  readonly command: string[] | undefined;
  readonly resources: Container["resources"] | undefined;
  readonly mountPicks: boolean[];
  readonly env: EnvVar[];
}

const sidecarPlanArb: fc.Arbitrary<SidecarPlan> = fc.record({
  name: containerNameArb,
  image: fc.constantFrom("docker:dind", "redis:6", "alpine"),
  script: fc.option(scriptArb, { nil: undefined }),
  command: fc.option(fc.constant(["dockerd-entrypoint.sh"]), { nil: undefined }),
  resources: resourcesArb,
  mountPicks: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  env: envArb,
});

interface ParamPlan {
  readonly name: string;
  readonly type: "string" | "array";
  readonly writeType: boolean;
  readonly default: string | string[] | undefined;
  readonly value: string | string[] | undefined;
}

const paramPlansArb: fc.Arbitrary<ParamPlan[]> = fc
  .uniqueArray(
    fc.tuple(
      fc.stringMatching(/^[a-z][a-z0-9_-]{0,9}$/),
      fc.constantFrom("string" as const, "string" as const, "array" as const),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      unicodeTextArb(16),
      fc.array(unicodeTextArb(10), { maxLength: 3 }),
      unicodeTextArb(16),
      fc.array(unicodeTextArb(10), { maxLength: 3 }),
    ),
    { maxLength: 4, selector: ([name]) => name },
  )
  .map((list) =>
    list.map(([name, type, writeType, hasDefault, supplied, sDefault, aDefault, sValue, aValue]): ParamPlan => {
      const def = hasDefault ? (type === "string" ? sDefault : aDefault) : undefined;
      const value = supplied || def === undefined ? (type === "string" ? sValue : aValue) : undefined;
      // A param without a written type takes its type from its default, else "string".
      const inferable = def !== undefined || type === "string";
      return { name, type, writeType: writeType || !inferable, default: def, value };
    }),
  );

type Source = "emptyDir" | "pvc" | "configMap" | "secret";

interface WorkspacePlan {
  readonly name: string;
  readonly optional: boolean;
  readonly readOnly: boolean;
  readonly mountPath: string | undefined;
  readonly bound: boolean;
  readonly source: Source;
  readonly subPath: string | undefined;
  readonly claim: string;
}

const workspacePlansArb: fc.Arbitrary<WorkspacePlan[]> = fc
  .uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/),
      optional: fc.boolean(),
      readOnly: fc.boolean(),
      mountPath: fc.option(fc.constantFrom("/ws/custom", "/ws/other/", "/cache"), { nil: undefined, freq: 3 }),
      bound: fc.boolean(),
      source: fc.constantFrom<Source>("emptyDir", "pvc", "configMap", "secret"),
      subPath: fc.option(fc.constantFrom("sub", "a/b"), { nil: undefined, freq: 3 }),
      claim: fc.constantFrom("shared-claim", "other-claim"),
    }),
    { maxLength: 3, selector: (w) => w.name },
  )
  .map((plans) => {
    // Distinct mount paths: Tekton rejects two workspaces at one path.
    const used = new Set<string>();
    return plans.map((w) => {
      const path = (w.mountPath ?? `/workspace/${w.name}`).replace(/\/+$/, "");
      if (used.has(path)) return { ...w, mountPath: undefined };
      used.add(path);
      return w;
    });
  });

function bindingOf(w: WorkspacePlan): WorkspaceBinding {
  const binding: WorkspaceBinding = { name: w.name };
  if (w.subPath !== undefined && w.source === "pvc") binding.subPath = w.subPath;
  switch (w.source) {
    case "emptyDir":
      binding.emptyDir = {};
      break;
    case "pvc":
      binding.persistentVolumeClaim = { claimName: w.claim };
      break;
    case "configMap":
      binding.configMap = { name: `cm-${w.name}` };
      break;
    case "secret":
      binding.secret = { secretName: `secret-${w.name}` };
      break;
  }
  return binding;
}

const podTemplateArb: fc.Arbitrary<Omit<PodTemplate, "volumes">> = fc.record(
  {
    nodeSelector: fc.constant({ "kubernetes.io/os": "linux" }),
    tolerations: fc.constant([{ key: "dedicated", operator: "Equal", value: "ci", effect: "NoSchedule" }]),
    securityContext: fc.constant({ runAsNonRoot: true, runAsUser: 1001, fsGroup: 2000 }),
    runtimeClassName: fc.constant("gvisor"),
    automountServiceAccountToken: fc.boolean(),
    dnsPolicy: fc.constantFrom("ClusterFirst", "None", "Default"),
    enableServiceLinks: fc.boolean(),
    priorityClassName: fc.constant("high"),
    schedulerName: fc.constant("volcano"),
    imagePullSecrets: fc.constant([{ name: "regcred" }]),
    hostNetwork: fc.boolean(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Omit<PodTemplate, "volumes">>;

const FLAG_NAMES = [
  "disable-home-env-overwrite",
  "disable-working-directory-overwrite",
  "running-in-environment-with-injected-sidecars",
  "disable-creds-init",
  "disable-affinity-assistant",
  "require-git-ssh-secret-known-hosts",
] as const;

const featureFlagsArb: fc.Arbitrary<Record<string, string>> = fc
  .subarray([...FLAG_NAMES])
  .chain((names) =>
    fc
      .tuple(...names.map(() => fc.constantFrom("true", "false")))
      .map((values) => Object.fromEntries(names.map((n, i) => [n, values[i] as string]))),
  );

const configArb: fc.Arbitrary<CompileConfig | undefined> = fc.option(
  fc.record(
    {
      featureFlags: featureFlagsArb,
      defaults: fc.record(
        {
          "default-timeout-minutes": fc.constantFrom("30", "120"),
          "default-service-account": fc.constant("builder"),
          "default-managed-by-label-value": fc.constant("my-ci"),
          "default-task-run-workspace-binding": fc.constant("emptyDir: {}"),
        },
        { requiredKeys: [] },
      ),
      images: fc.record(
        { shellImage: fc.constant("busybox:1.32"), entrypointImage: fc.constant("example.com/entrypoint:v1") },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

// ---------------------------------------------------------------------------------------------
// The whole input

interface Plan {
  readonly runName: string;
  readonly uid: number;
  readonly embedded: boolean;
  readonly clusterTask: boolean;
  readonly steps: StepPlan[];
  readonly sidecars: SidecarPlan[];
  readonly stepTemplate:
    | {
        env: EnvVar[];
        image: boolean;
        workingDir: string | undefined;
        resources: Container["resources"] | undefined;
        mountPicks: boolean[];
      }
    | undefined;
  readonly volumes: VolumePlan[];
  readonly podTemplateVolumes: VolumePlan[];
  readonly params: ParamPlan[];
  readonly workspaces: WorkspacePlan[];
  readonly results: string[];
  readonly podTemplate: Omit<PodTemplate, "volumes"> | undefined;
  readonly limitRanges: LimitRange[];
  readonly config: CompileConfig | undefined;
  readonly labels: Record<string, string> | undefined;
  readonly annotations: Record<string, string> | undefined;
  readonly taskAnnotations: Record<string, string> | undefined;
  readonly timeout: string | undefined;
  readonly serviceAccountName: string | undefined;
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  runName: fc.oneof(labelArb(1, 20), labelArb(50, 63)).filter((n) => /^[a-z0-9]/.test(n)),
  uid: fc.nat(),
  embedded: fc.boolean(),
  clusterTask: fc.boolean(),
  steps: fc.array(stepPlanArb, { minLength: 1, maxLength: 8 }),
  sidecars: fc.oneof(
    { weight: 3, arbitrary: fc.constant<SidecarPlan[]>([]) },
    { weight: 2, arbitrary: fc.array(sidecarPlanArb, { minLength: 1, maxLength: 3 }) },
  ),
  stepTemplate: fc.option(
    fc.record({
      env: envArb,
      image: fc.boolean(),
      workingDir: workingDirArb,
      resources: resourcesArb,
      mountPicks: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    }),
    { nil: undefined },
  ),
  volumes: volumesArb("vol"),
  podTemplateVolumes: volumesArb("pt"),
  params: paramPlansArb,
  workspaces: workspacePlansArb,
  results: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}[a-z0-9]$/), { maxLength: 3 }),
  podTemplate: fc.option(podTemplateArb, { nil: undefined }),
  limitRanges: limitRangesArb,
  config: configArb,
  labels: fc.option(fc.constant({ app: "demo", "tekton.dev/pipeline": "p" }), { nil: undefined }),
  annotations: fc.option(fc.constant({ "example.com/note": "from the run", "tekton.dev/displayName": "Run" }), {
    nil: undefined,
  }),
  taskAnnotations: fc.option(fc.constant({ "tekton.dev/displayName": "Task", "example.com/owner": "team" }), {
    nil: undefined,
  }),
  timeout: fc.option(fc.constantFrom("1h", "1h30m", "0", "10m0s"), { nil: undefined }),
  serviceAccountName: fc.option(fc.constantFrom("sa", "default"), { nil: undefined }),
});

/** `$(…)` references a step may make: string params, results, workspaces and context. */
function referencesOf(plan: Plan): string[] {
  return [
    ...plan.params.filter((p) => p.type === "string").map((p) => `$(params.${p.name})`),
    ...plan.results.map((r) => `$(results.${r}.path)`),
    ...plan.workspaces.flatMap((w) => [`$(workspaces.${w.name}.path)`, `$(workspaces.${w.name}.bound)`]),
    "$(context.taskRun.name)",
    "$(context.taskRun.namespace)",
    "$(context.task.name)",
  ];
}

function buildStep(plan: Plan, s: StepPlan, name: string | undefined, refs: readonly string[]): Step {
  const step = {} as Step;
  if (name !== undefined) step.name = name;
  // Without a template image every step needs its own.
  const image = s.image ?? (plan.stepTemplate?.image === true ? undefined : IMAGES[0]);
  if (image !== undefined) step.image = image;
  const picked = s.refs.map((r) => refs[r % refs.length] as string);
  const arrayParams = plan.params.filter((p) => p.type === "array");
  const extraArgs = [
    ...picked,
    ...arrayParams.filter((_, i) => s.refs.includes(i)).map((p) => `$(params.${p.name}[*])`),
  ];
  const args =
    s.runner.args !== undefined || extraArgs.length > 0 ? [...(s.runner.args ?? []), ...extraArgs] : undefined;
  switch (s.runner.kind) {
    case "command":
      step.command = s.runner.command;
      break;
    case "script":
      step.script = picked.length > 0 ? `${s.runner.script}\necho ${picked.join(" ")}` : s.runner.script;
      break;
    case "entrypoint":
      break;
  }
  if (args !== undefined) step.args = args;
  if (s.env.length > 0)
    step.env =
      picked.length > 0 && s.env[0]?.value !== undefined
        ? [{ ...s.env[0], value: `${s.env[0].value}${picked[0]}` }, ...s.env.slice(1)]
        : s.env;
  if (s.workingDir !== undefined) step.workingDir = s.workingDir;
  if (s.resources !== undefined) step.resources = s.resources;
  const mounts = mountsOf([...plan.volumes, ...plan.podTemplateVolumes].slice(0, 3), s.mountPicks, s.readOnly);
  if (mounts.length > 0) step.volumeMounts = mounts;
  if (s.timeout !== undefined) step.timeout = s.timeout;
  return step;
}

function buildSidecar(plan: Plan, s: SidecarPlan, name: string | undefined): Sidecar {
  const sidecar = { image: s.image } as Sidecar;
  if (name !== undefined) sidecar.name = name;
  if (s.script !== undefined) sidecar.script = s.script;
  else if (s.command !== undefined) sidecar.command = s.command;
  if (s.resources !== undefined) sidecar.resources = s.resources;
  if (s.env.length > 0) sidecar.env = s.env;
  const mounts = mountsOf([...plan.volumes, ...plan.podTemplateVolumes].slice(0, 3), s.mountPicks, []);
  if (mounts.length > 0) sidecar.volumeMounts = mounts;
  return sidecar;
}

function buildInput(plan: Plan): CompileInput {
  const refs = referencesOf(plan);
  const stepNames = distinctNames(
    plan.steps.map((s) => s.name),
    "step-".length,
  );
  // An unnamed sidecar is named "sidecar": allow one.
  const sidecarNames = distinctNames(
    plan.sidecars.map((s, i) => (s.name === undefined && i > 0 ? `sc${i}` : s.name)),
    "sidecar-".length,
  );
  const spec: TaskSpec = { steps: plan.steps.map((s, i) => buildStep(plan, s, stepNames[i], refs)) };
  if (plan.sidecars.length > 0) spec.sidecars = plan.sidecars.map((s, i) => buildSidecar(plan, s, sidecarNames[i]));
  if (plan.stepTemplate !== undefined) {
    const t = plan.stepTemplate;
    const template = {} as Container;
    if (t.image) template.image = STEP_TEMPLATE_IMAGE;
    if (t.env.length > 0) template.env = t.env;
    if (t.workingDir !== undefined) template.workingDir = t.workingDir;
    if (t.resources !== undefined) template.resources = t.resources;
    const mounts = mountsOf(plan.volumes, t.mountPicks, []);
    if (mounts.length > 0) template.volumeMounts = mounts;
    spec.stepTemplate = template;
  }
  if (plan.volumes.length > 0) spec.volumes = plan.volumes.map((v) => v.volume);
  if (plan.params.length > 0) {
    spec.params = plan.params.map(
      (p): ParamSpec => ({
        name: p.name,
        ...(p.writeType ? { type: p.type } : {}),
        ...(p.default !== undefined ? { default: p.default } : {}),
      }),
    );
  }
  if (plan.workspaces.length > 0) {
    spec.workspaces = plan.workspaces.map(
      (w): WorkspaceDeclaration => ({
        name: w.name,
        ...(w.optional ? { optional: true } : {}),
        ...(w.readOnly ? { readOnly: true } : {}),
        ...(w.mountPath !== undefined ? { mountPath: w.mountPath } : {}),
      }),
    );
  }
  if (plan.results.length > 0)
    spec.results = plan.results.map((name): TaskResult => ({ name, description: `the ${name}` }));

  const defaultBinding = plan.config?.defaults?.["default-task-run-workspace-binding"] !== undefined;
  // Required workspaces are bound unless the config supplies a default binding.
  const bindings = plan.workspaces.filter((w) => w.bound || (!w.optional && !defaultBinding)).map(bindingOf);
  const params = plan.params.flatMap((p): Param[] => (p.value !== undefined ? [{ name: p.name, value: p.value }] : []));

  const podTemplate: PodTemplate | undefined =
    plan.podTemplate !== undefined || plan.podTemplateVolumes.length > 0
      ? {
          ...plan.podTemplate,
          ...(plan.podTemplateVolumes.length > 0 ? { volumes: plan.podTemplateVolumes.map((v) => v.volume) } : {}),
        }
      : undefined;

  const taskName = `task-${plan.runName}`.slice(0, 63).replace(/-+$/, "");
  const taskRun: TaskRun = {
    apiVersion: "tekton.dev/v1beta1",
    kind: "TaskRun",
    metadata: {
      name: plan.runName,
      namespace: "ns",
      uid: `00000000-0000-4000-8000-${plan.uid.toString(16).padStart(12, "0")}`,
      creationTimestamp: "2020-12-01T10:00:00Z",
      ...(plan.labels !== undefined ? { labels: plan.labels } : {}),
      ...(plan.annotations !== undefined ? { annotations: plan.annotations } : {}),
    },
    spec: {
      ...(plan.embedded
        ? { taskSpec: spec }
        : { taskRef: { name: taskName, ...(plan.clusterTask ? { kind: "ClusterTask" } : {}) } }),
      ...(params.length > 0 ? { params } : {}),
      ...(bindings.length > 0 ? { workspaces: bindings } : {}),
      ...(podTemplate !== undefined ? { podTemplate } : {}),
      ...(plan.timeout !== undefined ? { timeout: plan.timeout } : {}),
      ...(plan.serviceAccountName !== undefined ? { serviceAccountName: plan.serviceAccountName } : {}),
    },
  };
  const input: CompileInput = { taskRun, imageEntrypoints: IMAGE_ENTRYPOINTS };
  if (!plan.embedded) {
    const task: Task = {
      apiVersion: "tekton.dev/v1beta1",
      kind: plan.clusterTask ? "ClusterTask" : "Task",
      metadata: {
        name: taskName,
        ...(plan.clusterTask ? {} : { namespace: "ns" }),
        labels: { "app.kubernetes.io/version": "0.1" },
        ...(plan.taskAnnotations !== undefined ? { annotations: plan.taskAnnotations } : {}),
      },
      spec,
    };
    input.task = task;
  }
  // Any ServiceAccount but "default" must be given (it holds no secrets here).
  const account = plan.serviceAccountName ?? plan.config?.defaults?.["default-service-account"] ?? "default";
  if (account !== "default")
    input.serviceAccount = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: account, namespace: "ns" } };
  if (plan.limitRanges.length > 0) input.limitRanges = plan.limitRanges;
  if (plan.config !== undefined) input.config = plan.config;
  return input;
}

/**
 * A valid compile input (see the module comment for what varies). Each one is a fresh deep
 * copy: `fc.constant` hands out one shared object, and a property that mutates an output
 * aliasing its input must not leak into later runs.
 */
export const compileInputArb: fc.Arbitrary<CompileInput> = planArb.map((plan) => structuredClone(buildInput(plan)));

/** The Task spec a generated input runs: the embedded one or the referenced Task's. */
export function taskSpecOf(input: CompileInput): TaskSpec {
  return input.taskRun.spec.taskSpec ?? input.task?.spec ?? {};
}
