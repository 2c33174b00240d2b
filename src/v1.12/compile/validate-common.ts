/**
 * What every v1.12 admission module shares: the settings that change what the webhook accepts
 * (feature flags, `default-forbidden-env`, the API version the object is written in), Tekton's
 * `enable-api-fields` gate, and the Kubernetes name rules (k8s.io/apimachinery
 * pkg/util/validation) that Tekton applies.
 */

import { ViewReader } from "../../read-values.js";
import type { Immutable, StepV1, TaskRunSpecV1 } from "../api/types.js";
import type { FeatureFlags } from "./config.js";

/** The feature flags admission reads (a subset of the parsed `feature-flags`). */
export type AdmissionFlags = Pick<
  FeatureFlags,
  | "enableAPIFields"
  | "enableParamEnum"
  | "enableArtifacts"
  | "enableConciseResolverSyntax"
  | "enableCELInWhenExpression"
  | "disableInlineSpec"
>;

/** Everything that changes what v1.12 admission accepts. */
export interface AdmissionRules {
  /** The API version the object is written in: v1beta1 objects are checked by v1beta1's rules. */
  readonly dialect: "v1" | "v1beta1";
  readonly flags: AdmissionFlags;
  /** `default-forbidden-env` of config-defaults: env names a TaskRun's podTemplate may not set. */
  readonly forbiddenEnv: readonly string[];
}

/**
 * Why the `enable-api-fields` gate refuses a feature that needs `want` ("alpha" or "beta"), or
 * undefined when it is allowed — Tekton's `ValidateEnabledAPIFields` message.
 */
export function apiFieldsProblem(feature: string, want: "alpha" | "beta", rules: AdmissionRules): string | undefined {
  const current = rules.flags.enableAPIFields;
  if (want === "beta" && (current === "beta" || current === "alpha")) return undefined;
  if (want === "alpha" && current === "alpha") return undefined;
  const wanted = want === "alpha" ? '"alpha"' : '"alpha" or "beta"';
  return `${feature} requires "enable-api-fields" feature gate to be ${wanted} but it is "${current}"`;
}

const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** Kubernetes' `IsDNS1123Label`: at most 63 lowercase letters, digits and `-`, alphanumeric at both ends. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_LABEL.test(name);
}

/** Kubernetes' `IsDNS1123Subdomain`: at most 253 characters of dot-separated DNS labels. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** Kubernetes' `IsQualifiedName`: what is wrong with `[prefix/]name`, or `[]`. */
export function isQualifiedName(value: string): string[] {
  // Most names have no prefix, and pass: one test then, without splitting.
  if (value.length <= 63 && !value.includes("/") && QUALIFIED_NAME.test(value)) return [];
  const parts = value.split("/");
  let name = value;
  const problems: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) problems.push("prefix part must be non-empty");
    else if (!isDnsSubdomain(prefix)) {
      problems.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    }
  } else if (parts.length > 2) {
    return [
      `a qualified name ${QUALIFIED_NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) problems.push("name part must be non-empty");
  else if (name.length > 63) problems.push("name part must be no more than 63 characters");
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) problems.push(`name part ${QUALIFIED_NAME_RULE}`);
  return problems;
}

/** Every field of a step, `undefined` where it has none. */
export type StepView = { -readonly [K in keyof StepV1]-?: Immutable<StepV1>[K] | undefined };

function emptyStepView(): StepView {
  return {
    name: undefined,
    displayName: undefined,
    image: undefined,
    command: undefined,
    args: undefined,
    workingDir: undefined,
    envFrom: undefined,
    env: undefined,
    computeResources: undefined,
    volumeMounts: undefined,
    volumeDevices: undefined,
    imagePullPolicy: undefined,
    securityContext: undefined,
    script: undefined,
    timeout: undefined,
    workspaces: undefined,
    onError: undefined,
    stdoutConfig: undefined,
    stderrConfig: undefined,
    ref: undefined,
    params: undefined,
    results: undefined,
    when: undefined,
  };
}

const stepReader = new ViewReader(emptyStepView);

/** The view of each step: what every check of a spec's steps reads. */
export function stepViews(steps: Immutable<StepV1[]>): Readonly<StepView>[] {
  const out: Readonly<StepView>[] = [];
  for (const step of steps) out.push(stepReader.read(step));
  return out;
}

/** Every field of a TaskRun's spec, v1beta1's own included, `undefined` where it has none. */
export type TaskRunSpecView = { -readonly [K in keyof TaskRunSpecV1]-?: Immutable<TaskRunSpecV1>[K] | undefined } & {
  resources: unknown;
  stepOverrides: Immutable<TaskRunSpecV1>["stepSpecs"] | undefined;
  sidecarOverrides: Immutable<TaskRunSpecV1>["sidecarSpecs"] | undefined;
};

const taskRunSpecReader = new ViewReader(
  (): TaskRunSpecView => ({
    debug: undefined,
    params: undefined,
    serviceAccountName: undefined,
    taskRef: undefined,
    taskSpec: undefined,
    status: undefined,
    statusMessage: undefined,
    retries: undefined,
    timeout: undefined,
    podTemplate: undefined,
    workspaces: undefined,
    stepSpecs: undefined,
    sidecarSpecs: undefined,
    computeResources: undefined,
    managedBy: undefined,
    resources: undefined,
    stepOverrides: undefined,
    sidecarOverrides: undefined,
  }),
);

/** The view of a TaskRun's spec, which its checks read some twenty fields of. */
export function taskRunSpecView(spec: Immutable<TaskRunSpecV1>): Readonly<TaskRunSpecView> {
  return taskRunSpecReader.read(spec);
}
