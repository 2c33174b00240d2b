/** createPod()'s resource steps: exact steps per type, ordering, artifact storage, build errors, purity. */
import { describe, expect, it } from "vitest";
import type { CompileInput, Immutable, PipelineResourceSpec, TaskRun, TaskSpec } from "../../src/api/types.js";
import { resolveConfig } from "../../src/v0.20.1/compile/config.js";
import { addResourceSteps, resolveResources } from "../../src/v0.20.1/compile/resources/index.js";
import { caught } from "../support/errors.js";
import { deepFreeze } from "../support/freeze.js";
import { caseInput, namesFor, runCase, runStage } from "./helpers.js";

const SUFFIX = "[bcdfghjklmnpqrstvwxz2456789]{5}";

/** A one-step Task with the given resources, run with embedded resourceSpecs. */
function stage(opts: {
  inputs?: Record<string, PipelineResourceSpec>;
  outputs?: Record<string, PipelineResourceSpec>;
  owner?: string;
  paths?: string[];
  config?: CompileInput["config"];
  targetPath?: string;
}): TaskSpec {
  const decl = (m: Record<string, PipelineResourceSpec> | undefined) =>
    Object.entries(m ?? {}).map(([name, spec]) => ({
      name,
      type: spec.type,
      ...(opts.targetPath !== undefined ? { targetPath: opts.targetPath } : {}),
    }));
  const bind = (m: Record<string, PipelineResourceSpec> | undefined) =>
    Object.entries(m ?? {}).map(([name, resourceSpec]) => ({
      name,
      resourceSpec,
      ...(opts.paths ? { paths: opts.paths } : {}),
    }));
  const taskRun: TaskRun = {
    metadata: {
      name: "tr",
      namespace: "ns",
      uid: "u",
      ...(opts.owner !== undefined
        ? { ownerReferences: [{ apiVersion: "tekton.dev/v1beta1", kind: "PipelineRun", name: opts.owner, uid: "p" }] }
        : {}),
    },
    spec: {
      taskSpec: {
        resources: { inputs: decl(opts.inputs), outputs: decl(opts.outputs) },
        steps: [{ name: "main", image: "alpine", command: ["true"] }],
      },
      resources: { inputs: bind(opts.inputs), outputs: bind(opts.outputs) },
    },
  };
  return runStage({ taskRun, ...(opts.config !== undefined ? { config: opts.config } : {}) }).spec;
}

const GIT: PipelineResourceSpec = { type: "git", params: [{ name: "url", value: "https://example.com/r.git" }] };
const GCS: PipelineResourceSpec = {
  type: "storage",
  params: [
    { name: "type", value: "gcs" },
    { name: "location", value: "gs://b/o" },
  ],
};

