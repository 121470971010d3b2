// Optional Memorystore for Redis (off unless the stack turns it on: a BASIC 1 GB instance costs
// more per month than the whole staging stack). Private service access, AUTH and in-transit TLS;
// the AUTH string lives in Secret Manager.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "./labels";
import { Secret } from "./secret";

export interface RedisArgs {
    readonly project: string;
    readonly region: string;
    readonly name: string;
    readonly tier: "BASIC" | "STANDARD_HA";
    readonly memorySizeGb: number;
    readonly network: pulumi.Input<string>;
    readonly authSecretId: string;
    readonly labels: Labels;
}

export class Redis extends pulumi.ComponentResource {
    public readonly instance: gcp.redis.Instance;
    public readonly host: pulumi.Output<string>;
    public readonly port: pulumi.Output<number>;
    public readonly authSecret: Secret;

    constructor(name: string, args: RedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Redis", name, {}, opts);

        this.instance = new gcp.redis.Instance(`${name}-instance`, {
            project: args.project,
            region: args.region,
            name: args.name,
            tier: args.tier,
            memorySizeGb: args.memorySizeGb,
            redisVersion: "REDIS_7_2",
            authorizedNetwork: args.network,
            connectMode: "PRIVATE_SERVICE_ACCESS",
            authEnabled: true,
            transitEncryptionMode: "SERVER_AUTHENTICATION",
            redisConfigs: { "maxmemory-policy": "allkeys-lru" },
            maintenancePolicy: { weeklyMaintenanceWindows: [{ day: "SUNDAY", startTime: { hours: 3, minutes: 0 } }] },
            labels: { ...args.labels },
        }, { parent: this });
        this.host = this.instance.host;
        this.port = this.instance.port;

        this.authSecret = new Secret(`${name}-auth`, {
            project: args.project,
            secretId: args.authSecretId,
            description: "Memorystore AUTH string",
            labels: { ...args.labels },
            value: this.instance.authString,
        }, { parent: this });

        this.registerOutputs({ host: this.host, port: this.port });
    }
}
