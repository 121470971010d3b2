// Tracing ready: each runtime service account may write spans to Cloud Trace
// (roles/cloudtrace.agent). GCP offers this role only on a project (no trace resource to grant it
// on), which the platform contract allows for runtime accounts; nothing else is granted.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export const TRACE_WRITER_ROLE = "roles/cloudtrace.agent";

export interface TraceWritersArgs {
    readonly project: string;
    /** Runtime accounts by catalog key (IAM member strings). */
    readonly members: ReadonlyMap<string, pulumi.Input<string>>;
}

export class TraceWriters extends pulumi.ComponentResource {
    public readonly grants: readonly gcp.projects.IAMMember[];

    constructor(name: string, args: TraceWritersArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:TraceWriters", name, {}, opts);
        this.grants = [...args.members.keys()].sort().map((key) => new gcp.projects.IAMMember(`${name}-${key}`, {
            project: args.project,
            role: TRACE_WRITER_ROLE,
            member: args.members.get(key)!,
        }, { parent: this }));
        this.registerOutputs({});
    }
}