describe("addResourceSteps", () => {
  it("prepends a git-init step for the seed's git input (seed-read-repo-run)", () => {
    const { spec } = runCase("seed-read-repo-run");
    const [git, user] = spec.steps ?? [];
    expect(git?.name).toMatch(new RegExp(`^git-source-workspace-${SUFFIX}$`));
    expect(git).toMatchObject({
      image: "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/git-init:v0.20.1",
      command: ["/ko-app/git-init"],
      args: ["-url", "https://github.com/pivotal-nader-ziada/gohelloworld", "-path", "/workspace/workspace"],
      workingDir: "/workspace",
      env: [
        { name: "TEKTON_RESOURCE_NAME", value: "workspace" },
        { name: "HOME", value: "/tekton/home" },
      ],
    });
    expect(user?.name).toBe("readme");
    expect(spec.volumes).toBeUndefined();
  });

  it("maps every git param to git-init flags and proxy env (git-input-all-params)", () => {
    const [git] = runCase("git-input-all-params").spec.steps ?? [];
    expect(git?.args).toEqual([
      "-url",
      "https://git.corp.example.com/platform/monorepo.git",
      "-path",
      "/workspace/repo",
      "-revision",
      "refs/heads/release-1.4",
      "-refspec",
      "refs/heads/release-1.4:refs/heads/release-1.4 refs/tags/*:refs/tags/*",
      "-submodules=false",
      "-depth",
      "50",
      "-sslVerify=false",
    ]);
    expect(git?.env?.map((e) => e.name)).toEqual([
      "TEKTON_RESOURCE_NAME",
      "HOME",
      "HTTP_PROXY",
      "HTTPS_PROXY",
      "NO_PROXY",
    ]);
  });

  it("keeps inputs in declaration order although Tekton walks them backwards (git-two-inputs-order)", () => {
    const input = caseInput("git-two-inputs-order");
    const declared = (input.task?.spec ?? input.taskRun.spec.taskSpec)?.resources?.inputs?.map((d) => d.name) ?? [];
    const generated = (runCase("git-two-inputs-order").spec.steps ?? []).filter((s) =>
      s.name?.startsWith("git-source-"),
    );
    expect(generated.map((s) => s.env?.[0]?.value)).toEqual(declared);
  });

  it("puts create-dir steps of later outputs first and uploads after the digest exporter (resources-all-kinds-combined)", () => {
    const names = (runCase("resources-all-kinds-combined").spec.steps ?? []).map((s) =>
      (s.name ?? "").replace(new RegExp(`-${SUFFIX}$`), ""),
    );
    expect(names).toEqual([
      "create-dir-logs",
      "create-dir-image",
      "git-source-source",
      "pr-source-pr",
      "kubeconfig",
      "build",
      "deploy",
      "collect",
      "image-digest-exporter",
      "upload-logs",
    ]);
  });

  it("serialises image outputs for the digest exporter with Go's field order", () => {
    const exporter = (runCase("example-task-multiple-output-image").spec.steps ?? []).find((s) =>
      s.name?.startsWith("image-digest-exporter-"),
    );
    expect(exporter?.command).toEqual(["/ko-app/imagedigestexporter"]);
    const json = exporter?.args?.[1] ?? "";
    expect(exporter?.args?.[0]).toBe("-images");
    const parsed = JSON.parse(json) as Record<string, string>[];
    expect(parsed).toHaveLength(2);
    expect(Object.keys(parsed[0] ?? {})).toEqual(["name", "type", "url", "digest", "OutputImageDir"]);
  });

  it("escapes <, > and & in the exporter JSON as Go does", () => {
    const spec = stage({ outputs: { img: { type: "image", params: [{ name: "url", value: "r/a<b>&c" }] } } });
    const exporter = spec.steps?.find((s) => s.name?.startsWith("image-digest-exporter-"));
    expect(exporter?.args?.[1]).toBe(
      '[{"name":"img","type":"image","url":"r/a\\u003cb\\u003e\\u0026c","digest":"","OutputImageDir":"/workspace/output/img"}]',
    );
  });

  it("writes the cluster resource as Go JSON with base64 CA data", () => {
    const spec = stage({
      inputs: {
        k8s: {
          type: "cluster",
          params: [
            { name: "url", value: "https://k" },
            { name: "cadata", value: "aGVsbG8=" },
          ],
        },
      },
    });
    const [writer] = spec.steps ?? [];
    expect(writer?.name).toMatch(new RegExp(`^kubeconfig-${SUFFIX}$`));
    expect(writer?.args).toEqual([
      "-clusterConfig",
      '{"name":"k8s","type":"cluster","url":"https://k","revision":"","username":"","password":"","namespace":"","token":"",' +
        '"Insecure":false,"cadata":"aGVsbG8=","clientKeyData":null,"clientCertificateData":null,"secrets":null}',
    ]);
  });

  it("uses a gsutil script step to fetch a gcs input and an upload step for a gcs output", () => {
    const spec = stage({
      inputs: { data: GCS },
      outputs: { out: { ...GCS, params: [...(GCS.params ?? []), { name: "dir", value: "false" }] } },
    });
    const steps = spec.steps ?? [];
    const fetch = steps.find((s) => s.name?.startsWith("fetch-data-"));
    expect(fetch?.script).toContain("gsutil cp gs://b/o /workspace/data\n");
    expect(fetch?.command).toBeUndefined();
    const upload = steps.find((s) => s.name?.startsWith("upload-out-"));
    // `dir` counts by its presence, whatever its value (Tekton's quirk).
    expect(upload?.args).toEqual(["rsync", "-d", "-r", "/workspace/output/out", "gs://b/o"]);
  });

  it("copies git inputs with paths from the PipelineRun's PVC instead of cloning", () => {
    const spec = stage({ inputs: { src: GIT }, owner: "pr1", paths: ["pr1/a/src"] });
    const names = (spec.steps ?? []).map((s) => s.name?.replace(new RegExp(`-${SUFFIX}$`), ""));
    expect(names).toEqual(["create-dir-src", "source-copy-src", "main"]);
    expect(spec.steps?.[1]?.volumeMounts).toEqual([{ name: "pr1-pvc", mountPath: "/pvc" }]);
    expect(spec.volumes).toEqual([{ name: "pr1-pvc", persistentVolumeClaim: { claimName: "pr1-pvc" } }]);
  });

  it("clones as usual when the TaskRun has paths but no PipelineRun owner", () => {
    const spec = stage({ inputs: { src: GIT }, paths: ["x"] });
    expect(spec.steps?.[0]?.command).toEqual(["/ko-app/git-init"]);
  });

  it("uses the artifact bucket when its location is set, with its secret only when name and key are both set", () => {
    const config = {
      artifactBucket: {
        location: "gs://art",
        "bucket.service.account.secret.name": "sa",
        "bucket.service.account.secret.key": "k.json",
      },
    };
    const spec = stage({ inputs: { src: GIT }, owner: "pr1", paths: ["pr1/a/src"], config });
    const names = (spec.steps ?? []).map((s) => s.name?.replace(new RegExp(`-${SUFFIX}$`), ""));
    expect(names).toEqual(["artifact-dest-mkdir-src", "artifact-copy-from-src", "main"]);
    expect(spec.steps?.[1]?.args).toEqual(["cp", "-P", "-r", "gs://art/pr1/a/src/*", "/workspace/src"]);
    expect(spec.steps?.[1]?.env).toEqual([
      { name: "GOOGLE_APPLICATION_CREDENTIALS", value: "/var/bucketsecret/sa/k.json" },
    ]);
    expect(spec.volumes).toEqual([{ name: "volume-bucket-sa", secret: { secretName: "sa" } }]);

    const noKey = stage({
      inputs: { src: GIT },
      owner: "pr1",
      paths: ["p"],
      config: { artifactBucket: { location: "gs://art", "bucket.service.account.secret.name": "sa" } },
    });
    expect(noKey.volumes).toBeUndefined();
    expect(noKey.steps?.[1]?.env).toBeUndefined();
  });

  it("falls back to the PVC when the bucket location is blank", () => {
    const spec = stage({
      inputs: { src: GIT },
      owner: "pr1",
      paths: ["p"],
      config: { artifactBucket: { location: "  \t" } },
    });
    expect(spec.steps?.[1]?.name).toMatch(/^source-copy-src-/);
  });

  it("copies storage outputs with paths to the PVC and adds its volume once", () => {
    const spec = stage({ outputs: { a: GCS, b: GCS }, owner: "pr1", paths: ["pr1/t/x"] });
    const names = (spec.steps ?? []).map((s) => s.name?.replace(new RegExp(`-${SUFFIX}$`), ""));
    expect(names).toEqual([
      "create-dir-b",
      "create-dir-a",
      "main",
      "source-mkdir-a",
      "source-copy-a",
      "upload-a",
      "source-mkdir-b",
      "source-copy-b",
      "upload-b",
    ]);
    expect(spec.volumes).toEqual([{ name: "pr1-pvc", persistentVolumeClaim: { claimName: "pr1-pvc" } }]);
  });

  it("gives steps with the same base distinct suffixes within the 63-character limit", () => {
    const long = "r".repeat(70);
    const spec = stage({
      inputs: { [long]: { type: "pullRequest", params: [{ name: "url", value: "u" }] } },
      outputs: { [long]: { type: "pullRequest", params: [{ name: "url", value: "u" }] } },
    });
    const prSteps = (spec.steps ?? []).filter((s) => s.name?.startsWith("pr-source-"));
    expect(prSteps).toHaveLength(2);
    expect(new Set(prSteps.map((s) => s.name)).size).toBe(2);
    for (const s of prSteps) expect(s.name?.length).toBe(63);
  });

  it("fails Pod creation for a build-gcs resource with secrets (err-build-gcs-with-secrets)", () => {
    const error = caught(() => runCase("err-build-gcs-with-secrets"));
    expect([error.stage, error.reason]).toEqual(["build", "CouldntGetTask"]);
    expect(error.issues[0]?.path).toBe("pipelineResources[0].spec.secrets");
    expect(error.issues[0]?.message).toContain("private-archive");
  });

  it.each([
    [
      "gcs storage without location",
      { type: "storage", params: [{ name: "type", value: "gcs" }] },
      "taskRun.spec.resources.inputs[0].resourceSpec.params",
    ],
    [
      "storage of an unknown kind",
      { type: "storage", params: [{ name: "type", value: "s3" }] },
      "taskRun.spec.resources.inputs[0].resourceSpec.params[0].value",
    ],
    [
      "build-gcs with a bad artifactType",
      {
        type: "storage",
        params: [
          { name: "type", value: "build-gcs" },
          { name: "location", value: "gs://x" },
          { name: "artifactType", value: "zip" },
        ],
      },
      "taskRun.spec.resources.inputs[0].resourceSpec.params[2].value",
    ],
    [
      "pullRequest with a non-boolean flag",
      { type: "pullRequest", params: [{ name: "insecure-skip-tls-verify", value: "yes" }] },
      "taskRun.spec.resources.inputs[0].resourceSpec.params[0].value",
    ],
    [
      "cloudEvent input without targetURI",
      { type: "cloudEvent", params: [] },
      "taskRun.spec.resources.inputs[0].resourceSpec.params",
    ],
  ] as const)("fails Pod creation for %s", (_title, spec, path) => {
    const error = caught(() => stage({ inputs: { r: spec as unknown as PipelineResourceSpec } }));
    expect([error.stage, error.reason, error.issues[0]?.path]).toEqual(["build", "CouldntGetTask", path]);
  });

  it("never changes its (deep-frozen) input and shares nothing with it", () => {
    const input = deepFreeze(structuredClone(caseInput("resources-all-kinds-combined")) as CompileInput);
    const taskSpec = input.task?.spec as Immutable<TaskSpec>;
    const resources = resolveResources({
      taskRun: input.taskRun,
      taskSpec,
      taskName: "t",
      pipelineResources: input.pipelineResources ?? [],
    });
    const before = JSON.stringify(input);
    const out = addResourceSteps({
      taskSpec,
      taskRun: input.taskRun,
      taskName: "t",
      resources,
      config: resolveConfig(input.config),
      names: namesFor(input.taskRun),
    });
    const userStep = out.steps?.find((s) => s.name === "build");
    userStep?.args?.push("changed");
    expect(JSON.stringify(input)).toBe(before);
  });

  it("is deterministic", () => {
    const a = runCase("resources-all-kinds-combined").spec;
    const b = runCase("resources-all-kinds-combined").spec;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
