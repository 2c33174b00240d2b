/**
 * fast-check arbitraries for PipelineResources: valid git, image, storage (gcs, build-gcs),
 * pullRequest, cluster and cloudEvent specs, and whole resource setups — Task declarations,
 * TaskRun bindings (by resourceRef or embedded resourceSpec, with optional `paths`), the
 * PipelineResources the refs name, and optionally a PipelineRun owner and an artifact bucket —
 * that Tekton v0.20.1 accepts. {@link withResources} grafts a setup onto any compile input.
 */
import fc from "fast-check";
import type {
  CompileInput,
  PipelineResource,
  PipelineResourceSpec,
  ResourceParam,
  SecretParam,
  TaskResource,
  TaskResourceBinding,
} from "../../../src/api/types.js";

/** A DNS-1123 label of 1–12 characters, fit for a resource or binding name. */
export const resourceNameArb: fc.Arbitrary<string> = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);

const wordArb = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const urlArb = fc.tuple(wordArb, wordArb).map(([host, path]) => `https://${host}.example.com/${path}`);

function param(name: string, value: string): ResourceParam {
  return { name, value };
}

/** Optional params: included or not, each independently. */
function someParams(entries: readonly fc.Arbitrary<ResourceParam>[]): fc.Arbitrary<ResourceParam[]> {
  return fc
    .tuple(...entries.map((e) => fc.option(e, { nil: undefined })))
    .map((ps) => ps.filter((p): p is ResourceParam => p !== undefined));
}

const secretArb = (fields: readonly string[]): fc.Arbitrary<SecretParam> =>
  fc.record({ fieldName: fc.constantFrom(...fields), secretName: resourceNameArb, secretKey: wordArb });

/** A git resource spec: url plus any of revision, refspec, submodules, depth, sslVerify and proxies. */
export const gitSpecArb: fc.Arbitrary<PipelineResourceSpec> = fc
  .tuple(
    urlArb,
    someParams([
      wordArb.map((v) => param("revision", v)),
      wordArb.map((v) => param("refspec", `refs/heads/${v}`)),
      fc.constantFrom("true", "false", "maybe").map((v) => param("submodules", v)),
      fc.constantFrom("1", "0", "50", "-1", "x").map((v) => param("depth", v)),
      fc.constantFrom("true", "false").map((v) => param("sslVerify", v)),
      urlArb.map((v) => param("httpProxy", v)),
      urlArb.map((v) => param("httpsProxy", v)),
      wordArb.map((v) => param("noProxy", v)),
    ]),
    fc.constantFrom("url", "URL", "Url"),
  )
  .map(([url, rest, key]) => ({ type: "git", params: [param(key, url), ...rest] }));

/** An image resource spec: url and sometimes a digest. */
export const imageSpecArb: fc.Arbitrary<PipelineResourceSpec> = fc
  .tuple(wordArb, fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: undefined }))
  .map(([repo, digest]) => ({
    type: "image",
    params: [param("url", `gcr.io/p/${repo}`), ...(digest !== undefined ? [param("digest", `sha256:${digest}`)] : [])],
  }));

/** A gcs storage spec (file or dir, maybe with credentials) or a public build-gcs one. */
export const storageSpecArb: fc.Arbitrary<PipelineResourceSpec> = fc.oneof(
  fc
    .record({
      location: wordArb.map((w) => `gs://bucket/${w}`),
      dir: fc.boolean(),
      secrets: fc.array(secretArb(["GOOGLE_APPLICATION_CREDENTIALS", "BOTO_CONFIG", "other"]), { maxLength: 2 }),
    })
    .map(({ location, dir, secrets }) => ({
      type: "storage",
      params: [param("type", "gcs"), param("location", location), ...(dir ? [param("dir", "true")] : [])],
      ...(secrets.length > 0 ? { secrets } : {}),
    })),
  fc
    .record({
      location: wordArb.map((w) => `gs://bucket/${w}.zip`),
      artifactType: fc.constantFrom("Archive", "Manifest", "ZipArchive", "TarGzArchive"),
    })
    .map(({ location, artifactType }) => ({
      type: "storage",
      params: [param("type", "build-gcs"), param("location", location), param("artifactType", artifactType)],
    })),
);

