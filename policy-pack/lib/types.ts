// Pulumi type tokens of the Google Cloud resources the pack reads. Policies match on these strings
// (args.type), not on SDK classes, so resources from any program, any language and any
// @pulumi/gcp version are checked the same way.

export const GCP = {
    runService: "gcp:cloudrunv2/service:Service",
    runJob: "gcp:cloudrunv2/job:Job",
    runWorkerPool: "gcp:cloudrunv2/workerPool:WorkerPool",
    runServiceIamMember: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    runServiceIamBinding: "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
    runServiceIamPolicy: "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",

    runV1Service: "gcp:cloudrun/service:Service",
    runV1IamMember: "gcp:cloudrun/iamMember:IamMember",
    runV1IamBinding: "gcp:cloudrun/iamBinding:IamBinding",
    runV1IamPolicy: "gcp:cloudrun/iamPolicy:IamPolicy",

    functionV1: "gcp:cloudfunctions/function:Function",
    functionV1IamMember: "gcp:cloudfunctions/functionIamMember:FunctionIamMember",
    functionV1IamBinding: "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding",
    functionV1IamPolicy: "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
    functionV2: "gcp:cloudfunctionsv2/function:Function",
    functionV2IamMember: "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
    functionV2IamBinding: "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
    functionV2IamPolicy: "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",

    sqlInstance: "gcp:sql/databaseInstance:DatabaseInstance",
    redisInstance: "gcp:redis/instance:Instance",
    budget: "gcp:billing/budget:Budget",
    secret: "gcp:secretmanager/secret:Secret",
    secretVersion: "gcp:secretmanager/secretVersion:SecretVersion",
    vpcConnector: "gcp:vpcaccess/connector:Connector",
    routerNat: "gcp:compute/routerNat:RouterNat",
    artifactRepository: "gcp:artifactregistry/repository:Repository",
    pubsubTopic: "gcp:pubsub/topic:Topic",
    pubsubSubscription: "gcp:pubsub/subscription:Subscription",
    dnsManagedZone: "gcp:dns/managedZone:ManagedZone",
    storageBucket: "gcp:storage/bucket:Bucket",
    computeInstance: "gcp:compute/instance:Instance",
    computeDisk: "gcp:compute/disk:Disk",
    uptimeCheck: "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig",
    serviceAccountKey: "gcp:serviceaccount/key:Key",
    workloadIdentityPoolProvider: "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
    kmsCryptoKey: "gcp:kms/cryptoKey:CryptoKey",
    bigqueryDataset: "gcp:bigquery/dataset:Dataset",
} as const;

/** IAM on Cloud Run services and Cloud Functions: who may invoke them. */
export const INVOKER_IAM_TYPES: ReadonlySet<string> = new Set([
    GCP.runServiceIamMember,
    GCP.runServiceIamBinding,
    GCP.runServiceIamPolicy,
    GCP.runV1IamMember,
    GCP.runV1IamBinding,
    GCP.runV1IamPolicy,
    GCP.functionV1IamMember,
    GCP.functionV1IamBinding,
    GCP.functionV1IamPolicy,
    GCP.functionV2IamMember,
    GCP.functionV2IamBinding,
    GCP.functionV2IamPolicy,
]);
