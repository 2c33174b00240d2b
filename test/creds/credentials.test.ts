/**
 * creds-init (src/v0.20.1/compile/credentials.ts): expectations derived from the Pods Tekton v0.20.1
 * built for the credential conformance cases, plus unit tests for the rules those cases do not
 * reach (ordering, lookups, feature flags, name lengths, purity).
 */
import type { Container, Pod, Secret, ServiceAccount, VolumeMount } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { CompileInput } from "../../src/api/types.js";
import { compareGoStrings } from "../../src/k8s/go-strings.js";
import { SuffixGenerator } from "../../src/k8s/names.js";
import { type FeatureFlags, resolveConfig } from "../../src/v0.20.1/compile/config.js";
import {
  CREDENTIALS_PATH,
  type CredentialsInit,
  credsInitHomeVolume,
  initCredentials,
} from "../../src/v0.20.1/compile/credentials.js";
import { type ConformanceCase, loadCases, normalize } from "../support/cases.js";
import { caught } from "../support/errors.js";

const SECRET_VOLUME = /^tekton-internal-secret-volume-/;
const CREDS_HOME_VOLUME = /^tekton-creds-init-home-/;
const CRED_FLAG = /^-(basic-git|ssh-git|basic-docker|docker-config|docker-cfg)=/;
const FLAGS: FeatureFlags = resolveConfig(undefined).featureFlags;

/** Cases whose Pod (or error) shows what creds-init did. */
function isCredentialCase(c: ConformanceCase): boolean {
  if (c.kind !== "compile") return false;
  if (c.area === "creds") return true;
  return (
    c.name === "seed-serviceaccount-git-ssh" ||
    c.name === "err-git-ssh-missing-known-hosts-required" ||
    /^example-.*(creds|git-ssh)/.test(c.name) ||
    /^serviceaccount-/.test(c.name) ||
    (c.tags ?? []).includes("credentials")
  );
}

const CASES = loadCases().filter(isCredentialCase);

function run(c: ConformanceCase): { creds: CredentialsInit; names: SuffixGenerator; flags: FeatureFlags } {
  const input = c.input as unknown as CompileInput;
  const config = resolveConfig(input.config);
  const names = new SuffixGenerator(`${c.name}`);
  const creds = initCredentials({
    serviceAccountName: input.taskRun.spec.serviceAccountName ?? config.defaults.serviceAccount,
    serviceAccount: input.serviceAccount,
    secrets: input.secrets ?? [],
    featureFlags: config.featureFlags,
    names,
  });
  return { creds, names, flags: config.featureFlags };
}

/** The flags the entrypoint gets between `-termination_path <path>` and the step's own flags. */
function credentialArgs(container: Container): string[] {
  const args = container.args ?? [];
  const start = args.indexOf("-termination_path") + 2;
  expect(start).toBeGreaterThan(1);
  let end = start;
  while (end < args.length && !["-timeout", "-results", "-entrypoint"].includes(args[end] ?? "")) end++;
  return args.slice(start, end);
}

function steps(pod: Pod): Container[] {
  return (pod.spec?.containers ?? []).filter((c) => c.name.startsWith("step-"));
}

describe("creds-init reproduces the Pods of the credential conformance cases", () => {
  it("covers the credential cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(CASES.filter((c) => c.area === "creds")).toHaveLength(16);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const error = c.expected.error;
      if (error !== undefined) {
        const ce = caught(() => run(c));
        expect(ce.stage).toBe(error.stage);
        expect(ce.reason).toBe(error.reason);
        return;
      }
      const pod = c.expected.pod as Pod;
      const { creds, names, flags } = run(c);
      const podSteps = steps(pod);
      expect(podSteps.length).toBeGreaterThan(0);

      // Every step carries the same flags in the same order; sidecars none.
      for (const step of podSteps) expect(credentialArgs(step)).toEqual(creds.entrypointArgs);
      for (const sidecar of (pod.spec?.containers ?? []).filter((x) => x.name.startsWith("sidecar-"))) {
        expect((sidecar.args ?? []).filter((a) => CRED_FLAG.test(a))).toEqual([]);
        expect((sidecar.volumeMounts ?? []).filter((m) => m.mountPath.startsWith("/tekton/creds"))).toEqual([]);
      }

      // Secret volumes: same order and shape (modulo the random suffix).
      const expectedVolumes = (pod.spec?.volumes ?? []).filter((v) => SECRET_VOLUME.test(v.name));
      const secretMounts = (m: VolumeMount): boolean => m.mountPath.startsWith("/tekton/creds-secrets/");
      for (const step of podSteps) {
        const expectedMounts = (step.volumeMounts ?? []).filter(secretMounts);
        expect(normalize({ v: creds.volumes, m: creds.volumeMounts })).toEqual(
          normalize({ v: expectedVolumes, m: expectedMounts }),
        );
      }

      // One fresh /tekton/creds memory volume per step, unless disable-creds-init.
      const homeVolumes = (pod.spec?.volumes ?? []).filter((v) => CREDS_HOME_VOLUME.test(v.name));
      const ours = podSteps.map(() => credsInitHomeVolume(names, flags));
      if (flags.disableCredsInit) {
        expect(ours.every((x) => x === undefined)).toBe(true);
        expect(homeVolumes).toEqual([]);
      } else {
        expect(normalize(ours.map((x) => x?.volume))).toEqual(normalize(homeVolumes));
        podSteps.forEach((step, i) => {
          const mount = (step.volumeMounts ?? []).filter((m) => m.mountPath === CREDENTIALS_PATH);
          expect(mount).toHaveLength(1);
          expect(mount[0]?.name).toBe(homeVolumes[i]?.name);
          expect(normalize([ours[i]?.volumeMount])).toEqual(normalize(mount));
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------

function secret(
  name: string,
  type: string,
  annotations?: Record<string, string>,
  data?: Record<string, string>,
): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: "ns", ...(annotations ? { annotations } : {}) },
    type,
    ...(data ? { data } : {}),
  };
}

function account(name: string, ...secretNames: string[]): ServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name },
    secrets: secretNames.map((n) => ({ name: n })),
  };
}

