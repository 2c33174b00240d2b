/**
 * Synthetic compile inputs for the scaling benchmark. Each one is a valid TaskRun with an
 * embedded Task, so the whole pipeline (shape check, validation, substitution, workspaces,
 * scripts, Pod build, finalize) runs on it.
 */

/** Workspaces are shared by the steps: Tekton mounts every workspace in every step, so one per
 * step would make the Pod itself grow as steps × workspaces. */
const WORKSPACES = ["source", "cache"];

function taskRun(name, taskSpec, params) {
  return {
    apiVersion: "tekton.dev/v1beta1",
    kind: "TaskRun",
    metadata: { name, namespace: "bench", uid: "00000000-0000-4000-8000-000000000000" },
    spec: {
      params,
      workspaces: WORKSPACES.map((ws) => ({ name: ws, emptyDir: {} })),
      taskSpec,
    },
  };
}

/**
 * A TaskRun whose Task has `steps` steps; step i declares two params of its own, reads them in
 * its env and in a script, and works in one of the workspaces.
 */
export function stepsInput(steps) {
  const params = [];
  const values = [];
  const stepList = [];
  for (let i = 0; i < steps; i++) {
    const ws = WORKSPACES[i % WORKSPACES.length];
    params.push({ name: `message-${i}`, type: "string", description: `what step ${i} prints` });
    params.push({ name: `level-${i}`, type: "string", default: "info" });
    values.push({ name: `message-${i}`, value: `hello from step ${i}` });
    stepList.push({
      name: `step-${i}`,
      image: "docker.io/library/alpine:3.12",
      workingDir: `$(workspaces.${ws}.path)/work-${i}`,
      env: [
        { name: "MESSAGE", value: `$(params.message-${i})` },
        { name: "LEVEL", value: `$(params.level-${i})` },
        { name: "RUN", value: "$(context.taskRun.name)" },
      ],
      script: [
        "#!/bin/sh",
        "set -e",
        `echo "[$(params.level-${i})] $(params.message-${i})" > "$(workspaces.${ws}.path)/out-${i}.txt"`,
        `cat "$(workspaces.${ws}.path)/out-${i}.txt"`,
        "",
      ].join("\n"),
    });
  }
  const taskSpec = {
    params,
    workspaces: WORKSPACES.map((ws) => ({ name: ws, mountPath: `/workspace/${ws}` })),
    steps: stepList,
  };
  return { taskRun: taskRun(`steps-${steps}`, taskSpec, values) };
}

/**
 * A TaskRun whose Task declares `count` params, all given values by the TaskRun; ten script
 * steps each read a tenth of them, so substitution sees every param once.
 */
export function paramsInput(count) {
  const params = [];
  const values = [];
  for (let i = 0; i < count; i++) {
    params.push({ name: `p${i}`, type: "string", default: `default-${i}` });
    values.push({ name: `p${i}`, value: `value-${i}` });
  }
  const steps = [];
  const perStep = Math.ceil(count / 10);
  for (let s = 0; s < 10; s++) {
    const lines = ["#!/bin/sh"];
    for (let i = s * perStep; i < Math.min(count, (s + 1) * perStep); i++) lines.push(`echo "$(params.p${i})"`);
    steps.push({ name: `print-${s}`, image: "docker.io/library/alpine:3.12", script: `${lines.join("\n")}\n` });
  }
  const taskSpec = { params, workspaces: WORKSPACES.map((ws) => ({ name: ws })), steps };
  return { taskRun: taskRun(`params-${count}`, taskSpec, values) };
}
