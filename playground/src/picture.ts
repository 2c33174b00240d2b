/**
 * The Picture tab's diagram of a Pod, as data: one box per container (the init containers in a
 * first row; the steps in order, with the entrypoint wait chain, and the sidecars beside them
 * in a last row), one box per volume in the second row between them, and one line per volume
 * mount. Kept free of the DOM so
 * that the layout can be checked in Node; main.ts draws it as SVG.
 */
import type { Container, Pod, Volume } from "kubernetes-types/core/v1.js";

/** What the picture reads of a Task spec (v1beta1 or v1): its workspaces. */
export interface WorkspacesOfTask {
  readonly workspaces?: readonly { readonly name: string; readonly mountPath?: string }[];
}

/** What the picture reads of a TaskRun: its workspace bindings. */
export interface WorkspacesOfTaskRun {
  readonly spec?: { readonly workspaces?: readonly { readonly name: string }[] };
}

/** Which part of the Pod a container is. */
export type ContainerRole = "init" | "step" | "sidecar";

/** A container's box. */
export interface ContainerBox {
  readonly name: string;
  readonly role: ContainerRole;
  readonly image: string;
  /** `cpu 100m`, `memory 64Mi`, … (empty when the container requests nothing). */
  readonly requests: readonly string[];
  /** For a step that waits on something other than an earlier step: the file it waits for. */
  readonly waitsFor?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A volume's box. */
export interface VolumeBox {
  readonly name: string;
  /** The volume source, e.g. `emptyDir`, `secret tekton-creds`. */
  readonly source: string;
  /** `workspace source` when a TaskRun workspace binding became this volume. */
  readonly workspace?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An arrow from one container to the next one it waits for (or from init to steps). */
export interface Arrow {
  readonly from: string;
  readonly to: string;
  /** What the later container waits on, e.g. `/tekton/tools/0`. */
  readonly label: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** One volume mount: a line from the volume to the container. */
export interface MountLine {
  readonly container: string;
  readonly volume: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** The whole diagram. */
export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly containers: readonly ContainerBox[];
  readonly volumes: readonly VolumeBox[];
  readonly arrows: readonly Arrow[];
  readonly mounts: readonly MountLine[];
  /** Group captions: `init containers`, `steps (in order)`, `sidecars`, `volumes`. */
  readonly captions: readonly { readonly text: string; readonly x: number; readonly y: number }[];
}

const BOX_WIDTH = 176;
const GAP = 30;
const MARGIN = 16;
const CAPTION = 24;
const LINE = 15;
const VOLUME_WIDTH = 136;
const VOLUME_HEIGHT = 52;
const VOLUME_GAP = 12;
const ROW_GAP = 70;

/** How wide the diagram may be before its volume row wraps (the panel's width). */
export interface LayoutOptions {
  readonly width?: number;
}

/**
 * Lays out `pod` in three rows: the init containers (in the order they run), the volumes, and
 * the steps (in order, with the wait chain) with the sidecars beside them. Volumes sit between
 * the two rows of containers so that no mount line crosses a container. `taskSpec` and
 * `taskRun` (when given) name the workspaces: a volume mounted where a Task workspace lives is
 * labelled with the workspace and the TaskRun's binding.
 */
export function layOutPod(
  pod: Pod,
  taskSpec?: WorkspacesOfTask,
  taskRun?: WorkspacesOfTaskRun,
  options: LayoutOptions = {},
): Picture {
  const init = pod.spec?.initContainers ?? [];
  const containers = pod.spec?.containers ?? [];
  const steps = containers.filter((c) => !c.name.startsWith("sidecar-"));
  const sidecars = containers.filter((c) => c.name.startsWith("sidecar-"));
  const captions: { text: string; x: number; y: number }[] = [];
  const boxes: ContainerBox[] = [];

  /** Places a row of containers at `y`; returns the row's right edge. */
  const row = (list: readonly Container[], role: ContainerRole, x0: number, y: number, height: number): number => {
    if (list.length === 0) return x0;
    captions.push({ text: CAPTIONS[role], x: x0, y: y - 8 });
    let x = x0;
    for (const container of list) {
      boxes.push({
        name: container.name,
        role,
        image: container.image ?? "",
        requests: requestsOf(container),
        x,
        y,
        width: BOX_WIDTH,
        height,
      });
      x += BOX_WIDTH + GAP;
    }
    return x - GAP;
  };

  let y = MARGIN + CAPTION;
  const initHeight = Math.max(0, ...init.map(boxHeight));
  const initRight = row(init, "init", MARGIN, y, initHeight);
  if (init.length > 0) y += initHeight + ROW_GAP;

  const mainHeight = Math.max(60, ...containers.map(boxHeight));
  const mainWidth =
    steps.length * (BOX_WIDTH + GAP) + (sidecars.length > 0 ? GAP + sidecars.length * (BOX_WIDTH + GAP) : 0);
  const width = Math.max(options.width ?? 0, initRight + MARGIN, MARGIN * 2 + mainWidth, 320);

  const workspaces = workspaceLabels(taskSpec, taskRun);
  const mountedAt = new Map<string, string>();
  for (const container of [...init, ...containers]) {
    for (const mount of container.volumeMounts ?? [])
      if (!mountedAt.has(mount.name)) mountedAt.set(mount.name, mount.mountPath);
  }
  const perRow = Math.max(1, Math.floor((width - 2 * MARGIN + VOLUME_GAP) / (VOLUME_WIDTH + VOLUME_GAP)));
  const podVolumes = pod.spec?.volumes ?? [];
  if (podVolumes.length > 0) captions.push({ text: "volumes", x: MARGIN, y: y - 8 });
  const volumeRows = Math.ceil(podVolumes.length / perRow);
  const volumes: VolumeBox[] = podVolumes.map((volume, i) => {
    const path = mountedAt.get(volume.name);
    const workspace = path === undefined ? undefined : workspaces.get(path);
    return {
      name: volume.name,
      source: sourceOf(volume),
      ...(workspace !== undefined ? { workspace } : {}),
      x: MARGIN + (i % perRow) * (VOLUME_WIDTH + VOLUME_GAP),
      y: y + Math.floor(i / perRow) * (VOLUME_HEIGHT + LINE + VOLUME_GAP),
      width: VOLUME_WIDTH,
      height: VOLUME_HEIGHT + LINE,
    };
  });
  if (volumeRows > 0) y += volumeRows * (VOLUME_HEIGHT + LINE + VOLUME_GAP) - VOLUME_GAP + ROW_GAP;

  const stepsRight = row(steps, "step", MARGIN, y, mainHeight);
  row(sidecars, "sidecar", steps.length > 0 ? stepsRight + GAP * 2 : MARGIN, y, mainHeight);
  const bottom = containers.length > 0 ? y + mainHeight : y - ROW_GAP;

  const arrows: Arrow[] = [];
  const byName = new Map(boxes.map((b) => [b.name, b]));
  const arrow = (from: ContainerBox, to: ContainerBox, label: string): void => {
    arrows.push({
      from: from.name,
      to: to.name,
      label,
      x1: from.x + from.width,
      y1: from.y + 22,
      x2: to.x,
      y2: to.y + 22,
    });
  };
  // Init containers run one after the other, and all of them before any step.
  const initBoxes = boxes.filter((b) => b.role === "init");
  initBoxes.slice(1).forEach((box, i) => {
    arrow(initBoxes[i] as ContainerBox, box, "then");
  });
  // Each step's entrypoint waits for the file the step before it writes when it ends.
  const postFiles = new Map<string, ContainerBox>();
  for (const step of steps) {
    const post = flagValue(step, "-post_file");
    const box = byName.get(step.name);
    if (post !== undefined && box !== undefined) postFiles.set(post, box);
  }
  for (const step of steps) {
    const index = boxes.findIndex((b) => b.name === step.name);
    const box = boxes[index];
    const waits = flagValue(step, "-wait_file");
    const from = waits === undefined ? undefined : postFiles.get(waits);
    if (box === undefined || waits === undefined) continue;
    if (from !== undefined) arrow(from, box, waits);
    // The first step waits for the Pod's ready annotation (sidecars up) rather than a step.
    else boxes[index] = { ...box, waitsFor: waits };
  }

  const volumeByName = new Map(volumes.map((v) => [v.name, v]));
  const mounts: MountLine[] = [];
  for (const box of boxes) {
    const container = [...init, ...containers].find((c) => c.name === box.name);
    const list = container?.volumeMounts ?? [];
    const below = box.role === "init";
    list.forEach((mount, i) => {
      const volume = volumeByName.get(mount.name);
      const x1 = box.x + ((i + 1) * box.width) / (list.length + 1);
      const y1 = below ? box.y + box.height : box.y;
      // A mount of a volume the Pod does not have goes nowhere: a short stub.
      const x2 = volume === undefined ? x1 : volume.x + volume.width / 2;
      const y2 = volume === undefined ? (below ? y1 + 20 : y1 - 20) : below ? volume.y : volume.y + volume.height;
      mounts.push({
        container: box.name,
        volume: mount.name,
        mountPath: mount.mountPath,
        readOnly: mount.readOnly === true,
        x1,
        y1,
        x2,
        y2,
      });
    });
  }

  return { width, height: bottom + MARGIN, containers: boxes, volumes, arrows, mounts, captions };
}

const CAPTIONS: Record<ContainerRole, string> = {
  init: "init containers",
  step: "steps (in order)",
  sidecar: "sidecars",
};

/** Lines in a box: name, image, "requests" and one per request, and one for what the first step waits for. */
function boxHeight(container: Container): number {
  return 4 * LINE + 20 + requestsOf(container).length * LINE;
}

/** `cpu 100m`, … in a stable order. */
export function requestsOf(container: Container): string[] {
  const requests = container.resources?.requests ?? {};
  return Object.keys(requests)
    .sort()
    .map((key) => `${key} ${String(requests[key])}`);
}

/** The value after `flag` in an entrypoint's args (`-wait_file /tekton/tools/0`). */
function flagValue(container: Container, flag: string): string | undefined {
  const args = container.args ?? [];
  const i = args.indexOf(flag);
  return i === -1 ? undefined : args[i + 1];
}

/** The kind of a volume's source and what it names. */
export function sourceOf(volume: Volume): string {
  const kinds = Object.keys(volume).filter((k) => k !== "name");
  const [kind] = kinds;
  if (kind === undefined) return "";
  const value = (volume as unknown as Record<string, unknown>)[kind];
  const detail =
    typeof value === "object" && value !== null
      ? ((value as Record<string, unknown>)["secretName"] ??
        (value as Record<string, unknown>)["claimName"] ??
        (value as Record<string, unknown>)["name"])
      : undefined;
  return typeof detail === "string" ? `${kind} ${detail}` : kind;
}

/** Mount path of each Task workspace → `workspace NAME (binding)`. */
function workspaceLabels(
  taskSpec: WorkspacesOfTask | undefined,
  taskRun: WorkspacesOfTaskRun | undefined,
): Map<string, string> {
  const labels = new Map<string, string>();
  const bindings = taskRun?.spec?.workspaces ?? [];
  for (const workspace of taskSpec?.workspaces ?? []) {
    const path =
      workspace.mountPath !== undefined && workspace.mountPath !== ""
        ? workspace.mountPath
        : `/workspace/${workspace.name}`;
    const binding = bindings.find((b) => b.name === workspace.name);
    // The volume's own line already says what the binding is (emptyDir, a claim, a Secret, …).
    labels.set(path, binding === undefined ? `workspace ${workspace.name} (unbound)` : `workspace ${workspace.name}`);
  }
  return labels;
}
