/**
 * Valid TaskRuns with an embedded taskSpec, built to exercise what ends up in the Pod:
 * steps (script or command/args, env, workingDir, resources, volumeMounts), sidecars,
 * string and array params, results, workspaces bound to emptyDir/PVC/ConfigMap/Secret/
 * volumeClaimTemplate, Pod template fields, timeouts, a ServiceAccount with credentials,
 * LimitRanges and PipelineResources. Every input is one Tekton v0.20.1 accepts.
 */
import fc from "fast-check";
import type {
  CompileInput,
  Param,
  ParamSpec,
  Sidecar,
  Step,
  TaskRun,
  WorkspaceBinding,
  WorkspaceDeclaration,
} from "../../../src/api/types.js";
import { resourceSetupArb, withResources } from "./resources.js";

const labelArbs = new Map<number, fc.Arbitrary<string>>();
/** DNS-1123 labels up to `max` characters (one arbitrary per length: building one is not free). */
function label(max: number): fc.Arbitrary<string> {
  let arb = labelArbs.get(max);
  if (arb === undefined) {
    arb = fc.stringMatching(new RegExp(`^[a-z]([a-z0-9-]{0,${max - 2}}[a-z0-9])?$`));
    labelArbs.set(max, arb);
  }
  return arb;
}
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/).filter((n) => n !== "HOME");
const text = fc.string({ maxLength: 20 }).map((s) => s.replace(/\$/g, "")); // no stray $( references
const IMAGES = ["alpine", "ubuntu", "gcr.io/project/builder:v1", "golang:1.15", "registry.example.com:5000/team/tool"];
const DIGEST = `sha256:${"ab".repeat(32)}`;

const cpu = fc.constantFrom("100m", "250m", "0.5", "1", "2");
const memory = fc.constantFrom("64Mi", "128Mi", "1Gi", "512M", "2G");
const resources = fc.option(
  fc
    .record({
      cpu: fc.option(cpu, { nil: undefined }),
      memory: fc.option(memory, { nil: undefined }),
      limit: fc.boolean(),
    })
    .map(({ cpu, memory, limit }) => {
      const requests: Record<string, string> = {};
      if (cpu !== undefined) requests["cpu"] = cpu;
      if (memory !== undefined) requests["memory"] = memory;
      return limit ? { requests, limits: { cpu: "4", memory: "4Gi" } } : { requests };
    }),
  { nil: undefined },
);

interface Shape {
  readonly stringParams: string[];
  readonly arrayParams: string[];
  readonly workspaces: string[];
  readonly results: string[];
}

function reference(shape: Shape): fc.Arbitrary<string> {
  const refs = [
    ...shape.stringParams.map((p) => `$(params.${p})`),
    ...shape.workspaces.map((w) => `$(workspaces.${w}.path)`),
    ...shape.results.map((r) => `$(results.${r}.path)`),
    "$(context.taskRun.name)",
    "$(context.taskRun.namespace)",
  ];
  return fc.constantFrom(...refs);
}

function stepArb(shape: Shape, mounts: string[]): fc.Arbitrary<Omit<Step, "name">> {
  const arg = fc.oneof(text, reference(shape));
  return fc
    .record({
      image: fc.constantFrom(...IMAGES),
      body: fc.oneof(
        fc
          .array(fc.oneof(text, reference(shape)), { minLength: 1, maxLength: 3 })
          .map((lines) => ({ script: `#!/bin/sh\n${lines.map((l) => `echo "${l}"`).join("\n")}\n` })),
        fc
          .record({
            command: fc.option(
              fc.array(fc.constantFrom("/bin/sh", "-c", "make", "go"), { minLength: 1, maxLength: 2 }),
              { nil: undefined },
            ),
            args: fc.array(arg, { maxLength: 3 }),
            arrays: fc.subarray(shape.arrayParams),
          })
          .map(({ command, args, arrays }) => ({
            ...(command !== undefined ? { command } : {}),
            args: [...args, ...arrays.map((a) => `$(params.${a}[*])`)],
          })),
      ),
      env: fc.uniqueArray(fc.tuple(envName, fc.oneof(text, reference(shape))), { maxLength: 3, selector: ([n]) => n }),
      workingDir: fc.option(
        fc.constantFrom("/src", "/workspace/out", ...shape.workspaces.map((w) => `$(workspaces.${w}.path)/src`)),
        { nil: undefined },
      ),
      resources,
      mount: fc.option(fc.constantFrom(...(mounts.length > 0 ? mounts : ["-"])), { nil: undefined }),
    })
    .map(({ image, body, env, workingDir, resources, mount }) => {
      const step: Omit<Step, "name"> = { image, ...body };
      if (env.length > 0) step.env = env.map(([name, value]) => ({ name, value }));
      if (workingDir !== undefined) step.workingDir = workingDir;
      if (resources !== undefined) step.resources = resources;
      if (mount !== undefined && mount !== "-") step.volumeMounts = [{ name: mount, mountPath: `/mnt/${mount}` }];
      return step;
    });
}

