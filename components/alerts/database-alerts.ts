// Alert policies for one Cloud SQL instance: CPU, memory, disk and connections.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlertDefaults } from "../../catalog/types";
import { Labels } from "../labels";
import { policyBase, threshold } from "./conditions";

export interface DatabaseAlertsArgs {
    readonly project: string;
    readonly instanceName: string;
    readonly maxConnections: number;
    readonly thresholds: AlertDefaults;
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
}

export class DatabaseAlerts extends pulumi.ComponentResource {
    public readonly policies: gcp.monitoring.AlertPolicy[];

    constructor(name: string, args: DatabaseAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:DatabaseAlerts", name, {}, opts);
        const t = args.thresholds;
        const db = `resource.type = "cloudsql_database" AND resource.labels.database_id = "${args.project}:${args.instanceName}"`;
        const connections = Math.floor(args.maxConnections * t.databaseConnections);
        const checks: Array<[string, string, string, number, string]> = [
            ["cpu", "CPU utilization", "cloudsql.googleapis.com/database/cpu/utilization", t.databaseCpu, "a bigger tier, or the slow queries in Query Insights"],
            ["memory", "memory utilization", "cloudsql.googleapis.com/database/memory/utilization", t.databaseMemory, "a bigger tier or fewer max_connections"],
            ["disk", "disk utilization", "cloudsql.googleapis.com/database/disk/utilization", t.databaseDisk, "why the disk grows: autoresize is on, up to its limit"],
            ["connections", "connections", "cloudsql.googleapis.com/database/postgresql/num_backends", connections, "connection leaks and pool sizes (NullPool on Cloud Run)"],
        ];

        this.policies = checks.map(([key, what, metric, limit, hint]) => new gcp.monitoring.AlertPolicy(`${name}-${key}`, {
            ...policyBase(args.project, args.channels, { ...args.labels }, `${args.instanceName}: ${what} above ${limit}. Check ${hint}.`),
            displayName: `${args.instanceName}: ${what} above ${key === "connections" ? limit : `${limit * 100}%`}`,
            conditions: [threshold({
                displayName: what,
                filter: `${db} AND metric.type = "${metric}"`,
                threshold: limit,
                durationSeconds: t.durationSeconds,
                aligner: "ALIGN_MEAN",
                reducer: key === "connections" ? "REDUCE_SUM" : undefined,
                groupBy: key === "connections" ? ["resource.label.database_id"] : undefined,
            })],
        }, { parent: this }));

        this.registerOutputs({});
    }
}
