/**
 * JSON Schemas (ajv, `$defs`) for the Kubernetes core/v1 and meta/v1 types a
 * Tekton v0.20.1 object embeds: Container, Volume and every volume source, PodSecurityContext,
 * Affinity, Toleration, PersistentVolumeClaim, LimitRange, ServiceAccount, Secret, ObjectMeta …
 *
 * The field lists are those of k8s.io/api v0.18.12, the version Tekton v0.20.1 vendors: its
 * webhook decodes TaskRuns and Tasks strictly against exactly these structs, so a field that
 * arrived in a later Kubernetes release (e.g. `seccompProfile`) is an unknown field there too.
 * Go's decoder accepts JSON `null` for any field; we only accept it for timestamps (what
 * `kubectl … -o yaml` prints as `creationTimestamp: null`), because a `null` elsewhere is a
 * mistake far more often than a deliberate "unset".
 */
import type { SchemaObject } from "ajv";

/** `$ref` to a definition of the combined schema. */
export function ref(name: string): string {
  return `#/$defs/${name}`;
}

/**
 * A Go struct: known fields only (strict decoding), `title` names the type in messages, and
 * `required` lists the fields the API types mark as required (non-optional in
 * `kubernetes-types` and in ../types.ts), so later stages may rely on them being there.
 */
export function obj(
  title: string,
  properties: Record<string, SchemaObject>,
  required: readonly string[] = [],
): SchemaObject {
  const schema: SchemaObject = { type: "object", title, properties, additionalProperties: false };
  if (required.length > 0) schema["required"] = [...required];
  return schema;
}

/**
 * Required fields of the Kubernetes types (the non-optional properties of `kubernetes-types`;
 * the API server rejects a Pod without them). Container `name` is left out: Tekton steps and
 * sidecars may be unnamed.
 */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  AWSElasticBlockStoreVolumeSource: ["volumeID"],
  AzureDiskVolumeSource: ["diskName", "diskURI"],
  AzureFileVolumeSource: ["secretName", "shareName"],
  CSIVolumeSource: ["driver"],
  CephFSVolumeSource: ["monitors"],
  CinderVolumeSource: ["volumeID"],
  ConfigMapKeySelector: ["key"],
  ContainerPort: ["containerPort"],
  DownwardAPIVolumeFile: ["path"],
  EnvVar: ["name"],
  FlexVolumeSource: ["driver"],
  GCEPersistentDiskVolumeSource: ["pdName"],
  GitRepoVolumeSource: ["repository"],
  GlusterfsVolumeSource: ["endpoints", "path"],
  HTTPGetAction: ["port"],
  HTTPHeader: ["name", "value"],
  HostPathVolumeSource: ["path"],
  ISCSIVolumeSource: ["iqn", "lun", "targetPortal"],
  KeyToPath: ["key", "path"],
  LabelSelectorRequirement: ["key", "operator"],
  LimitRangeItem: ["type"],
  LimitRangeSpec: ["limits"],
  NFSVolumeSource: ["path", "server"],
  NodeSelector: ["nodeSelectorTerms"],
  NodeSelectorRequirement: ["key", "operator"],
  ObjectFieldSelector: ["fieldPath"],
  OwnerReference: ["apiVersion", "kind", "name", "uid"],
  PersistentVolumeClaimCondition: ["status", "type"],
  PersistentVolumeClaimVolumeSource: ["claimName"],
  PhotonPersistentDiskVolumeSource: ["pdID"],
  PodAffinityTerm: ["topologyKey"],
  PortworxVolumeSource: ["volumeID"],
  PreferredSchedulingTerm: ["preference", "weight"],
  QuobyteVolumeSource: ["registry", "volume"],
  RBDVolumeSource: ["image", "monitors"],
  ResourceFieldSelector: ["resource"],
  ScaleIOVolumeSource: ["gateway", "secretRef", "system"],
  SecretKeySelector: ["key"],
  ServiceAccountTokenProjection: ["path"],
  Sysctl: ["name", "value"],
  TCPSocketAction: ["port"],
  TypedLocalObjectReference: ["kind", "name"],
  Volume: ["name"],
  VolumeDevice: ["devicePath", "name"],
  VolumeMount: ["mountPath", "name"],
  VsphereVirtualDiskVolumeSource: ["volumePath"],
  WeightedPodAffinityTerm: ["podAffinityTerm", "weight"],
};