/** A pullRequest spec, sometimes with a provider, flags and an authToken secret. */
export const pullRequestSpecArb: fc.Arbitrary<PipelineResourceSpec> = fc
  .tuple(
    urlArb,
    someParams([
      fc.constantFrom("github", "gitlab").map((v) => param("provider", v)),
      fc.constantFrom("true", "false").map((v) => param("insecure-skip-tls-verify", v)),
    ]),
    fc.option(secretArb(["authToken"]), { nil: undefined }),
  )
  .map(([url, rest, secret]) => ({
    type: "pullRequest",
    params: [param("url", url), ...rest],
    ...(secret ? { secrets: [secret] } : {}),
  }));

/** A cluster spec that passes admission: credentials, and CA data or insecure. */
export const clusterSpecArb: fc.Arbitrary<PipelineResourceSpec> = fc
  .tuple(urlArb, fc.boolean(), wordArb)
  .map(([url, withCA, user]) => ({
    type: "cluster",
    params: [
      param("url", url),
      param("username", user),
      withCA ? param("cadata", "Y2VydA==") : param("insecure", "true"),
    ],
  }));

/** A cloudEvent spec with its mandatory targetURI. */
export const cloudEventSpecArb: fc.Arbitrary<PipelineResourceSpec> = urlArb.map((u) => ({
  type: "cloudEvent",
  params: [param("targetURI", u)],
}));

/** Specs usable as inputs. */
export const inputSpecArb: fc.Arbitrary<PipelineResourceSpec> = fc.oneof(
  gitSpecArb,
  imageSpecArb,
  storageSpecArb,
  pullRequestSpecArb,
  clusterSpecArb,
);
/** Specs usable as outputs (build-gcs only makes sense as an input, but Tekton accepts it). */
export const outputSpecArb: fc.Arbitrary<PipelineResourceSpec> = fc.oneof(
  gitSpecArb,
  imageSpecArb,
  storageSpecArb,
  pullRequestSpecArb,
  cloudEventSpecArb,
);

/** Declarations, bindings and PipelineResources for one TaskRun. */
export interface ResourceSetup {
  readonly inputs: TaskResource[];
  readonly outputs: TaskResource[];
  readonly inputBindings: TaskResourceBinding[];
  readonly outputBindings: TaskResourceBinding[];
  readonly pipelineResources: PipelineResource[];
  /** Name of the owning PipelineRun, if the TaskRun is part of one. */
  readonly pipelineRun?: string;
  readonly artifactBucket?: Record<string, string>;
}

interface Entry {
  readonly name: string;
  readonly spec: PipelineResourceSpec;
  readonly byRef: boolean;
  readonly optional: boolean;
  readonly bound: boolean;
  readonly targetPath: string | undefined;
  readonly paths: string[];
}

function entryArb(specArb: fc.Arbitrary<PipelineResourceSpec>): fc.Arbitrary<Omit<Entry, "name">> {
  return fc.record({
    spec: specArb,
    byRef: fc.boolean(),
    optional: fc.boolean(),
    bound: fc.boolean(),
    targetPath: fc.option(fc.constantFrom("src", "out/dir", "/abs/dir"), { nil: undefined }),
    paths: fc.array(
      fc.tuple(wordArb, wordArb).map(([a, b]) => `${a}/${b}`),
      { maxLength: 2 },
    ),
  });
}

