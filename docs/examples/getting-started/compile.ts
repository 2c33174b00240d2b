import { parse } from "yaml";
import { compileTaskRun, foldTaskRunStatus, safeCompileTaskRun } from "tekton-pod-compiler";

// A TaskRun exactly as you would `kubectl apply` it (here with an embedded Task).
const taskRun = parse(`
apiVersion: tekton.dev/v1beta1
kind: TaskRun
metadata: { name: hello-run, namespace: default, uid: 0d5e7d5c-1c7b-4d4a-9d3f-2a6f3c1b9e01 }
spec:
  params: [{ name: who, value: Tekton }]
  taskSpec:
    params: [{ name: who, default: world }]
    steps:
      - name: greet
        image: alpine
        script: echo "Hello, $(params.who)!"
`);

// 1. The Pod Tekton v0.20.1 would create: same input, same Pod, byte for byte.
const { pod } = compileTaskRun({ taskRun });
console.log(pod.metadata?.name); // hello-run-pod-bls7f
console.log(pod.spec?.initContainers?.map((c) => c.name)); // [ 'place-scripts', 'place-tools' ]
console.log(pod.spec?.containers.map((c) => c.name)); // [ 'step-greet' ]

// 2. A TaskRun Tekton would reject: a CompileError with Tekton's stage and a path into the input.
const broken = safeCompileTaskRun({ taskRun: { ...taskRun, spec: { ...taskRun.spec, params: [{ name: "who", value: ["a", "b"] }] } } });
if (!broken.ok) console.log(broken.error.stage, broken.error.issues[0]?.path); // resolution taskRun.spec.params[0].value

// 3. The Pod finished: fold its status into the TaskRun status the controller would write.
const finished = {
  ...pod,
  status: {
    phase: "Succeeded",
    containerStatuses: [{
      name: "step-greet", ready: false, restartCount: 0, image: "alpine", imageID: "docker-pullable://alpine@sha256:1234",
      state: { terminated: { exitCode: 0, reason: "Completed", startedAt: "2020-12-01T10:00:02Z", finishedAt: "2020-12-01T10:00:03Z" } },
    }],
  },
};
const status = foldTaskRunStatus({ taskRun, pod: finished }, { now: "2020-12-01T10:00:05Z" });
console.log(status.conditions?.[0]?.reason, status.completionTime); // Succeeded 2020-12-01T10:00:05Z