function init(
  sa: ServiceAccount | undefined,
  secrets: Secret[],
  opts: { name?: string; flags?: Partial<FeatureFlags> } = {},
): CredentialsInit {
  return initCredentials({
    serviceAccountName: opts.name ?? sa?.metadata?.name ?? "default",
    serviceAccount: sa,
    secrets,
    featureFlags: { ...FLAGS, ...opts.flags },
    names: new SuffixGenerator("ns/tr/uid"),
  });
}

describe("which Secrets count and in what order", () => {
  it("puts docker flags before git flags for one Secret, each sorted by annotation value", () => {
    const creds = init(account("sa", "both"), [
      secret("both", "kubernetes.io/basic-auth", {
        "tekton.dev/git-b": "https://z.example",
        "tekton.dev/docker-x": "https://reg.b",
        "tekton.dev/git-a": "https://a.example",
        "tekton.dev/docker-y": "https://reg.a",
      }),
    ]);
    expect(creds.entrypointArgs).toEqual([
      "-basic-docker=both=https://reg.a",
      "-basic-docker=both=https://reg.b",
      "-basic-git=both=https://a.example",
      "-basic-git=both=https://z.example",
    ]);
    expect(creds.volumes).toHaveLength(1);
  });

  it("follows the ServiceAccount's Secret order, not the input's, mounting only matched Secrets", () => {
    const creds = init(account("sa", "second", "plain", "first"), [
      secret("first", "kubernetes.io/basic-auth", { "tekton.dev/git-0": "https://a" }),
      secret("plain", "kubernetes.io/basic-auth"),
      secret("second", "kubernetes.io/dockerconfigjson"),
    ]);
    expect(creds.entrypointArgs).toEqual(["-docker-config=second", "-basic-git=first=https://a"]);
    expect(creds.volumes.map((v) => v.secret?.secretName)).toEqual(["second", "first"]);
    expect(creds.volumeMounts.map((m) => m.mountPath)).toEqual([
      "/tekton/creds-secrets/second",
      "/tekton/creds-secrets/first",
    ]);
    expect(creds.volumeMounts.map((m) => m.name)).toEqual(creds.volumes.map((v) => v.name));
  });

  it("uses dockercfg and dockerconfigjson Secrets without annotations, and ignores their git annotations", () => {
    const creds = init(account("sa", "cfg", "json"), [
      secret("cfg", "kubernetes.io/dockercfg", { "tekton.dev/git-0": "https://ignored" }),
      secret("json", "kubernetes.io/dockerconfigjson", { "tekton.dev/docker-0": "https://ignored" }),
    ]);
    expect(creds.entrypointArgs).toEqual(["-docker-cfg=cfg", "-docker-config=json"]);
  });

  it("ignores unannotated basic-auth/ssh-auth, Opaque, token and docker-annotated ssh Secrets", () => {
    const creds = init(account("sa", "a", "b", "c", "d", "e", "f"), [
      secret("a", "kubernetes.io/basic-auth"),
      secret("b", "kubernetes.io/ssh-auth"),
      secret("c", "Opaque", { "tekton.dev/git-0": "https://x" }),
      secret("d", "kubernetes.io/service-account-token"),
      secret("e", "kubernetes.io/ssh-auth", { "tekton.dev/docker-0": "https://x" }),
      secret("f", "kubernetes.io/basic-auth", { "tekton.dev/gitlab": "https://x", "tekton.dev/docker": "y" }),
    ]);
    expect(creds).toEqual({ entrypointArgs: [], volumes: [], volumeMounts: [] });
  });

  it("keeps duplicate annotation values and matches on the prefix alone", () => {
    const creds = init(account("sa", "s"), [
      secret("s", "kubernetes.io/ssh-auth", { "tekton.dev/git-": "github.com", "tekton.dev/git-x": "github.com" }),
    ]);
    expect(creds.entrypointArgs).toEqual(["-ssh-git=s=github.com", "-ssh-git=s=github.com"]);
  });

  it("sorts like Go: byte order of UTF-8, so uppercase before lowercase and astral after U+FFxx", () => {
    const creds = init(account("sa", "s"), [
      secret("s", "kubernetes.io/basic-auth", {
        "tekton.dev/git-0": "https://b",
        "tekton.dev/git-1": "https://\u{1F600}",
        "tekton.dev/git-2": "https://\uFF21",
        "tekton.dev/git-3": "https://B",
        "tekton.dev/git-4": "https://b/",
      }),
    ]);
    expect(creds.entrypointArgs.map((f) => f.slice("-basic-git=s=https://".length))).toEqual([
      "B",
      "b",
      "b/",
      "\uFF21",
      "\u{1F600}",
    ]);
    expect(compareGoStrings("\u{1F600}", "\uFFFF")).toBeGreaterThan(0);
    expect(compareGoStrings("a", "ab")).toBeLessThan(0);
    expect(compareGoStrings("x", "x")).toBe(0);
  });

  it("names each Secret volume tekton-internal-secret-volume-<secret>-xxxxx within 63 characters", () => {
    const long = "s".repeat(60);
    const creds = init(account("sa", long), [secret(long, "kubernetes.io/dockercfg")]);
    const name = creds.volumes[0]?.name ?? "";
    expect(name).toMatch(/^tekton-internal-secret-volume-s{27}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(name).toHaveLength(63);
    expect(creds.volumeMounts[0]).toEqual({ name, mountPath: `/tekton/creds-secrets/${long}` });
    expect(creds.volumes[0]).toEqual({ name, secret: { secretName: long } });
  });

  it("gives a Secret listed twice two volumes, as Tekton does", () => {
    const creds = init(account("sa", "x", "x"), [secret("x", "kubernetes.io/dockercfg")]);
    expect(creds.entrypointArgs).toEqual(["-docker-cfg=x", "-docker-cfg=x"]);
    expect(new Set(creds.volumes.map((v) => v.name)).size).toBe(2);
  });
});

describe("ServiceAccount and Secret lookups", () => {
  it("treats an absent ServiceAccount named default (or empty) as having no Secrets", () => {
    expect(init(undefined, [], { name: "default" }).entrypointArgs).toEqual([]);
    expect(init(undefined, [], { name: "" }).entrypointArgs).toEqual([]);
  });

  it("uses a ServiceAccount named default when the input has it", () => {
    const creds = init(account("default", "cfg"), [secret("cfg", "kubernetes.io/dockercfg")], { name: "" });
    expect(creds.entrypointArgs).toEqual(["-docker-cfg=cfg"]);
  });

  it("fails at build like a failed Get when a non-default ServiceAccount is missing", () => {
    const e = caught(() => init(undefined, [], { name: "robot" }));
    expect(e.stage).toBe("build");
    expect(e.reason).toBe("CouldntGetTask");
    expect(e.issues).toEqual([expect.objectContaining({ code: "service-account-not-found", path: "serviceAccount" })]);
    expect(e.message).toContain('serviceaccounts "robot" not found');

    const other = caught(() => init(account("someone-else"), [], { name: "robot" }));
    expect(other.message).toContain('"someone-else"');
  });

  it("fails at build when a listed Secret is missing, naming only the Secret", () => {
    const e = caught(() =>
      init(account("sa", "present", "absent"), [
        secret("present", "kubernetes.io/dockercfg", undefined, { ".dockercfg": "c2VjcmV0" }),
      ]),
    );
    expect(e.stage).toBe("build");
    expect(e.reason).toBe("CouldntGetTask");
    expect(e.issues[0]).toMatchObject({ code: "secret-not-found", path: "serviceAccount.secrets[1].name" });
    expect(e.message).toContain('secrets "absent" not found');
    expect(e.message).not.toContain("c2VjcmV0");
  });

  it("looks nothing up with disable-creds-init (no error for a missing ServiceAccount)", () => {
    const flags = { disableCredsInit: true };
    expect(init(undefined, [], { name: "robot", flags })).toEqual({
      entrypointArgs: [],
      volumes: [],
      volumeMounts: [],
    });
    expect(init(account("sa", "x"), [secret("x", "kubernetes.io/dockercfg")], { flags }).volumes).toEqual([]);
  });

  it("rejects a non-string annotation value with a CompileError, never a TypeError", () => {
    const bad = secret("s", "kubernetes.io/basic-auth");
    (bad.metadata as { annotations: unknown }).annotations = { "tekton.dev/git-0": 42 };
    const e = caught(() => init(account("sa", "s"), [bad]));
    expect(e.issues[0]?.path).toBe('secrets[0].metadata.annotations["tekton.dev/git-0"]');
  });
});

describe("require-git-ssh-secret-known-hosts", () => {
  const flags = { requireGitSSHSecretKnownHosts: true };

  it("rejects an ssh-auth Secret without known_hosts — annotated or not", () => {
    for (const annotations of [{ "tekton.dev/git-0": "github.com" }, undefined]) {
      const e = caught(() =>
        init(
          account("sa", "ok", "ssh"),
          [
            secret("ok", "kubernetes.io/basic-auth"),
            secret("ssh", "kubernetes.io/ssh-auth", annotations, { "ssh-privatekey": "UFJJVkFURQ==" }),
          ],
          { flags },
        ),
      );
      expect(e.stage).toBe("build");
      expect(e.reason).toBe("TaskRunValidationFailed");
      expect(e.issues[0]).toMatchObject({ code: "missing-known-hosts", path: "secrets[1].data" });
      expect(e.message).toContain("TaskRun validation failed");
      expect(e.message).not.toContain("UFJJVkFURQ==");
    }
  });

  it("accepts known_hosts in data (even empty) or stringData, and ignores other types", () => {
    const withData = secret("a", "kubernetes.io/ssh-auth", { "tekton.dev/git-0": "github.com" }, { known_hosts: "" });
    const withStringData: Secret = { ...secret("b", "kubernetes.io/ssh-auth"), stringData: { known_hosts: "x" } };
    const basic = secret("c", "kubernetes.io/basic-auth", { "tekton.dev/git-0": "https://github.com" });
    const creds = init(account("sa", "a", "b", "c"), [withData, withStringData, basic], { flags });
    expect(creds.entrypointArgs).toEqual(["-ssh-git=a=github.com", "-basic-git=c=https://github.com"]);
  });

  it("is not checked when the flag is off", () => {
    const creds = init(account("sa", "s"), [secret("s", "kubernetes.io/ssh-auth", { "tekton.dev/git-0": "h" })]);
    expect(creds.entrypointArgs).toEqual(["-ssh-git=s=h"]);
  });
});

describe("per-step credential home and purity", () => {
  it("hands out a fresh Memory emptyDir at /tekton/creds per call", () => {
    const names = new SuffixGenerator("ns/tr/uid");
    const a = credsInitHomeVolume(names, FLAGS);
    const b = credsInitHomeVolume(names, FLAGS);
    expect(a?.volume).toEqual({ name: a?.volume.name, emptyDir: { medium: "Memory" } });
    expect(a?.volumeMount).toEqual({ name: a?.volume.name, mountPath: "/tekton/creds" });
    expect(a?.volume.name).toMatch(/^tekton-creds-init-home-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(b?.volume.name).not.toBe(a?.volume.name);
    expect(credsInitHomeVolume(names, { ...FLAGS, disableCredsInit: true })).toBeUndefined();
    expect(CREDENTIALS_PATH).toBe("/tekton/creds");
  });

  it("is deterministic and leaves deep-frozen inputs untouched", () => {
    const sa = deepFreeze(account("sa", "g", "d"));
    const secrets = deepFreeze([
      secret(
        "g",
        "kubernetes.io/ssh-auth",
        { "tekton.dev/git-1": "b.com", "tekton.dev/git-0": "a.com" },
        { known_hosts: "aw==" },
      ),
      secret("d", "kubernetes.io/basic-auth", { "tekton.dev/docker-0": "https://r" }),
    ]);
    const before = JSON.stringify({ sa, secrets });
    const first = init(sa, secrets, { flags: { requireGitSSHSecretKnownHosts: true } });
    const second = init(sa, secrets, { flags: { requireGitSSHSecretKnownHosts: true } });
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    expect(JSON.stringify({ sa, secrets })).toBe(before);
    expect(first.entrypointArgs).toEqual(["-ssh-git=g=a.com", "-ssh-git=g=b.com", "-basic-docker=d=https://r"]);
    // No undefined-valued keys anywhere (Go omitempty).
    expect(JSON.stringify(first)).toBe(JSON.stringify(JSON.parse(JSON.stringify(first))));
    const hasUndefined = (v: unknown): boolean =>
      typeof v === "object" && v !== null && Object.values(v).some((x) => x === undefined || hasUndefined(x));
    expect(hasUndefined(first)).toBe(false);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
