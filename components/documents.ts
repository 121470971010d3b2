// The documents bucket of a stack: one regional Cloud Storage bucket with uniform access, public
// access prevented, versioning and a lifecycle that bounds what old versions cost. Object access
// is granted on this bucket alone, per catalog edge: `reader` services may read objects, `writer`
// services may read and write them. Nothing is granted project-wide.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { DocumentsAccess } from "../catalog/types";
import { Labels } from "./labels";

export interface DocumentsArgs {
    readonly project: string;
    readonly region: string;
    readonly bucketName: string;
    /** Noncurrent versions kept per object. @default 5 */
    readonly keepVersions?: number;
    /** Days a noncurrent version is kept. @default 30 */
    readonly noncurrentDays?: number;
    /** Production data: the bucket cannot be destroyed with objects in it. @default true */
    readonly protect?: boolean;
    readonly labels: Labels;
}

const DEFAULTS = { keepVersions: 5, noncurrentDays: 30, protect: true };

/** The one role each access gets on the bucket. */
export const DOCUMENTS_ROLES: Readonly<Record<DocumentsAccess, string>> = {
    reader: "roles/storage.objectViewer",
    writer: "roles/storage.objectUser",
};

export class Documents extends pulumi.ComponentResource {
    public readonly bucket: gcp.storage.Bucket;
    public readonly name: pulumi.Output<string>;
    private readonly grants = new Map<string, gcp.storage.BucketIAMMember>();

    constructor(private readonly componentName: string, args: DocumentsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Documents", componentName, {}, opts);
        const a = {
            ...args,
            keepVersions: args.keepVersions ?? DEFAULTS.keepVersions,
            noncurrentDays: args.noncurrentDays ?? DEFAULTS.noncurrentDays,
            protect: args.protect ?? DEFAULTS.protect,
        };

        this.bucket = new gcp.storage.Bucket(`${componentName}-bucket`, {
            project: a.project,
            name: a.bucketName,
            location: a.region.toUpperCase(),
            storageClass: "STANDARD",
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            versioning: { enabled: true },
            lifecycleRules: [
                // Old versions: keep the newest few, and none longer than the retention.
                { action: { type: "Delete" }, condition: { numNewerVersions: a.keepVersions, withState: "ARCHIVED" } },
                { action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: a.noncurrentDays, withState: "ARCHIVED" } },
                // Uploads that never completed.
                { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
            ],
            // Production: a destroy with objects in the bucket fails, and Pulumi refuses to delete it.
            forceDestroy: !a.protect,
            labels: { ...a.labels },
        }, { parent: this, protect: a.protect });
        this.name = this.bucket.name;

        this.registerOutputs({ name: this.name });
    }

    /** Grants one service (an IAM member) its access on this bucket only. */
    allow(serviceKey: string, access: DocumentsAccess, member: pulumi.Input<string>): gcp.storage.BucketIAMMember {
        const existing = this.grants.get(serviceKey);
        if (existing) return existing;
        const grant = new gcp.storage.BucketIAMMember(`${this.componentName}-${access}-${serviceKey}`, {
            bucket: this.bucket.name,
            role: DOCUMENTS_ROLES[access],
            member,
        }, { parent: this });
        this.grants.set(serviceKey, grant);
        return grant;
    }
}
