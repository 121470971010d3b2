// The Artifact Registry Docker repository all images come from, with cleanup policies that keep
// storage cheap: untagged images go after N days, the N most recent versions and every release
// tag (v1.2.3) stay.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "./labels";

export interface RegistryArgs {
    readonly project: string;
    readonly region: string;
    readonly repositoryId: string;
    readonly labels: Labels;
    /** Versions kept per image regardless of age. @default 10 */
    readonly keepRecent?: number;
    /** Days before an untagged image is deleted. @default 30 */
    readonly untaggedDays?: number;
}

export class Registry extends pulumi.ComponentResource {
    public readonly repository: gcp.artifactregistry.Repository;
    /** Docker host/path prefix, e.g. us-central1-docker.pkg.dev/project/services. */
    public readonly url: pulumi.Output<string>;

    constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Registry", name, {}, opts);

        this.repository = new gcp.artifactregistry.Repository(`${name}-repository`, {
            project: args.project,
            location: args.region,
            repositoryId: args.repositoryId,
            format: "DOCKER",
            description: "MindMirror service images",
            labels: { ...args.labels },
            // A tag names one image for good: main-<sha> and v1.2.3 are written once, so what was
            // reviewed is what runs, and a rollback to a tag gets the same bytes.
            dockerConfig: { immutableTags: true },
            vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
            cleanupPolicyDryRun: false,
            cleanupPolicies: [
                {
                    id: "delete-untagged",
                    action: "DELETE",
                    condition: { tagState: "UNTAGGED", olderThan: `${(args.untaggedDays ?? 30) * 86400}s` },
                },
                {
                    id: "keep-recent",
                    action: "KEEP",
                    mostRecentVersions: { keepCount: args.keepRecent ?? 10 },
                },
                {
                    id: "keep-releases",
                    action: "KEEP",
                    condition: { tagState: "TAGGED", tagPrefixes: ["v"] },
                },
            ],
        }, { parent: this });
        this.url = pulumi.interpolate`${args.region}-docker.pkg.dev/${args.project}/${this.repository.repositoryId}`;

        this.registerOutputs({ url: this.url });
    }
}
