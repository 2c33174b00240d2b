/**
 * Secrets stay secret: whatever a Secret's `data` / `stringData` hold, none of it reaches the
 * creds-init output (flags, volumes, mounts), a CompileError, or — once the pipeline exists —
 * anything compileTaskRun returns. Two statements of it, each with a fixed fast-check seed:
 *  1. the outcome does not depend on the values at all (blanking them changes nothing), and
 *  2. no value (nor its base64 decoding) occurs in the outcome's text unless it already occurs
 *     in the outcome computed with the values blanked (then it is a name or URL, not a leak).
 */

import fc from "fast-check";
import type { Secret, ServiceAccount } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { CompileError } from "../../src/errors.js";
import { SuffixGenerator } from "../../src/k8s/names.js";
import { type FeatureFlags, resolveConfig } from "../../src/v0.20.1/compile/config.js";
import { initCredentials } from "../../src/v0.20.1/compile/credentials.js";
import { SEED } from "../support/seed.js";

const RUNS = 300;
const FLAGS: FeatureFlags = resolveConfig(undefined).featureFlags;
const MIN_CHECKED_LENGTH = 4;

const SECRET_TYPES = [
  "kubernetes.io/basic-auth",
  "kubernetes.io/ssh-auth",
  "kubernetes.io/dockercfg",
  "kubernetes.io/dockerconfigjson",
  "kubernetes.io/service-account-token",
  "Opaque",
] as const;
const DATA_KEYS = ["username", "password", "ssh-privatekey", "known_hosts", ".dockercfg", ".dockerconfigjson", "token"];

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const url = fc.oneof(fc.constantFrom("https://github.com", "github.com", "https://gcr.io", "localhost"), fc.webUrl());
const annotationKey = fc.oneof(
  fc.nat(9).map((n) => `tekton.dev/git-${n}`),
  fc.nat(9).map((n) => `tekton.dev/docker-${n}`),
  fc.constantFrom("kubernetes.io/service-account.name", "example.com/note"),
);
const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
/** Raw text, "marked" text that no name or URL can contain, and base64 of random bytes. */
const secretValue = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40, unit: "binary" }),
  fc.string({ minLength: 6, maxLength: 40 }).map((s) => `S3CR3T_${s}`),
  fc.uint8Array({ minLength: 3, maxLength: 48 }).map(toBase64),
  fc.string({ minLength: 3, maxLength: 30 }).map((s) => toBase64(new TextEncoder().encode(`pw:${s}`))),
);
const valueMap = fc.dictionary(fc.constantFrom(...DATA_KEYS), secretValue, { maxKeys: 4 });

interface Scenario {
  saName: string;
  saGiven: boolean;
  saListed: string[];
  secrets: Secret[];
  flags: FeatureFlags;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    saName: fc.oneof(fc.constant("default"), fc.constant(""), name),
    saGiven: fc.boolean(),
    secrets: fc.uniqueArray(
      fc.record({
        name,
        type: fc.option(fc.constantFrom(...SECRET_TYPES), { nil: undefined }),
        annotations: fc.option(fc.dictionary(annotationKey, url, { maxKeys: 4 }), { nil: undefined }),
        data: fc.option(valueMap, { nil: undefined }),
        stringData: fc.option(valueMap, { nil: undefined }),
      }),
      { maxLength: 5, selector: (s) => s.name },
    ),
    extraListed: fc.array(name, { maxLength: 1 }),
    dropSome: fc.array(fc.boolean(), { maxLength: 5 }),
    requireKnownHosts: fc.boolean(),
    disableCredsInit: fc.nat(4).map((n) => n === 0),
  })
  .map((r) => ({
    saName: r.saName,
    saGiven: r.saGiven,
    saListed: [...r.secrets.filter((_, i) => r.dropSome[i] !== true).map((s) => s.name), ...r.extraListed],
    secrets: r.secrets.map((s) => ({
      apiVersion: "v1" as const,
      kind: "Secret" as const,
      metadata: { name: s.name, namespace: "ns", ...(s.annotations ? { annotations: s.annotations } : {}) },
      ...(s.type ? { type: s.type } : {}),
      ...(s.data ? { data: s.data } : {}),
      ...(s.stringData ? { stringData: s.stringData } : {}),
    })),
    flags: { ...FLAGS, requireGitSSHSecretKnownHosts: r.requireKnownHosts, disableCredsInit: r.disableCredsInit },
  }));

function serviceAccount(s: Scenario): ServiceAccount | undefined {
  if (!s.saGiven) return undefined;
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: s.saName || "default" },
    secrets: s.saListed.map((n) => ({ name: n })),
  };
}

/** Every value the Secrets hold, plus the text of base64 values that decode to UTF-8. */
function secretValues(secrets: readonly Secret[]): string[] {
  const out: string[] = [];
  for (const secret of secrets) {
    for (const map of [secret.data, secret.stringData]) {
      for (const value of Object.values(map ?? {})) {
        out.push(value);
        if (/^[A-Za-z0-9+/]+=*$/.test(value) && value.length % 4 === 0) {
          const decoded = Buffer.from(value, "base64").toString("utf8");
          if (!decoded.includes("\uFFFD")) out.push(decoded);
        }
      }
    }
  }
  return out;
}

