// Database migrations as a Cloud Run v2 job: the service's image, identity, secrets and network,
// so a migration reaches exactly what the service reaches. Creating the job does not run it:
// the deploy runs `gcloud run jobs execute <job> --wait` before services move to a new image.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { EnvVar, SecretWiring } from "./container";
import { Labels } from "./labels";

export interface MigrationJobArgs {
    readonly project: string;
    readonly region: string;
    readonly jobName: string;
    readonly image: string;
    readonly command: readonly string[];
    readonly serviceAccount: pulumi.Input<string>;
    readonly envs: readonly EnvVar[];
    readonly wiring: SecretWiring;
    readonly vpcAccess?: { networkInterfaces: { network: pulumi.Input<string>; subnetwork: pulumi.Input<string>; tags: string[] }[]; egress: string };
    readonly labels: Labels;
    /** Seconds one attempt may run. @default 600 */
    readonly timeoutSeconds?: number;
    /** Retries of a failed attempt. @default 3 */
    readonly maxRetries?: number;
    /** @default true */
    readonly deletionProtection?: boolean;
}

export class MigrationJob extends pulumi.ComponentResource {
    public readonly job: gcp.cloudrunv2.Job;
    public readonly jobName: pulumi.Output<string>;

    constructor(name: string, args: MigrationJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:MigrationJob", name, {}, opts);
        const [command, ...rest] = args.command;

        this.job = new gcp.cloudrunv2.Job(`${name}-job`, {
            project: args.project,
            location: args.region,
            name: args.jobName,
            deletionProtection: args.deletionProtection ?? true,
            labels: { ...args.labels, component: "migrations" },
            template: {
                labels: { ...args.labels, component: "migrations" },
                taskCount: 1,
                parallelism: 1,
                template: {
                    serviceAccount: args.serviceAccount,
                    timeout: `${args.timeoutSeconds ?? 600}s`,
                    maxRetries: args.maxRetries ?? 3,
                    executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
                    vpcAccess: args.vpcAccess,
                    volumes: args.wiring.volumes,
                    containers: [{
                        name: "migrate",
                        image: args.image,
                        commands: [command],
                        args: rest,
                        envs: [...args.envs],
                        volumeMounts: args.wiring.volumeMounts,
                        resources: { limits: { cpu: "1", memory: "512Mi" } },
                    }],
                },
            },
        }, { parent: this });
        this.jobName = this.job.name;

        this.registerOutputs({ jobName: this.jobName });
    }
}