const bindingSource = fc.oneof(
  fc.constant<Partial<WorkspaceBinding>>({ emptyDir: {} }),
  fc.constant<Partial<WorkspaceBinding>>({ emptyDir: { medium: "Memory" } }),
  fc.record({ claimName: label(20), readOnly: fc.boolean() }).map(
    ({ claimName, readOnly }): Partial<WorkspaceBinding> => ({
      persistentVolumeClaim: readOnly ? { claimName, readOnly } : { claimName },
    }),
  ),
  label(20).map(
    (name): Partial<WorkspaceBinding> => ({
      configMap: { name, items: [{ key: "config.json", path: "config.json" }] },
    }),
  ),
  label(20).map((secretName): Partial<WorkspaceBinding> => ({ secret: { secretName } })),
  memory.map(
    (storage): Partial<WorkspaceBinding> => ({
      volumeClaimTemplate: {
        metadata: { name: "claim" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage } } },
      },
    }),
  ),
);

const podTemplate = fc
  .record(
    {
      nodeSelector: fc.option(
        fc.dictionary(fc.constantFrom("disktype", "kubernetes.io/arch", "zone"), fc.constantFrom("ssd", "amd64", "a")),
        { nil: undefined },
      ),
      tolerations: fc.option(
        fc.constant([{ key: "dedicated", operator: "Equal", value: "ci", effect: "NoSchedule" }]),
        { nil: undefined },
      ),
      securityContext: fc.option(
        fc.record({
          runAsNonRoot: fc.boolean(),
          runAsUser: fc.integer({ min: 1, max: 65535 }),
          fsGroup: fc.integer({ min: 1, max: 65535 }),
        }),
        { nil: undefined },
      ),
      schedulerName: fc.option(fc.constantFrom("volcano", "default-scheduler"), { nil: undefined }),
      hostNetwork: fc.option(fc.boolean(), { nil: undefined }),
      dnsPolicy: fc.option(fc.constantFrom("ClusterFirst", "Default", "None"), { nil: undefined }),
      priorityClassName: fc.option(fc.constantFrom("high", "ci-low"), { nil: undefined }),
      imagePullSecrets: fc.option(fc.constant([{ name: "regcred" }]), { nil: undefined }),
      runtimeClassName: fc.option(fc.constant("gvisor"), { nil: undefined }),
      automountServiceAccountToken: fc.option(fc.boolean(), { nil: undefined }),
      enableServiceLinks: fc.option(fc.boolean(), { nil: undefined }),
      cache: fc.boolean(),
    },
    { requiredKeys: ["cache"] },
  )
  .map(({ cache, dnsPolicy, ...rest }) => {
    const template: Record<string, unknown> = Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v !== undefined),
    );
    if (dnsPolicy !== undefined) {
      template["dnsPolicy"] = dnsPolicy;
      // dnsPolicy None requires a dnsConfig with a nameserver.
      if (dnsPolicy === "None")
        template["dnsConfig"] = {
          nameservers: ["10.0.0.10"],
          searches: ["svc.cluster.local"],
          options: [{ name: "ndots", value: "2" }],
        };
    }
    if (cache) template["volumes"] = [{ name: "cache", emptyDir: {} }];
    return template;
  });

