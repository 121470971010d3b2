// The bootstrap of one stack's project, as a function of typed arguments: index.ts reads the
// stack config and calls it; tests/bootstrap.test.ts calls it under mocks.
//
// One bootstrap stack per platform project (Pulumi.mindmirror-staging.yaml, Pulumi.mindmirror-prod.yaml),
// run by an operator with local state, after the CI stack (Pulumi.mindmirror-ci.yaml, ci-program.ts)
// has created the CI accounts: the state bucket, the secrets-provider key, the APIs, and what the
// stack's CI accounts may do here (access.ts: state objects of this stack only, this project's
// key, the deployer's narrow roles, Costs Manager on the billing account).

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { CI_PROJECT } from "../components/ci-identities";
import { PLATFORM_APIS } from "../components/project-apis";
import { STACKS, StackName } from "../policy-pack/conventions";
import { stackBindings } from "./access";
import { CiAccess } from "./ci-access";

/** APIs the bootstrap itself needs on top of the platform's. */
export const BOOTSTRAP_APIS = ["cloudkms.googleapis.com", "storage.googleapis.com"] as const;

/** 90 days, the rotation period of the secrets key. */
export const KEY_ROTATION_PERIOD = "7776000s";

export interface BootstrapArgs {
    /** GCP project id of the stack, e.g. mindmirror-staging. */
    readonly project: string;
    /** The platform stack this project runs (staging, production). */
    readonly env: StackName;
    /** Location of the state bucket (a region such as us-central1, or a multi-region). */
    readonly bucketLocation: string;
    /** Location of the key ring (a region, or global). */
    readonly kmsLocation: string;
    /** Noncurrent versions of each state object to keep. @default 10 */
    readonly noncurrentVersions?: number;
    /** Days a noncurrent state version is kept at least, however many newer ones exist. @default NONCURRENT_DAYS[env] */
    readonly noncurrentDays?: number;
    /** Billing account of the stack's budget (the deployer gets Costs Manager on it). */
    readonly billingAccount: string;
    /** Project of the CI accounts (created by the mindmirror-ci bootstrap stack). @default CI_PROJECT */
    readonly ciProject?: string;
}

export interface BootstrapOutputs {
    /** The platform stacks' backend: `pulumi login <stateBucketUrl>`. */
    readonly stateBucketUrl: pulumi.Output<string>;
    /** `pulumi stack init <stack> --secrets-provider <secretsProvider>`. */
    readonly secretsProvider: pulumi.Output<string>;
    readonly apis: readonly string[];
}

const LABEL = /^[a-z][a-z0-9_-]{0,62}$/;
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;

/** Every problem with the arguments, at once (empty when they are fine). */
export function validateBootstrapArgs(args: BootstrapArgs): string[] {
    const issues: string[] = [];
    if (!PROJECT.test(args.project)) issues.push(`project: "${args.project}" is not a GCP project id`);
    if (!LABEL.test(args.env) || !(STACKS as readonly string[]).includes(args.env)) issues.push(`env: "${args.env}" is not a platform stack (${STACKS.join(", ")})`);
    if (!args.bucketLocation) issues.push("bucketLocation: required");
    if (!args.kmsLocation) issues.push("kmsLocation: required");
    const n = args.noncurrentVersions ?? 10;
    if (!Number.isInteger(n) || n < 1) issues.push(`noncurrentVersions: ${n} must be a positive integer`);
    if (args.noncurrentDays !== undefined && (!Number.isInteger(args.noncurrentDays) || args.noncurrentDays < 1)) issues.push(`noncurrentDays: ${args.noncurrentDays} must be a positive integer`);
    if (!BILLING_ACCOUNT.test(args.billingAccount ?? "")) issues.push(`billingAccount: "${args.billingAccount}" is not a billing account id (XXXXXX-XXXXXX-XXXXXX)`);
    if (args.ciProject !== undefined && !PROJECT.test(args.ciProject)) issues.push(`ciProject: "${args.ciProject}" is not a GCP project id`);
    if (args.ciProject === args.project) issues.push(`ciProject: the CI accounts must not live in the stack's own project (${args.project})`);
    return issues;
}

/** The APIs the platform needs (components/project-apis.ts), plus Cloud KMS and Cloud Storage. */
export class ProjectServices extends pulumi.ComponentResource {
    public readonly services: gcp.projects.Service[];
    public readonly byApi: ReadonlyMap<string, gcp.projects.Service>;

    constructor(name: string, args: { project: string; apis: readonly string[] }, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:bootstrap:ProjectServices", name, {}, opts);
        const byApi = new Map<string, gcp.projects.Service>();
        for (const api of [...new Set(args.apis)].sort()) {
            byApi.set(api, new gcp.projects.Service(`${name}-${api.split(".")[0]}`, {
                project: args.project,
                service: api,
                // Other workloads in the project may use the API too.
                disableOnDestroy: false,
                disableDependentServices: false,
            }, { parent: this }));
        }
        this.byApi = byApi;
        this.services = [...byApi.values()];
        this.registerOutputs({ apis: [...byApi.keys()] });
    }
}