/** Same Secrets with every value replaced by the same harmless text (keys kept). */
function blanked(secrets: readonly Secret[]): Secret[] {
  const blank = (m: Record<string, string> | undefined) =>
    m === undefined ? undefined : Object.fromEntries(Object.keys(m).map((k) => [k, ""]));
  return secrets.map((s) => {
    const data = blank(s.data);
    const stringData = blank(s.stringData);
    return { ...s, ...(data ? { data } : {}), ...(stringData ? { stringData } : {}) };
  });
}

/** The outcome as text: the output, or the error's stage, reason, message and issues. */
function outcome(fn: () => unknown): string {
  try {
    return JSON.stringify({ ok: fn() });
  } catch (e) {
    // By name: with TEST_DIST=1 the error is the built package's CompileError, another class.
    if (!(e instanceof Error) || e.name !== "CompileError") throw e;
    const { stage, reason, message, issues } = e as CompileError;
    return JSON.stringify({ stage, reason, message, issues });
  }
}

/** Checks both statements; returns how many values were long and distinctive enough to check. */
function checkNoLeak(actual: string, baseline: string, values: readonly string[]): number {
  expect(actual).toBe(baseline);
  let checked = 0;
  for (const value of values) {
    if (value.length < MIN_CHECKED_LENGTH) continue;
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) {
      if (baseline.includes(form)) continue;
      checked++;
      if (actual.includes(form)) throw new Error(`secret value leaked: ${JSON.stringify(form)}`);
    }
  }
  return checked;
}

function assertWithSeed(property: fc.IProperty<[Scenario]>): void {
  try {
    fc.assert(property, { seed: SEED, numRuns: RUNS });
  } catch (e) {
    throw new Error(`secret-leak property failed (fast-check seed ${SEED}):\n${String(e)}`);
  }
}

describe("secret values never leak", () => {
  it("initCredentials: output and errors do not depend on, nor contain, Secret data", () => {
    let checked = 0;
    let errors = 0;
    assertWithSeed(
      fc.property(scenario, (s) => {
        const call = (secrets: Secret[]) => () =>
          initCredentials({
            serviceAccountName: s.saName,
            serviceAccount: serviceAccount(s),
            secrets,
            featureFlags: s.flags,
            names: new SuffixGenerator("ns/tr/uid"),
          });
        const actual = outcome(call(s.secrets));
        if (actual.startsWith('{"stage"')) errors++;
        checked += checkNoLeak(actual, outcome(call(blanked(s.secrets))), secretValues(s.secrets));
      }),
    );
    // The property must have had something to bite on: many values checked, errors included.
    expect(checked).toBeGreaterThan(RUNS);
    expect(errors).toBeGreaterThan(10);
  });

  it("compileTaskRun: nothing it returns or throws contains Secret data", async () => {
    // Through the public API (the built package with TEST_DIST=1), imported lazily so the
    // initCredentials property above still reports when the pipeline fails to load.
    const { api } = await import("../support/api.js");
    const { deepFreeze } = await import("../support/freeze.js");
    const compile = (input: unknown): unknown => api.compileTaskRun(deepFreeze(input) as never);
    let checked = 0;
    let pods = 0;
    assertWithSeed(
      fc.property(scenario, (s) => {
        const input = (secrets: Secret[]) => ({
          taskRun: {
            apiVersion: "tekton.dev/v1beta1",
            kind: "TaskRun",
            metadata: { name: "leak", namespace: "ns", uid: "0f0e0d0c-0000-4000-8000-000000000001" },
            spec: {
              ...(s.saName ? { serviceAccountName: s.saName } : {}),
              taskSpec: {
                steps: [
                  {
                    name: "clone",
                    image: "docker.io/alpine/git:v2.26.2",
                    command: ["git"],
                    args: ["ls-remote", "$(credentials.path)"],
                  },
                  {
                    name: "script",
                    image: "docker.io/library/alpine:3.12",
                    script: "#!/bin/sh\nls $(credentials.path)\n",
                  },
                ],
              },
            },
          },
          ...(serviceAccount(s) ? { serviceAccount: serviceAccount(s) } : {}),
          secrets,
          config: {
            featureFlags: {
              "require-git-ssh-secret-known-hosts": String(s.flags.requireGitSSHSecretKnownHosts),
              "disable-creds-init": String(s.flags.disableCredsInit),
            },
          },
        });
        const actual = outcome(() => compile(input(s.secrets)));
        if (actual.startsWith('{"ok"')) pods++;
        checked += checkNoLeak(
          actual,
          outcome(() => compile(input(blanked(s.secrets)))),
          secretValues(s.secrets),
        );
      }),
    );
    expect(checked).toBeGreaterThan(RUNS);
    expect(pods).toBeGreaterThan(RUNS / 3);
  });
});
