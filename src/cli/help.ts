/** The `--help` texts of `tekton-pod` and its commands (plain text, no colours). */

/** The exit status table, shared by the tool's help and the README. */
export const EXIT_CODES_HELP = `Exit status:
  0  success: the Pod or status was printed, or validate found no problem
  1  Tekton would reject the input (a CompileError: admission, resolution, build,
     config or missing input data); the problems are printed with their location
  2  usage error, or input that cannot be read or parsed (missing file, bad YAML,
     no TaskRun, several TaskRuns without --taskrun, bad --now)
  3  internal error: a bug in tekton-pod (please report it)`;

/** The one-line exit status summary of each command's help (the tool's help has the table). */
const EXIT_CODES_SHORT = `Exit status: 0 success, 1 Tekton would reject the input, 2 usage error or unreadable
input, 3 a bug in tekton-pod (the table: tekton-pod --help).`;

/** `--tekton`, as every command's help describes it. */
const TEKTON_OPTION = `      --tekton RELEASE  the Tekton release whose controller is reproduced (default
                        v0.20.1); an unsupported one is a usage error listing those supported`;

/** Input paths, as every command's help describes them. */
const INPUT_PATHS = `  PATH ..., -f, --filename PATH
                        a file, a directory or - (standard input); repeatable. Files named
                        *.golden.yaml are output of golden tests, never input
  -R, --recursive       read directories' sub-directories too`;

/** `tekton-pod --help`. */
export const TOOL_HELP = `tekton-pod — compile a Tekton TaskRun into the Pod the Tekton controller creates
(v0.20.1 unless --tekton says otherwise), and fold a Pod's status into TaskRun status.
No cluster needed; same input, same output.

Usage:
  tekton-pod compile  [-f] PATH... [-R] [-o yaml|json] [--taskrun NAME] [--images FILE] [--tekton RELEASE]
  tekton-pod compile  --case FILE [-o yaml|json]
  tekton-pod explain  [-f] PATH... [-R] [-o yaml|json] [--field PATH] [--taskrun NAME] [--images FILE] [--tekton RELEASE]
  tekton-pod validate [-f] PATH... [-R] [-o text|json] [--taskrun NAME] [--images FILE] [--tekton RELEASE]
  tekton-pod status   [-f] PATH... [-R] [-o yaml|json] [--taskrun NAME] [--now TIME] [--tekton RELEASE]
  tekton-pod help [COMMAND]
  tekton-pod --version

Commands:
  compile    print the objects Tekton creates for a TaskRun: PVCs, then the Pod
  explain    the same objects, each line commented with why it has its value
  validate   check every TaskRun given; print each problem with file:line:column
  status     print the TaskRun status Tekton writes for a TaskRun and its Pod

Input: PATH (or -f PATH) is a file, a directory (its *.yaml, *.yml and *.json files,
sorted; with -R its sub-directories too) or - (standard input), each holding any number of
YAML or JSON documents separated by ---. Documents are sorted by kind; kind: List (and
*List) is unpacked; *.golden.yaml files are skipped.

Examples:
  tekton-pod compile task.yaml taskrun.yaml
  tekton-pod compile -f task.yaml -f taskrun.yaml --images images.yaml -o json
  kubectl get task,taskrun,limitrange -o yaml | tekton-pod compile - --taskrun go-test-run
  tekton-pod explain task.yaml taskrun.yaml --field spec.containers[0].args
  tekton-pod validate -R ci/
  tekton-pod status run.yaml pod.yaml --now 2020-01-23T16:29:10Z

Documents (and the report of validate) go to standard output, diagnostics to standard
error. Output is plain text, without colours.

${EXIT_CODES_HELP}

Run "tekton-pod COMMAND --help" for the options of a command.
`;

/** `tekton-pod compile --help`. */
export const COMPILE_HELP = `Usage:
  tekton-pod compile [-f] PATH... [-R] [-o yaml|json] [--taskrun NAME] [--images FILE] [--tekton RELEASE]
  tekton-pod compile --case FILE [-o yaml|json] [--tekton RELEASE]

Print the objects the Tekton controller creates for a TaskRun: the PersistentVolumeClaims
of volumeClaimTemplate workspaces, then the Pod — as YAML documents separated by ---, or
in JSON the Pod alone, or a kind: List when there are PVCs too. The same objects, in the
same order, as a golden file of tekton-pod-compiler/testing.

The documents read are sorted by kind into the compile input:
  TaskRun              exactly one, or the one chosen with --taskrun NAME
  Task / ClusterTask   the one the TaskRun's taskRef names (taskRef.kind picks which)
  ServiceAccount       the one the TaskRun runs as: spec.serviceAccountName, else
                       default-service-account of config-defaults, else "default"
  Secret               all (credentials are taken from those the ServiceAccount lists)
  LimitRange           all
  PipelineResource     all (used by resourceRef name)
  ConfigMap            config-defaults, feature-flags, config-artifact-pvc and
                       config-artifact-bucket, by name (their data)
  List                 its items, sorted the same way
Other documents are ignored with a note on standard error.

Options:
${INPUT_PATHS}
  -o, --output FORMAT   yaml (default) or json (-o json, -o=json and --output=json alike)
      --taskrun NAME    the TaskRun to compile when the input holds several
      --images FILE     YAML/JSON map of image → { entrypoint: [...], cmd: [...], digest: "sha256:..." }
                        (or image → [entrypoint...]): what a registry would say about the
                        images of steps that have no command
      --case FILE       a conformance-format file; compiles its "input:" block
${TEKTON_OPTION}
  -h, --help            show this help

Examples:
  tekton-pod compile task.yaml taskrun.yaml
  tekton-pod compile -f task.yaml -f taskrun.yaml --images images.yaml
  tekton-pod compile -R ci/ --taskrun go-test-run -o json
  kubectl get task,taskrun,limitrange -o yaml | tekton-pod compile - --taskrun go-test-run

${EXIT_CODES_SHORT}
`;