function withRequired(defs: Record<string, SchemaObject>): Record<string, SchemaObject> {
  for (const [name, fields] of Object.entries(REQUIRED)) {
    const def = defs[name];
    if (def !== undefined) def["required"] = [...fields];
  }
  return defs;
}

/** Scalars shared by the Kubernetes and Tekton definitions. */
export const SCALAR_DEFS: Readonly<Record<string, SchemaObject>> = {
  int32: { type: "integer", minimum: -2147483648, maximum: 2147483647 },
  int64: { type: "integer", minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
  // resource.Quantity also unmarshals from a bare JSON number (`cpu: 1` in YAML).
  Quantity: { type: ["string", "number"], format: "quantity" },
  IntOrString: { type: ["integer", "string"], minimum: -2147483648, maximum: 2147483647 },
  Time: { type: ["string", "null"] },
  StringMap: { type: "object", additionalProperties: { type: "string" } },
};

/** core/v1 and meta/v1 struct definitions, keyed by Go type name. */
export const KUBERNETES_DEFS: Readonly<Record<string, SchemaObject>> = withRequired({
  AWSElasticBlockStoreVolumeSource: obj("AWSElasticBlockStoreVolumeSource", {
    volumeID: { type: "string" },
    fsType: { type: "string" },
    partition: { $ref: ref("int32") },
    readOnly: { type: "boolean" },
  }),
  Affinity: obj("Affinity", {
    nodeAffinity: { $ref: ref("NodeAffinity") },
    podAffinity: { $ref: ref("PodAffinity") },
    podAntiAffinity: { $ref: ref("PodAntiAffinity") },
  }),
  AzureDiskVolumeSource: obj("AzureDiskVolumeSource", {
    diskName: { type: "string" },
    diskURI: { type: "string" },
    cachingMode: { type: "string" },
    fsType: { type: "string" },
    readOnly: { type: "boolean" },
    kind: { type: "string" },
  }),
  AzureFileVolumeSource: obj("AzureFileVolumeSource", {
    secretName: { type: "string" },
    shareName: { type: "string" },
    readOnly: { type: "boolean" },
  }),
  CSIVolumeSource: obj("CSIVolumeSource", {
    driver: { type: "string" },
    readOnly: { type: "boolean" },
    fsType: { type: "string" },
    volumeAttributes: { $ref: ref("StringMap") },
    nodePublishSecretRef: { $ref: ref("LocalObjectReference") },
  }),
  Capabilities: obj("Capabilities", {
    add: { type: "array", items: { type: "string" } },
    drop: { type: "array", items: { type: "string" } },
  }),
  CephFSVolumeSource: obj("CephFSVolumeSource", {
    monitors: { type: "array", items: { type: "string" } },
    path: { type: "string" },
    user: { type: "string" },
    secretFile: { type: "string" },
    secretRef: { $ref: ref("LocalObjectReference") },
    readOnly: { type: "boolean" },
  }),
  CinderVolumeSource: obj("CinderVolumeSource", {
    volumeID: { type: "string" },
    fsType: { type: "string" },
    readOnly: { type: "boolean" },
    secretRef: { $ref: ref("LocalObjectReference") },
  }),
  ConfigMapEnvSource: obj("ConfigMapEnvSource", {
    name: { type: "string" },
    optional: { type: "boolean" },
  }),
  ConfigMapKeySelector: obj("ConfigMapKeySelector", {
    name: { type: "string" },
    key: { type: "string" },
    optional: { type: "boolean" },
  }),
  ConfigMapProjection: obj("ConfigMapProjection", {
    name: { type: "string" },
    items: { type: "array", items: { $ref: ref("KeyToPath") } },
    optional: { type: "boolean" },
  }),
  ConfigMapVolumeSource: obj("ConfigMapVolumeSource", {
    name: { type: "string" },
    items: { type: "array", items: { $ref: ref("KeyToPath") } },
    defaultMode: { $ref: ref("int32") },
    optional: { type: "boolean" },
  }),
  Container: obj("Container", {
    name: { type: "string" },
    image: { type: "string" },
    command: { type: "array", items: { type: "string" } },
    args: { type: "array", items: { type: "string" } },
    workingDir: { type: "string" },
    ports: { type: "array", items: { $ref: ref("ContainerPort") } },
    envFrom: { type: "array", items: { $ref: ref("EnvFromSource") } },
    env: { type: "array", items: { $ref: ref("EnvVar") } },
    resources: { $ref: ref("ResourceRequirements") },
    volumeMounts: { type: "array", items: { $ref: ref("VolumeMount") } },
    volumeDevices: { type: "array", items: { $ref: ref("VolumeDevice") } },
    livenessProbe: { $ref: ref("Probe") },
    readinessProbe: { $ref: ref("Probe") },
    startupProbe: { $ref: ref("Probe") },
    lifecycle: { $ref: ref("Lifecycle") },
    terminationMessagePath: { type: "string" },
    terminationMessagePolicy: { type: "string" },
    imagePullPolicy: { type: "string" },
    securityContext: { $ref: ref("SecurityContext") },
    stdin: { type: "boolean" },
    stdinOnce: { type: "boolean" },
    tty: { type: "boolean" },
  }),
  ContainerPort: obj("ContainerPort", {
    name: { type: "string" },
    hostPort: { $ref: ref("int32") },
    containerPort: { $ref: ref("int32") },
    protocol: { type: "string" },
    hostIP: { type: "string" },
  }),
  DownwardAPIProjection: obj("DownwardAPIProjection", {
    items: { type: "array", items: { $ref: ref("DownwardAPIVolumeFile") } },
  }),
  DownwardAPIVolumeFile: obj("DownwardAPIVolumeFile", {
    path: { type: "string" },
    fieldRef: { $ref: ref("ObjectFieldSelector") },
    resourceFieldRef: { $ref: ref("ResourceFieldSelector") },
    mode: { $ref: ref("int32") },
  }),
  DownwardAPIVolumeSource: obj("DownwardAPIVolumeSource", {
    items: { type: "array", items: { $ref: ref("DownwardAPIVolumeFile") } },
    defaultMode: { $ref: ref("int32") },
  }),
  EmptyDirVolumeSource: obj("EmptyDirVolumeSource", {
    medium: { type: "string" },
    sizeLimit: { $ref: ref("Quantity") },
  }),
  EnvFromSource: obj("EnvFromSource", {
    prefix: { type: "string" },
    configMapRef: { $ref: ref("ConfigMapEnvSource") },
    secretRef: { $ref: ref("SecretEnvSource") },
  }),
  EnvVar: obj("EnvVar", {
    name: { type: "string" },
    value: { type: "string" },
    valueFrom: { $ref: ref("EnvVarSource") },
  }),
  EnvVarSource: obj("EnvVarSource", {
    fieldRef: { $ref: ref("ObjectFieldSelector") },
    resourceFieldRef: { $ref: ref("ResourceFieldSelector") },
    configMapKeyRef: { $ref: ref("ConfigMapKeySelector") },
    secretKeyRef: { $ref: ref("SecretKeySelector") },
  }),
  ExecAction: obj("ExecAction", {
    command: { type: "array", items: { type: "string" } },
  }),
  FCVolumeSource: obj("FCVolumeSource", {
    targetWWNs: { type: "array", items: { type: "string" } },
    lun: { $ref: ref("int32") },
    fsType: { type: "string" },
    readOnly: { type: "boolean" },
    wwids: { type: "array", items: { type: "string" } },
  }),
  FlexVolumeSource: obj("FlexVolumeSource", {
    driver: { type: "string" },
    fsType: { type: "string" },
    secretRef: { $ref: ref("LocalObjectReference") },
    readOnly: { type: "boolean" },
    options: { $ref: ref("StringMap") },
  }),
  FlockerVolumeSource: obj("FlockerVolumeSource", {
    datasetName: { type: "string" },
    datasetUUID: { type: "string" },
  }),
  GCEPersistentDiskVolumeSource: obj("GCEPersistentDiskVolumeSource", {
    pdName: { type: "string" },
    fsType: { type: "string" },
    partition: { $ref: ref("int32") },
    readOnly: { type: "boolean" },
  }),
  GitRepoVolumeSource: obj("GitRepoVolumeSource", {
    repository: { type: "string" },
    revision: { type: "string" },
    directory: { type: "string" },
  }),
  GlusterfsVolumeSource: obj("GlusterfsVolumeSource", {
    endpoints: { type: "string" },
    path: { type: "string" },
    readOnly: { type: "boolean" },
  }),
  HTTPGetAction: obj("HTTPGetAction", {
    path: { type: "string" },
    port: { $ref: ref("IntOrString") },
    host: { type: "string" },
    scheme: { type: "string" },
    httpHeaders: { type: "array", items: { $ref: ref("HTTPHeader") } },
  }),
  HTTPHeader: obj("HTTPHeader", {
    name: { type: "string" },
    value: { type: "string" },
  }),
  Handler: obj("Handler", {
    exec: { $ref: ref("ExecAction") },
    httpGet: { $ref: ref("HTTPGetAction") },
    tcpSocket: { $ref: ref("TCPSocketAction") },
  }),
  HostPathVolumeSource: obj("HostPathVolumeSource", {
    path: { type: "string" },
    type: { type: "string" },
  }),
  ISCSIVolumeSource: obj("ISCSIVolumeSource", {
    targetPortal: { type: "string" },
    iqn: { type: "string" },
    lun: { $ref: ref("int32") },
    iscsiInterface: { type: "string" },
    fsType: { type: "string" },
    readOnly: { type: "boolean" },
    portals: { type: "array", items: { type: "string" } },
    chapAuthDiscovery: { type: "boolean" },
    chapAuthSession: { type: "boolean" },
    secretRef: { $ref: ref("LocalObjectReference") },
    initiatorName: { type: "string" },
  }),
  KeyToPath: obj("KeyToPath", {
    key: { type: "string" },
    path: { type: "string" },
    mode: { $ref: ref("int32") },
  }),
  LabelSelector: obj("LabelSelector", {
    matchLabels: { $ref: ref("StringMap") },
    matchExpressions: { type: "array", items: { $ref: ref("LabelSelectorRequirement") } },
  }),
  LabelSelectorRequirement: obj("LabelSelectorRequirement", {
    key: { type: "string" },
    operator: { type: "string" },
    values: { type: "array", items: { type: "string" } },
  }),
  Lifecycle: obj("Lifecycle", {
    postStart: { $ref: ref("Handler") },
    preStop: { $ref: ref("Handler") },
  }),
  LimitRange: obj("LimitRange", {
    kind: { type: "string" },
    apiVersion: { type: "string" },
    metadata: { $ref: ref("ObjectMeta") },
    spec: { $ref: ref("LimitRangeSpec") },
  }),
  LimitRangeItem: obj("LimitRangeItem", {
    type: { type: "string" },
    max: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
    min: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
    default: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
    defaultRequest: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
    maxLimitRequestRatio: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
  }),
  LimitRangeSpec: obj("LimitRangeSpec", {
    limits: { type: "array", items: { $ref: ref("LimitRangeItem") } },
  }),
  LocalObjectReference: obj("LocalObjectReference", {
    name: { type: "string" },
  }),
  ManagedFieldsEntry: obj("ManagedFieldsEntry", {
    manager: { type: "string" },
    operation: { type: "string" },
    apiVersion: { type: "string" },
    time: { $ref: ref("Time") },
    fieldsType: { type: "string" },
    fieldsV1: { type: "object" },
  }),
  NFSVolumeSource: obj("NFSVolumeSource", {
    server: { type: "string" },
    path: { type: "string" },
    readOnly: { type: "boolean" },
  }),
  NodeAffinity: obj("NodeAffinity", {
    requiredDuringSchedulingIgnoredDuringExecution: { $ref: ref("NodeSelector") },
    preferredDuringSchedulingIgnoredDuringExecution: { type: "array", items: { $ref: ref("PreferredSchedulingTerm") } },
  }),
  NodeSelector: obj("NodeSelector", {
    nodeSelectorTerms: { type: "array", items: { $ref: ref("NodeSelectorTerm") } },
  }),
  NodeSelectorRequirement: obj("NodeSelectorRequirement", {
    key: { type: "string" },
    operator: { type: "string" },
    values: { type: "array", items: { type: "string" } },
  }),
  NodeSelectorTerm: obj("NodeSelectorTerm", {
    matchExpressions: { type: "array", items: { $ref: ref("NodeSelectorRequirement") } },
    matchFields: { type: "array", items: { $ref: ref("NodeSelectorRequirement") } },
  }),
  ObjectFieldSelector: obj("ObjectFieldSelector", {
    apiVersion: { type: "string" },
    fieldPath: { type: "string" },
  }),
  ObjectMeta: obj("ObjectMeta", {
    name: { type: "string" },
    generateName: { type: "string" },
    namespace: { type: "string" },
    selfLink: { type: "string" },
    uid: { type: "string" },
    resourceVersion: { type: "string" },
    generation: { $ref: ref("int64") },
    creationTimestamp: { $ref: ref("Time") },
    deletionTimestamp: { $ref: ref("Time") },
    deletionGracePeriodSeconds: { $ref: ref("int64") },
    labels: { $ref: ref("StringMap") },
    annotations: { $ref: ref("StringMap") },
    ownerReferences: { type: "array", items: { $ref: ref("OwnerReference") } },
    finalizers: { type: "array", items: { type: "string" } },
    clusterName: { type: "string" },
    managedFields: { type: "array", items: { $ref: ref("ManagedFieldsEntry") } },
  }),
  ObjectReference: obj("ObjectReference", {
    kind: { type: "string" },
    namespace: { type: "string" },
    name: { type: "string" },
    uid: { type: "string" },
    apiVersion: { type: "string" },
    resourceVersion: { type: "string" },
    fieldPath: { type: "string" },
  }),
  OwnerReference: obj("OwnerReference", {
    apiVersion: { type: "string" },
    kind: { type: "string" },
    name: { type: "string" },
    uid: { type: "string" },
    controller: { type: "boolean" },
    blockOwnerDeletion: { type: "boolean" },
  }),
  PersistentVolumeClaim: obj("PersistentVolumeClaim", {
    kind: { type: "string" },
    apiVersion: { type: "string" },
    metadata: { $ref: ref("ObjectMeta") },
    spec: { $ref: ref("PersistentVolumeClaimSpec") },
    status: { $ref: ref("PersistentVolumeClaimStatus") },
  }),
  PersistentVolumeClaimCondition: obj("PersistentVolumeClaimCondition", {
    type: { type: "string" },
    status: { type: "string" },
    lastProbeTime: { $ref: ref("Time") },
    lastTransitionTime: { $ref: ref("Time") },
    reason: { type: "string" },
    message: { type: "string" },
  }),
  PersistentVolumeClaimSpec: obj("PersistentVolumeClaimSpec", {
    accessModes: { type: "array", items: { type: "string" } },
    selector: { $ref: ref("LabelSelector") },
    resources: { $ref: ref("ResourceRequirements") },
    volumeName: { type: "string" },
    storageClassName: { type: "string" },
    volumeMode: { type: "string" },
    dataSource: { $ref: ref("TypedLocalObjectReference") },
  }),
  PersistentVolumeClaimStatus: obj("PersistentVolumeClaimStatus", {
    phase: { type: "string" },
    accessModes: { type: "array", items: { type: "string" } },
    capacity: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
    conditions: { type: "array", items: { $ref: ref("PersistentVolumeClaimCondition") } },
  }),
  PersistentVolumeClaimVolumeSource: obj("PersistentVolumeClaimVolumeSource", {
    claimName: { type: "string" },
    readOnly: { type: "boolean" },
  }),
  PhotonPersistentDiskVolumeSource: obj("PhotonPersistentDiskVolumeSource", {
    pdID: { type: "string" },
    fsType: { type: "string" },
  }),
  PodAffinity: obj("PodAffinity", {
    requiredDuringSchedulingIgnoredDuringExecution: { type: "array", items: { $ref: ref("PodAffinityTerm") } },
    preferredDuringSchedulingIgnoredDuringExecution: { type: "array", items: { $ref: ref("WeightedPodAffinityTerm") } },
  }),
  PodAffinityTerm: obj("PodAffinityTerm", {
    labelSelector: { $ref: ref("LabelSelector") },
    namespaces: { type: "array", items: { type: "string" } },
    topologyKey: { type: "string" },
  }),
  PodAntiAffinity: obj("PodAntiAffinity", {
    requiredDuringSchedulingIgnoredDuringExecution: { type: "array", items: { $ref: ref("PodAffinityTerm") } },
    preferredDuringSchedulingIgnoredDuringExecution: { type: "array", items: { $ref: ref("WeightedPodAffinityTerm") } },
  }),
  PodDNSConfig: obj("PodDNSConfig", {
    nameservers: { type: "array", items: { type: "string" } },
    searches: { type: "array", items: { type: "string" } },
    options: { type: "array", items: { $ref: ref("PodDNSConfigOption") } },
  }),
  PodDNSConfigOption: obj("PodDNSConfigOption", {
    name: { type: "string" },
    value: { type: "string" },
  }),
  PodSecurityContext: obj("PodSecurityContext", {
    seLinuxOptions: { $ref: ref("SELinuxOptions") },
    windowsOptions: { $ref: ref("WindowsSecurityContextOptions") },
    runAsUser: { $ref: ref("int64") },
    runAsGroup: { $ref: ref("int64") },
    runAsNonRoot: { type: "boolean" },
    supplementalGroups: { type: "array", items: { $ref: ref("int64") } },
    fsGroup: { $ref: ref("int64") },
    sysctls: { type: "array", items: { $ref: ref("Sysctl") } },
    fsGroupChangePolicy: { type: "string" },
  }),
  PortworxVolumeSource: obj("PortworxVolumeSource", {
    volumeID: { type: "string" },
    fsType: { type: "string" },
    readOnly: { type: "boolean" },
  }),
  PreferredSchedulingTerm: obj("PreferredSchedulingTerm", {
    weight: { $ref: ref("int32") },
    preference: { $ref: ref("NodeSelectorTerm") },
  }),
  Probe: obj("Probe", {
    exec: { $ref: ref("ExecAction") },
    httpGet: { $ref: ref("HTTPGetAction") },
    tcpSocket: { $ref: ref("TCPSocketAction") },
    initialDelaySeconds: { $ref: ref("int32") },
    timeoutSeconds: { $ref: ref("int32") },
    periodSeconds: { $ref: ref("int32") },
    successThreshold: { $ref: ref("int32") },
    failureThreshold: { $ref: ref("int32") },
  }),
  ProjectedVolumeSource: obj("ProjectedVolumeSource", {
    sources: { type: "array", items: { $ref: ref("VolumeProjection") } },
    defaultMode: { $ref: ref("int32") },
  }),
  QuobyteVolumeSource: obj("QuobyteVolumeSource", {
    registry: { type: "string" },
    volume: { type: "string" },
    readOnly: { type: "boolean" },
    user: { type: "string" },
    group: { type: "string" },
    tenant: { type: "string" },
  }),
  RBDVolumeSource: obj("RBDVolumeSource", {
    monitors: { type: "array", items: { type: "string" } },
    image: { type: "string" },
    fsType: { type: "string" },
    pool: { type: "string" },
    user: { type: "string" },
    keyring: { type: "string" },
    secretRef: { $ref: ref("LocalObjectReference") },
    readOnly: { type: "boolean" },
  }),
  ResourceFieldSelector: obj("ResourceFieldSelector", {
    containerName: { type: "string" },
    resource: { type: "string" },
    divisor: { $ref: ref("Quantity") },
  }),
  ResourceRequirements: obj("ResourceRequirements", {
    limits: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
    requests: { type: "object", additionalProperties: { $ref: ref("Quantity") } },
  }),
  SELinuxOptions: obj("SELinuxOptions", {
    user: { type: "string" },
    role: { type: "string" },
    type: { type: "string" },
    level: { type: "string" },
  }),
  ScaleIOVolumeSource: obj("ScaleIOVolumeSource", {
    gateway: { type: "string" },
    system: { type: "string" },
    secretRef: { $ref: ref("LocalObjectReference") },
    sslEnabled: { type: "boolean" },
    protectionDomain: { type: "string" },
    storagePool: { type: "string" },
    storageMode: { type: "string" },
    volumeName: { type: "string" },
    fsType: { type: "string" },
    readOnly: { type: "boolean" },
  }),
  Secret: obj("Secret", {
    kind: { type: "string" },
    apiVersion: { type: "string" },
    metadata: { $ref: ref("ObjectMeta") },
    immutable: { type: "boolean" },
    data: { $ref: ref("StringMap") },
    stringData: { $ref: ref("StringMap") },
    type: { type: "string" },
  }),
  SecretEnvSource: obj("SecretEnvSource", {
    name: { type: "string" },
    optional: { type: "boolean" },
  }),
  SecretKeySelector: obj("SecretKeySelector", {
    name: { type: "string" },
    key: { type: "string" },
    optional: { type: "boolean" },
  }),
  SecretProjection: obj("SecretProjection", {
    name: { type: "string" },
    items: { type: "array", items: { $ref: ref("KeyToPath") } },
    optional: { type: "boolean" },
  }),
  SecretVolumeSource: obj("SecretVolumeSource", {
    secretName: { type: "string" },
    items: { type: "array", items: { $ref: ref("KeyToPath") } },
    defaultMode: { $ref: ref("int32") },
    optional: { type: "boolean" },
  }),
  SecurityContext: obj("SecurityContext", {
    capabilities: { $ref: ref("Capabilities") },
    privileged: { type: "boolean" },
    seLinuxOptions: { $ref: ref("SELinuxOptions") },
    windowsOptions: { $ref: ref("WindowsSecurityContextOptions") },
    runAsUser: { $ref: ref("int64") },
    runAsGroup: { $ref: ref("int64") },
    runAsNonRoot: { type: "boolean" },
    readOnlyRootFilesystem: { type: "boolean" },
    allowPrivilegeEscalation: { type: "boolean" },
    procMount: { type: "string" },
  }),
  ServiceAccount: obj("ServiceAccount", {
    kind: { type: "string" },
    apiVersion: { type: "string" },
    metadata: { $ref: ref("ObjectMeta") },
    secrets: { type: "array", items: { $ref: ref("ObjectReference") } },
    imagePullSecrets: { type: "array", items: { $ref: ref("LocalObjectReference") } },
    automountServiceAccountToken: { type: "boolean" },
  }),
  ServiceAccountTokenProjection: obj("ServiceAccountTokenProjection", {
    audience: { type: "string" },
    expirationSeconds: { $ref: ref("int64") },
    path: { type: "string" },
  }),
  StorageOSVolumeSource: obj("StorageOSVolumeSource", {
    volumeName: { type: "string" },
    volumeNamespace: { type: "string" },
    fsType: { type: "string" },
    readOnly: { type: "boolean" },
    secretRef: { $ref: ref("LocalObjectReference") },
  }),
  Sysctl: obj("Sysctl", {
    name: { type: "string" },
    value: { type: "string" },
  }),
  TCPSocketAction: obj("TCPSocketAction", {
    port: { $ref: ref("IntOrString") },
    host: { type: "string" },
  }),
  Toleration: obj("Toleration", {
    key: { type: "string" },
    operator: { type: "string" },
    value: { type: "string" },
    effect: { type: "string" },
    tolerationSeconds: { $ref: ref("int64") },
  }),
  TypedLocalObjectReference: obj("TypedLocalObjectReference", {
    apiGroup: { type: "string" },
    kind: { type: "string" },
    name: { type: "string" },
  }),
  Volume: obj("Volume", {
    name: { type: "string" },
    hostPath: { $ref: ref("HostPathVolumeSource") },
    emptyDir: { $ref: ref("EmptyDirVolumeSource") },
    gcePersistentDisk: { $ref: ref("GCEPersistentDiskVolumeSource") },
    awsElasticBlockStore: { $ref: ref("AWSElasticBlockStoreVolumeSource") },
    gitRepo: { $ref: ref("GitRepoVolumeSource") },
    secret: { $ref: ref("SecretVolumeSource") },
    nfs: { $ref: ref("NFSVolumeSource") },
    iscsi: { $ref: ref("ISCSIVolumeSource") },
    glusterfs: { $ref: ref("GlusterfsVolumeSource") },
    persistentVolumeClaim: { $ref: ref("PersistentVolumeClaimVolumeSource") },
    rbd: { $ref: ref("RBDVolumeSource") },
    flexVolume: { $ref: ref("FlexVolumeSource") },
    cinder: { $ref: ref("CinderVolumeSource") },
    cephfs: { $ref: ref("CephFSVolumeSource") },
    flocker: { $ref: ref("FlockerVolumeSource") },
    downwardAPI: { $ref: ref("DownwardAPIVolumeSource") },
    fc: { $ref: ref("FCVolumeSource") },
    azureFile: { $ref: ref("AzureFileVolumeSource") },
    configMap: { $ref: ref("ConfigMapVolumeSource") },
    vsphereVolume: { $ref: ref("VsphereVirtualDiskVolumeSource") },
    quobyte: { $ref: ref("QuobyteVolumeSource") },
    azureDisk: { $ref: ref("AzureDiskVolumeSource") },
    photonPersistentDisk: { $ref: ref("PhotonPersistentDiskVolumeSource") },
    projected: { $ref: ref("ProjectedVolumeSource") },
    portworxVolume: { $ref: ref("PortworxVolumeSource") },
    scaleIO: { $ref: ref("ScaleIOVolumeSource") },
    storageos: { $ref: ref("StorageOSVolumeSource") },
    csi: { $ref: ref("CSIVolumeSource") },
  }),
  VolumeDevice: obj("VolumeDevice", {
    name: { type: "string" },
    devicePath: { type: "string" },
  }),
  VolumeMount: obj("VolumeMount", {
    name: { type: "string" },
    readOnly: { type: "boolean" },
    mountPath: { type: "string" },
    subPath: { type: "string" },
    mountPropagation: { type: "string" },
    subPathExpr: { type: "string" },
  }),
  VolumeProjection: obj("VolumeProjection", {
    secret: { $ref: ref("SecretProjection") },
    downwardAPI: { $ref: ref("DownwardAPIProjection") },
    configMap: { $ref: ref("ConfigMapProjection") },
    serviceAccountToken: { $ref: ref("ServiceAccountTokenProjection") },
  }),
  VsphereVirtualDiskVolumeSource: obj("VsphereVirtualDiskVolumeSource", {
    volumePath: { type: "string" },
    fsType: { type: "string" },
    storagePolicyName: { type: "string" },
    storagePolicyID: { type: "string" },
  }),
  WeightedPodAffinityTerm: obj("WeightedPodAffinityTerm", {
    weight: { $ref: ref("int32") },
    podAffinityTerm: { $ref: ref("PodAffinityTerm") },
  }),
  WindowsSecurityContextOptions: obj("WindowsSecurityContextOptions", {
    gmsaCredentialSpecName: { type: "string" },
    gmsaCredentialSpec: { type: "string" },
    runAsUserName: { type: "string" },
  }),
});