/** The versioned, private bucket holding the platform stacks' state. */
export class StateBucket extends pulumi.ComponentResource {
    public readonly bucket: gcp.storage.Bucket;
    public readonly url: pulumi.Output<string>;

    constructor(name: string, args: {
        project: string; location: string; labels: Record<string, string>; noncurrentVersions: number; noncurrentDays: number;
    }, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:bootstrap:StateBucket", name, {}, opts);
        this.bucket = new gcp.storage.Bucket(`${name}-bucket`, {
            project: args.project,
            name: `${args.project}-pulumi-state`,
            location: args.location,
            storageClass: "STANDARD",
            versioning: { enabled: true },
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            // State is the only record of what exists: never delete it with the bucket.
            forceDestroy: false,
            labels: args.labels,
            lifecycleRules: [{
                // A noncurrent checkpoint goes only when it is both beyond the newest N and older
                // than D days (conditions of one rule must all hold): a burst of deploys cannot push
                // last week's state out, and a quiet month still keeps N versions.
                action: { type: "Delete" },
                condition: { numNewerVersions: args.noncurrentVersions, daysSinceNoncurrentTime: args.noncurrentDays, withState: "ARCHIVED" },
            }],
        }, { parent: this, protect: true });
        this.url = pulumi.interpolate`gs://${this.bucket.name}`;
        this.registerOutputs({ url: this.url });
    }
}

/** The KMS key that encrypts the platform stacks' secrets (the gcpkms secrets provider). */
export class SecretsKey extends pulumi.ComponentResource {
    public readonly keyRing: gcp.kms.KeyRing;
    public readonly key: gcp.kms.CryptoKey;
    public readonly secretsProvider: pulumi.Output<string>;

    constructor(name: string, args: {
        project: string; location: string; labels: Record<string, string>;
    }, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:bootstrap:SecretsKey", name, {}, opts);
        // Key rings and keys cannot be deleted in GCP; protect keeps Pulumi from trying (and from
        // scheduling the key's versions for destruction, which would lose every stack secret).
        this.keyRing = new gcp.kms.KeyRing(`${name}-ring`, {
            project: args.project,
            name: "pulumi",
            location: args.location,
        }, { parent: this, protect: true });
        this.key = new gcp.kms.CryptoKey(`${name}-key`, {
            name: "stack-secrets",
            keyRing: this.keyRing.id,
            purpose: "ENCRYPT_DECRYPT",
            rotationPeriod: KEY_ROTATION_PERIOD,
            labels: args.labels,
        }, { parent: this, protect: true });
        this.secretsProvider = pulumi.interpolate`gcpkms://projects/${args.project}/locations/${args.location}/keyRings/${this.keyRing.name}/cryptoKeys/${this.key.name}`;
        this.registerOutputs({ secretsProvider: this.secretsProvider });
    }
}

/** How long a replaced state version is kept at least: long enough to notice a bad update and roll the state back. */
export const NONCURRENT_DAYS: Readonly<Record<StackName, number>> = { staging: 30, production: 90 };

export function runBootstrap(args: BootstrapArgs): BootstrapOutputs {
    const issues = validateBootstrapArgs(args);
    if (issues.length > 0) throw new pulumi.RunError(formatProblems("Bootstrap config is not valid", issues));
    const labels = { app: "mindmirror", env: args.env, "managed-by": "pulumi-bootstrap" };

    const apis = new ProjectServices("apis", { project: args.project, apis: [...PLATFORM_APIS, ...BOOTSTRAP_APIS] });
    const state = new StateBucket("state", {
        project: args.project, location: args.bucketLocation, labels,
        noncurrentVersions: args.noncurrentVersions ?? 10,
        noncurrentDays: args.noncurrentDays ?? NONCURRENT_DAYS[args.env],
    }, { dependsOn: [apis.byApi.get("storage.googleapis.com")!] });
    const key = new SecretsKey("secrets", {
        project: args.project, location: args.kmsLocation, labels,
    }, { dependsOn: [apis.byApi.get("cloudkms.googleapis.com")!] });
    new CiAccess("ci-access", {
        project: args.project,
        ciProject: args.ciProject ?? CI_PROJECT,
        bindings: stackBindings(args.project, args.env),
        bucket: state.bucket.name,
        cryptoKeyId: key.key.id,
        billingAccount: args.billingAccount,
    }, { dependsOn: [apis.byApi.get("iam.googleapis.com")!, apis.byApi.get("cloudresourcemanager.googleapis.com")!] });

    return { stateBucketUrl: state.url, secretsProvider: key.secretsProvider, apis: [...apis.byApi.keys()] };
}

export function formatProblems(title: string, issues: readonly string[]): string {
    return `${title} (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${issues.map((i, n) => `  ${n + 1}. ${i}`).join("\n")}`;
}