/** `tekton-pod explain --help`. */
export const EXPLAIN_HELP = `Usage:
  tekton-pod explain [-f] PATH... [-R] [-o yaml|json] [--field PATH] [--taskrun NAME] [--images FILE] [--tekton RELEASE]
  tekton-pod explain --case FILE [-o yaml|json] [--field PATH] [--tekton RELEASE]

Print what compile prints — the PVCs of volumeClaimTemplate workspaces, then the Pod — with
every line commented with why it has its value: the rule of the controller that set it and
the input field it came from, in the order the controller applied them:

  - -wait_file # entrypoint-rewrite
  image: gcr.io/x/ko@sha256:... # ← task.spec.steps[0].image; image-digest-pin ← imageEntrypoints["gcr.io/x/ko"].digest
  value: hello # ← taskRun.spec.taskSpec.steps[0].env[0].value; ← taskRun.spec.params[0].value via $(params.greeting)

A comment above a list or object gives its own reasons (a step timeout that was dropped).
The rule codes are listed in docs/explain.md. Input is read as compile reads it.

Options:
${INPUT_PATHS}
  -o, --output FORMAT   yaml (default) or json: {pod, explanation} (persistentVolumeClaims
                        too when there are any), the explanation keyed by JSON pointer
                        (/pod/spec/containers/0/args/3)
      --field PATH      only this part of the Pod: spec.containers[0].resources,
                        metadata.labels["tekton.dev/taskRun"] or a JSON pointer
                        (/spec/containers/0); in JSON {field, pointer, value, explanation}
      --taskrun NAME    the TaskRun to explain when the input holds several
      --images FILE     the image map, as for compile
      --case FILE       a conformance-format file; explains its "input:" block
${TEKTON_OPTION}
  -h, --help            show this help

Examples:
  tekton-pod explain task.yaml taskrun.yaml
  tekton-pod explain -f run.yaml --field spec.containers[0].resources
  tekton-pod explain -f run.yaml -o json

${EXIT_CODES_SHORT}
`;

/** `tekton-pod validate --help`. */
export const VALIDATE_HELP = `Usage:
  tekton-pod validate [-f] PATH... [-R] [-o text|json] [--taskrun NAME] [--images FILE] [--tekton RELEASE]
  tekton-pod validate --case FILE [-o text|json] [--tekton RELEASE]

Run every check compile runs (what the admission webhook, the reconciler and the Pod build
of the Tekton controller would reject) on every TaskRun given — or the one --taskrun
names — without printing Pods. Each TaskRun is checked with all the other documents (Tasks,
LimitRanges, …) read. The report goes to standard output: one line per problem, in the
order of the files,

  FILE:LINE:COLUMN (document N, KIND "NAME"): PATH: MESSAGE [CODE]

where N counts the documents of FILE from 1 and PATH is the place in the compile input
(taskRun.spec.params[1].value); then a line per rejected TaskRun, "OK: …" per valid one,
and with several TaskRuns a summary line. When a value is missing, LINE:COLUMN is that of
the nearest enclosing key. The exit status is 1 if any TaskRun is rejected.

Options:
${INPUT_PATHS}
  -o, --output FORMAT   text (default) or json: {"tekton", "taskRuns": [{"taskRun", "file",
                        "valid", "pod", "stage", "reason", "problems", "warnings"}], "summary"}
      --taskrun, --images, --case as for compile
${TEKTON_OPTION}
  -h, --help            show this help

Examples:
  tekton-pod validate -R ci/
  tekton-pod validate task.yaml taskrun.yaml -o json
  tekton-pod validate task.yaml taskrun.yaml && kubectl apply -f taskrun.yaml

${EXIT_CODES_SHORT}
`;

/** `tekton-pod status --help`. */
export const STATUS_HELP = `Usage:
  tekton-pod status [-f] PATH... [-R] [-o yaml|json] [--taskrun NAME] [--now TIME] [--tekton RELEASE]
  tekton-pod status --case FILE [-o yaml|json] [--now TIME] [--tekton RELEASE]

Print the TaskRun status (conditions, podName, steps, sidecars, results …) that the Tekton
controller writes after looking at the TaskRun's Pod. The input holds the TaskRun (with its
current status, if any) and its Pod with status: the only Pod, or the one named by the
TaskRun's status.podName or labelled tekton.dev/taskRun: NAME.

Options:
${INPUT_PATHS}
  -o, --output FORMAT   yaml (default) or json
      --taskrun NAME    the TaskRun to use when the input holds several
      --now TIME        the current time, RFC 3339 (2020-12-01T10:05:00Z); it stamps
                        completionTime and changed conditions. Default: the case's "now:"
                        with --case, otherwise the real clock — the only place tekton-pod
                        reads it, so pass --now for reproducible output
      --case FILE       a conformance-format status case ({taskRun, pod} under "input:")
${TEKTON_OPTION}
  -h, --help            show this help

Examples:
  tekton-pod status run.yaml pod.yaml --now 2020-01-23T16:29:10Z
  kubectl get taskrun my-run -o yaml > run.yaml; kubectl get pod my-run-pod-abcde -o yaml > pod.yaml
  tekton-pod status run.yaml pod.yaml -o json

${EXIT_CODES_SHORT}
`;
