// The Google APIs this platform needs, enabled by the program so a new project is one `pulumi up`.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export const PLATFORM_APIS = [
    "artifactregistry.googleapis.com",
    "billingbudgets.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "compute.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com",
    "serviceusage.googleapis.com",
    "sqladmin.googleapis.com",
    "sts.googleapis.com",
] as const;

export interface ProjectApisArgs {
    readonly project: string;
    /** Further APIs (redis.googleapis.com when Memorystore is on). */
    readonly extra?: readonly string[];
}

export class ProjectApis extends pulumi.ComponentResource {
    public readonly services: readonly gcp.projects.Service[];

    constructor(name: string, args: ProjectApisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:ProjectApis", name, {}, opts);
        const apis = [...new Set([...PLATFORM_APIS, ...(args.extra ?? [])])].sort();
        this.services = apis.map((api) => new gcp.projects.Service(`${name}-${api.split(".")[0]}`, {
            project: args.project,
            service: api,
            // Turning an API off on destroy would break anything else in the project that uses it.
            disableOnDestroy: false,
            disableDependentServices: false,
        }, { parent: this }));
        this.registerOutputs({ apis });
    }
}
