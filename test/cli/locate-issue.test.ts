/** Mapping issue paths back to file:line:column (src/input/locate-issue.ts). */
import { describe, expect, it } from "vitest";
import { parseDocuments } from "../../src/cli/read-sources.js";
import { collectObjects } from "../../src/cli/select-input.js";
import { formatPath, issue } from "../../src/errors.js";
import type { Origin } from "../../src/input/classify-objects.js";
import { formatLocation, locateIssue } from "../../src/input/locate-issue.js";

describe("issue paths", () => {
  it("carry segments beside the rendered path, so nothing parses the text back", () => {
    const paths: (string | number)[][] = [
      ["taskRun", "spec", "params", 1, "value"],
      ["config", "defaults", "default-timeout-minutes"],
      ["imageEntrypoints", "gcr.io/p/x:1"],
      ["secrets", 0, "metadata", "annotations", "tekton.dev/git-0"],
      ["a", 'with "quote" and ]'],
      ["taskRun", "spec", "taskSpec", "steps", 12, "args", 0],
    ];
    for (const segments of paths) {
      expect(issue("invalid-value", segments, "m")).toEqual({
        code: "invalid-value",
        path: formatPath(segments),
        segments,
        message: "m",
      });
    }
  });
});

const TEXT = `# leading comment
apiVersion: tekton.dev/v1beta1
kind: Task
metadata:
  name: t
spec:
  steps:
    - name: one
      image: alpine
    - name: two
      args: ["a", "b"]
---
apiVersion: v1
kind: List
items:
  - kind: TaskRun
    metadata: { name: r }
    spec:
      params:
        - name: p
          value:
            - x
---
kind: ConfigMap
metadata:
  name: config-defaults
data:
  default-timeout-minutes: "abc"
`;

function origins(): Origin[] {
  const { objects } = collectObjects(parseDocuments("f.yaml", TEXT));
  const [task, taskRun, configMap] = objects;
  if (task === undefined || taskRun === undefined || configMap === undefined) throw new Error("fixture");
  return [
    { prefix: ["task"], at: task.at },
    { prefix: ["taskRun"], at: taskRun.at },
    { prefix: ["config", "defaults"], at: { ...configMap.at, path: ["data"] } },
  ];
}

describe("locateIssue", () => {
  it("finds map keys and list items, through flow collections and List items", () => {
    const o = origins();
    expect(locateIssue(["task", "spec", "steps", 1, "name"], o)).toEqual({
      file: "f.yaml",
      document: 1,
      label: 'Task "t"',
      line: 10,
      column: 7,
      exact: true,
    });
    expect(locateIssue(["task", "spec", "steps", 1, "args", 1], o)).toMatchObject({
      line: 11,
      column: 19,
      exact: true,
    });
    expect(locateIssue(["taskRun", "spec", "params", 0, "value", 0], o)).toEqual({
      file: "f.yaml",
      document: 2,
      label: 'TaskRun "r"',
      within: "items[0]",
      line: 22,
      column: 15,
      exact: true,
    });
    expect(locateIssue(["taskRun", "metadata", "name"], o)).toMatchObject({ line: 17, column: 17 });
    expect(locateIssue(["config", "defaults", "default-timeout-minutes"], o)).toMatchObject({
      document: 3,
      line: 28,
      column: 3,
      exact: true,
    });
  });

  it("falls back to the nearest enclosing node for a path that is not in the file", () => {
    const o = origins();
    expect(locateIssue(["task", "spec", "steps", 1, "image"], o)).toMatchObject({ line: 10, column: 7, exact: false });
    expect(locateIssue(["task", "spec", "steps", 7], o)).toMatchObject({ line: 7, column: 3, exact: false });
    expect(locateIssue(["taskRun", "spec", "workspaces"], o)).toMatchObject({ line: 18, column: 5, exact: false });
  });

  it("returns undefined when no origin covers the path", () => {
    expect(locateIssue(["pod", "spec", "volumes", 7, "name"], origins())).toBeUndefined();
    expect(locateIssue(["taskSpec", "steps", 0], origins())).toBeUndefined();
  });

  it("has no line for a document read as plain JSON", () => {
    const [source] = parseDocuments("x.json", '{"kind": "TaskRun", "kind": "Task"}');
    expect(source?.document).toBeUndefined();
    const { objects } = collectObjects(source === undefined ? [] : [source]);
    const at = objects[0]?.at;
    if (at === undefined) throw new Error("fixture");
    const location = locateIssue(["taskRun", "spec"], [{ prefix: ["taskRun"], at }]);
    expect(location).toEqual({ file: "x.json", document: 1, label: "Task (unnamed)", exact: false });
    expect(formatLocation(location!)).toBe("x.json (document 1, Task (unnamed))");
  });
});

describe("formatLocation", () => {
  it("renders file:line:column, document number, List position and label", () => {
    expect(formatLocation({ file: "a.yaml", document: 2, label: 'TaskRun "r"', line: 3, column: 4, exact: true })).toBe(
      'a.yaml:3:4 (document 2, TaskRun "r")',
    );
    expect(
      formatLocation({
        file: "a.yaml",
        document: 1,
        label: 'Task "t"',
        within: "items[3]",
        line: 9,
        column: 5,
        exact: false,
      }),
    ).toBe('a.yaml:9:5 (document 1 items[3], Task "t")');
  });
});
