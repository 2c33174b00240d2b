/** The `--help` texts of `tekton-pod` and its commands (plain text, no colours). */

/** The exit status table, shared by the tool's help and the README. */
export const EXIT_CODES_HELP = `Exit status:
  0  success: the Pod or status was printed, or validate found no problem
  1  Tekton would reject the input (a CompileError: admission, resolution, build,
     config or missing input data); the problems are printed with their location
  2  usage error, or input that cannot be read or parsed (missing file, bad YAML,
     no TaskRun, several TaskRuns without --taskrun, bad --now)
  3  internal error: a bug in tekton-pod (please report it)`;

/** `tekton-pod --help`. */
export const TOOL_HELP = `tekton-pod — compile a Tekton v1beta1 TaskRun into the Pod Tekton v0.20.1 creates,
and fold a Pod's status into TaskRun status. No cluster needed; same input, same output.

Usage:
  tekton-pod compile  -f FILE|DIR|- [-f ...] [-o yaml|json] [--taskrun NAME] [--images FILE]
  tekton-pod compile  --case FILE [-o yaml|json]
  tekton-pod validate -f FILE|DIR|- [-f ...] [--taskrun NAME] [--images FILE]
  tekton-pod status   -f FILE|DIR|- [-f ...] [-o yaml|json] [--taskrun NAME] [--now TIME]
  tekton-pod help [COMMAND]

Commands:
  compile    print the Pod for a TaskRun and the objects it needs
  validate   run compile's checks only; print each problem with file:line:column
  status     print the TaskRun status Tekton writes for a TaskRun and its Pod

Input: -f takes files, directories (their *.yaml, *.yml and *.json files, sorted, not
recursive) and - (standard input), each holding any number of YAML or JSON documents
separated by ---. Documents are sorted by kind; kind: List (and *List) is unpacked.

Examples:
  tekton-pod compile -f fixtures/examples/pod-template.yaml
  tekton-pod compile -f fixtures/examples/steps-run-in-order.yaml --images fixtures/examples/images.yaml -o json
  cat task.yaml taskrun.yaml | tekton-pod compile -f -
  tekton-pod validate -f fixtures/examples/broken-taskrun.yaml
  tekton-pod status -f fixtures/examples/status-succeeded.yaml --now 2020-01-23T16:29:10Z

Documents (and the report of validate) go to standard output, diagnostics to standard
error. Output is plain text, without colours.

${EXIT_CODES_HELP}

Run "tekton-pod COMMAND --help" for the options of a command.
`;

/** `tekton-pod compile --help`. */
export const COMPILE_HELP = `Usage:
  tekton-pod compile -f FILE|DIR|- [-f ...] [-o yaml|json] [--taskrun NAME] [--images FILE]
  tekton-pod compile --case FILE [-o yaml|json]

Print the Pod that Tekton v0.20.1 creates for a TaskRun.

The documents given with -f are sorted by kind into the compile input:
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
  -f, --filename PATH   a file, a directory or - (standard input); repeatable
  -o, --output FORMAT   yaml (default) or json
      --taskrun NAME    the TaskRun to compile when the input holds several
      --images FILE     YAML/JSON map of image → { entrypoint: [...], cmd: [...], digest: "sha256:..." }
                        (or image → [entrypoint...]): what a registry would say about the
                        images of steps that have no command
      --case FILE       a conformance-format file; compiles its "input:" block
  -h, --help            show this help

Examples:
  tekton-pod compile -f fixtures/examples/pod-template.yaml
  tekton-pod compile -f fixtures/examples/read-repo-run.yaml
  tekton-pod compile -f fixtures/examples/steps-run-in-order.yaml --images fixtures/examples/images.yaml
  tekton-pod compile -f fixtures/examples/build-push/ -o json
  tekton-pod compile -f fixtures/examples/ --taskrun mytaskrun
  kubectl get task,taskrun,limitrange -o yaml | tekton-pod compile -f - --taskrun my-run
  tekton-pod compile --case fixtures/conformance/seed-read-repo-run.yaml

${EXIT_CODES_HELP}
`;

/** `tekton-pod validate --help`. */
export const VALIDATE_HELP = `Usage:
  tekton-pod validate -f FILE|DIR|- [-f ...] [--taskrun NAME] [--images FILE]
  tekton-pod validate --case FILE

Run every check compile runs (what the admission webhook, the reconciler and the Pod build
of Tekton v0.20.1 would reject) without printing the Pod. The report goes to standard
output: one line per problem,

  FILE:LINE:COLUMN (document N, KIND "NAME"): PATH: MESSAGE [CODE]

where N counts the documents of FILE from 1 and PATH is the place in the compile input
(taskRun.spec.params[1].value). When a value is missing, LINE:COLUMN is that of the nearest
enclosing key. A valid input prints one line starting with "OK".

Options: -f/--filename, --taskrun, --images and --case as for compile; -h, --help.

Examples:
  tekton-pod validate -f fixtures/examples/broken-taskrun.yaml
  tekton-pod validate -f task.yaml -f taskrun.yaml && kubectl apply -f taskrun.yaml

${EXIT_CODES_HELP}
`;

/** `tekton-pod status --help`. */
export const STATUS_HELP = `Usage:
  tekton-pod status -f FILE|DIR|- [-f ...] [-o yaml|json] [--taskrun NAME] [--now TIME]
  tekton-pod status --case FILE [-o yaml|json] [--now TIME]

Print the TaskRun status (conditions, podName, steps, sidecars, results …) that Tekton
v0.20.1 writes after looking at the TaskRun's Pod. The input holds the TaskRun (with its
current status, if any) and its Pod with status: the only Pod, or the one named by the
TaskRun's status.podName or labelled tekton.dev/taskRun: NAME.

Options:
  -f, --filename PATH   a file, a directory or - (standard input); repeatable
  -o, --output FORMAT   yaml (default) or json
      --taskrun NAME    the TaskRun to use when the input holds several
      --now TIME        the current time, RFC 3339 (2020-12-01T10:05:00Z); it stamps
                        completionTime and changed conditions. Default: the case's "now:"
                        with --case, otherwise the real clock — the only place tekton-pod
                        reads it, so pass --now for reproducible output
      --case FILE       a conformance-format status case ({taskRun, pod} under "input:")
  -h, --help            show this help

Examples:
  tekton-pod status -f fixtures/examples/status-succeeded.yaml --now 2020-01-23T16:29:10Z
  kubectl get taskrun my-run -o yaml > run.yaml; kubectl get pod my-run-pod-abcde -o yaml > pod.yaml
  tekton-pod status -f run.yaml -f pod.yaml -o json

${EXIT_CODES_HELP}
`;