/** A complete, valid resource setup: names unique per direction, required ones always bound. */
export const resourceSetupArb: fc.Arbitrary<ResourceSetup> = fc
  .record({
    inputs: fc.uniqueArray(fc.tuple(resourceNameArb, entryArb(inputSpecArb)), { maxLength: 4, selector: ([n]) => n }),
    outputs: fc.uniqueArray(fc.tuple(resourceNameArb, entryArb(outputSpecArb)), { maxLength: 3, selector: ([n]) => n }),
    pipelineRun: fc.option(resourceNameArb, { nil: undefined }),
    bucket: fc.option(fc.record({ location: fc.constantFrom("gs://artifacts", "  "), withSecret: fc.boolean() }), {
      nil: undefined,
    }),
  })
  .map(({ inputs, outputs, pipelineRun, bucket }) => {
    const pipelineResources: PipelineResource[] = [];
    const build = (direction: string, list: [string, Omit<Entry, "name">][]) => {
      const declarations: TaskResource[] = [];
      const bindings: TaskResourceBinding[] = [];
      for (const [name, e] of list) {
        declarations.push({
          name,
          type: e.spec.type,
          ...(e.optional ? { optional: true } : {}),
          ...(e.targetPath !== undefined ? { targetPath: e.targetPath } : {}),
        });
        if (e.optional && !e.bound) continue;
        const paths = e.paths.length > 0 ? { paths: e.paths } : {};
        if (e.byRef) {
          const refName = `${direction}-${name}`.slice(0, 63);
          pipelineResources.push({
            apiVersion: "tekton.dev/v1alpha1",
            kind: "PipelineResource",
            metadata: { name: refName },
            spec: e.spec,
          });
          bindings.push({ name, resourceRef: { name: refName }, ...paths });
        } else {
          bindings.push({ name, resourceSpec: e.spec, ...paths });
        }
      }
      return { declarations, bindings };
    };
    const ins = build("in", inputs);
    const outs = build("out", outputs);
    return {
      inputs: ins.declarations,
      outputs: outs.declarations,
      inputBindings: ins.bindings,
      outputBindings: outs.bindings,
      pipelineResources,
      ...(pipelineRun !== undefined ? { pipelineRun } : {}),
      ...(bucket !== undefined
        ? {
            artifactBucket: {
              location: bucket.location,
              ...(bucket.withSecret
                ? {
                    "bucket.service.account.secret.name": "artifact-sa",
                    "bucket.service.account.secret.key": "key.json",
                  }
                : {}),
            },
          }
        : {}),
    };
  });

/**
 * Adds a resource setup to a compile input: declarations on the embedded Task spec (or the
 * referenced Task), bindings on the TaskRun, PipelineResources in the TaskRun's namespace,
 * the PipelineRun owner reference and the artifact bucket config.
 */
export function withResources(input: CompileInput, setup: ResourceSetup): CompileInput {
  const namespace = input.taskRun.metadata?.namespace;
  const declarations = {
    ...(setup.inputs.length > 0 ? { inputs: setup.inputs } : {}),
    ...(setup.outputs.length > 0 ? { outputs: setup.outputs } : {}),
  };
  const taskRunSpec = { ...input.taskRun.spec };
  if (taskRunSpec.taskSpec !== undefined) taskRunSpec.taskSpec = { ...taskRunSpec.taskSpec, resources: declarations };
  taskRunSpec.resources = {
    ...(setup.inputBindings.length > 0 ? { inputs: setup.inputBindings } : {}),
    ...(setup.outputBindings.length > 0 ? { outputs: setup.outputBindings } : {}),
  };
  const metadata = { ...input.taskRun.metadata };
  if (setup.pipelineRun !== undefined) {
    metadata.ownerReferences = [
      {
        apiVersion: "tekton.dev/v1beta1",
        kind: "PipelineRun",
        name: setup.pipelineRun,
        uid: "00000000-0000-0000-0000-000000000001",
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  const out: CompileInput = {
    ...input,
    taskRun: { ...input.taskRun, metadata, spec: taskRunSpec },
    pipelineResources: setup.pipelineResources.map((r) => ({
      ...r,
      metadata: { ...r.metadata, ...(namespace !== undefined ? { namespace } : {}) },
    })),
  };
  if (input.task !== undefined && taskRunSpec.taskSpec === undefined)
    out.task = { ...input.task, spec: { ...input.task.spec, resources: declarations } };
  if (setup.artifactBucket !== undefined) out.config = { ...input.config, artifactBucket: setup.artifactBucket };
  return out;
}
