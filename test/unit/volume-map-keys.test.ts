/**
 * A CSI volume's `volumeAttributes` is a map: a `__proto__` key in it is a key like any other,
 * kept whether or not substitution had to copy the volume (a variable elsewhere in it).
 */
import { describe, expect, it } from "vitest";
import { compileTaskRun } from "../../src/index.js";

function input(apiVersion: string, volumeName: string): unknown {
  const volume = `{"name":${JSON.stringify(volumeName)},"csi":{"driver":"d","volumeAttributes":{"__proto__":"x","a":"1"}}}`;
  return JSON.parse(`{"taskRun":{"apiVersion":"${apiVersion}","kind":"TaskRun","metadata":{"name":"tr","namespace":"ns","uid":"u"},
    "spec":{"params":[{"name":"p","value":"x"}],"taskSpec":{"params":[{"name":"p","type":"string"}],
    "steps":[{"name":"s","image":"busybox","script":"true"}],"volumes":[${volume}]}}}}`);
}

describe.each([
  ["v0.20.1", "tekton.dev/v1beta1"],
  ["v1.12", "tekton.dev/v1"],
] as const)("volumeAttributes under %s", (tekton, apiVersion) => {
  it.each(["v", "v$(params.p)"])("keeps a __proto__ key in volume %s", (name) => {
    const { pod } = compileTaskRun(input(apiVersion, name) as never, { tekton } as never);
    const csi = pod.spec?.volumes?.find((v) => v.csi !== undefined)?.csi;
    expect(Object.hasOwn(csi?.volumeAttributes ?? {}, "__proto__")).toBe(true);
    expect(JSON.stringify(csi?.volumeAttributes)).toBe('{"__proto__":"x","a":"1"}');
  });
});