/** A shape: the names every later part may refer to. */
const shapeArb: fc.Arbitrary<Shape> = fc.uniqueArray(word, { minLength: 0, maxLength: 7 }).chain((names) =>
  fc
    .record({
      split: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
    })
    .map(({ split: [a, b, c] }) => {
      // Disjoint name sets so params, workspaces and results never collide.
      const n = names.length;
      const i = n === 0 ? 0 : a % (n + 1);
      const j = n === 0 ? 0 : i + (b % (n - i + 1));
      const k = n === 0 ? 0 : j + (c % (n - j + 1));
      return {
        stringParams: names.slice(0, i),
        arrayParams: names.slice(i, j),
        workspaces: names.slice(j, k),
        results: names.slice(k),
      };
    }),
);

/** A complete, valid compile input. */
export const taskRunInputArb: fc.Arbitrary<CompileInput> = shapeArb.chain((shape) =>
  fc
    .record({
      name: label(40),
      namespace: label(20),
      uid: fc.uuid(),
      podTemplate: fc.option(podTemplate, { nil: undefined }),
      defaults: fc.record({
        string: fc.array(fc.boolean(), { minLength: shape.stringParams.length, maxLength: shape.stringParams.length }),
      }),
      arrayValues: fc.array(fc.array(text, { maxLength: 3 }), {
        minLength: shape.arrayParams.length,
        maxLength: shape.arrayParams.length,
      }),
      stringValues: fc.array(text, { minLength: shape.stringParams.length, maxLength: shape.stringParams.length }),
      workspaces: fc.array(
        fc.record({
          source: bindingSource,
          subPath: fc.option(fc.constantFrom("sub", "a/b"), { nil: undefined }),
          mountPath: fc.boolean(),
          readOnly: fc.boolean(),
        }),
        {
          minLength: shape.workspaces.length,
          maxLength: shape.workspaces.length,
        },
      ),
      stepNames: fc.uniqueArray(fc.option(label(20), { nil: undefined }), {
        minLength: 1,
        maxLength: 5,
        selector: (n) => n ?? Symbol(),
      }),
      sidecars: fc.uniqueArray(
        fc.record({ name: label(20), image: fc.constantFrom(...IMAGES), script: fc.boolean() }),
        { maxLength: 2, selector: (s) => s.name },
      ),
      timeout: fc.option(fc.constantFrom("1h", "30m", "1h30m", "90s", "0s"), { nil: undefined }),
      credentials: fc.boolean(),
      limitRange: fc.boolean(),
      flags: fc.record({
        creds: fc.boolean(),
        sidecars: fc.boolean(),
        homeOverwrite: fc.boolean(),
        workingDir: fc.boolean(),
      }),
    })
    .chain((r) => {
      const mounts = r.podTemplate?.["volumes"] !== undefined ? ["cache"] : [];
      return fc.tuple(
        fc.constant(r),
        fc.array(stepArb(shape, mounts), { minLength: r.stepNames.length, maxLength: r.stepNames.length }),
      );
    })
    .map(([r, stepBodies]) => {
      const params: ParamSpec[] = [
        ...shape.stringParams.map(
          (name, i): ParamSpec =>
            r.defaults.string[i] ? { name, type: "string", default: `default-${name}` } : { name, type: "string" },
        ),
        ...shape.arrayParams.map((name): ParamSpec => ({ name, type: "array" })),
      ];
      const values: Param[] = [
        ...shape.stringParams.map((name, i) => ({ name, value: r.stringValues[i]! })),
        ...shape.arrayParams.map((name, i) => ({ name, value: r.arrayValues[i]! })),
      ];
      const declarations: WorkspaceDeclaration[] = shape.workspaces.map((name, i) => {
        const w = r.workspaces[i]!;
        return {
          name,
          ...(w.mountPath ? { mountPath: `/ws/${name}` } : {}),
          ...(w.readOnly ? { readOnly: true } : {}),
        };
      });
      const bindings: WorkspaceBinding[] = shape.workspaces.map((name, i) => {
        const w = r.workspaces[i]!;
        return { name, ...w.source, ...(w.subPath !== undefined ? { subPath: w.subPath } : {}) } as WorkspaceBinding;
      });
      const steps: Step[] = stepBodies.map((body, i) => {
        const name = r.stepNames[i];
        return (name !== undefined ? { name, ...body } : body) as Step;
      });
      const sidecars: Sidecar[] = r.sidecars.map((s) =>
        s.script
          ? { name: s.name, image: s.image, script: "#!/bin/sh\nsleep 3600\n" }
          : { name: s.name, image: s.image, command: ["sleep", "3600"] },
      );
      const taskRun: TaskRun = {
        apiVersion: "tekton.dev/v1beta1",
        kind: "TaskRun",
        metadata: { name: r.name, namespace: r.namespace, uid: r.uid, labels: { app: "schema-check" } },
        spec: {
          taskSpec: {
            ...(params.length > 0 ? { params } : {}),
            ...(declarations.length > 0 ? { workspaces: declarations } : {}),
            ...(shape.results.length > 0 ? { results: shape.results.map((name) => ({ name })) } : {}),
            steps,
            ...(sidecars.length > 0 ? { sidecars } : {}),
          },
          ...(values.length > 0 ? { params: values } : {}),
          ...(bindings.length > 0 ? { workspaces: bindings } : {}),
          ...(r.podTemplate !== undefined ? { podTemplate: r.podTemplate } : {}),
          ...(r.timeout !== undefined ? { timeout: r.timeout } : {}),
          ...(r.credentials ? { serviceAccountName: "builder" } : {}),
        },
      };
      const input: CompileInput = {
        taskRun,
        imageEntrypoints: Object.fromEntries(
          IMAGES.map((image) => [image, { entrypoint: ["/entry"], digest: DIGEST }]),
        ),
        config: {
          featureFlags: {
            "disable-creds-init": String(r.flags.creds),
            "running-in-environment-with-injected-sidecars": String(r.flags.sidecars),
            "disable-home-env-overwrite": String(r.flags.homeOverwrite),
            "disable-working-directory-overwrite": String(r.flags.workingDir),
          },
        },
      };
      if (r.credentials) {
        input.serviceAccount = {
          apiVersion: "v1",
          kind: "ServiceAccount",
          metadata: { name: "builder", namespace: r.namespace },
          secrets: [{ name: "git-basic" }, { name: "registry" }],
        };
        input.secrets = [
          {
            apiVersion: "v1",
            kind: "Secret",
            type: "kubernetes.io/basic-auth",
            metadata: {
              name: "git-basic",
              namespace: r.namespace,
              annotations: { "tekton.dev/git-0": "https://github.com" },
            },
            data: { username: "dXNlcg==", password: "cGFzcw==" },
          },
          {
            apiVersion: "v1",
            kind: "Secret",
            type: "kubernetes.io/dockerconfigjson",
            metadata: { name: "registry", namespace: r.namespace },
            data: { ".dockerconfigjson": "e30=" },
          },
        ];
      }
      if (r.limitRange) {
        input.limitRanges = [
          {
            apiVersion: "v1",
            kind: "LimitRange",
            metadata: { name: "limits", namespace: r.namespace },
            spec: { limits: [{ type: "Container", min: { cpu: "10m", memory: "16Mi", "ephemeral-storage": "1Mi" } }] },
          },
        ];
      }
      return input;
    }),
);

/** Some inputs also carry PipelineResources (git, image, storage, pullRequest, cluster, cloudEvent). */
export const validTaskRunInputArb: fc.Arbitrary<CompileInput> = fc.oneof(
  { weight: 3, arbitrary: taskRunInputArb },
  {
    weight: 1,
    arbitrary: fc.tuple(taskRunInputArb, resourceSetupArb).map(([input, setup]) => withResources(input, setup)),
  },
);
