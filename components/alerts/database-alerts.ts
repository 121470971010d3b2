// The Cloud SQL signals of a stack: CPU, memory, disk and connections. One policy per signal, one
// condition each covering every instance of the platform, grouped by database_id, so an incident
// names its instance and a new instance adds no condition.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlertDefaults, AlertSignal } from "../../catalog/types";
import { Labels } from "../labels";
import { policyBase, threshold } from "./conditions";

export interface DatabaseAlertsArgs {
    readonly project: string;
    /** Physical instance names. */
    readonly instances: readonly string[];
    readonly maxConnections: number;
    readonly thresholds: AlertDefaults;
    readonly signals: ReadonlySet<AlertSignal>;
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
}

interface DatabaseSignal {
    readonly signal: AlertSignal;
    readonly what: string;
    readonly metric: string;
    readonly limit: number;
    readonly shown: string;
    readonly steps: readonly string[];
}

const INSTANCE = "${resource.label.database_id}";

export class DatabaseAlerts extends pulumi.ComponentResource {
    public readonly policies: gcp.monitoring.AlertPolicy[];

    constructor(name: string, args: DatabaseAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:DatabaseAlerts", name, {}, opts);
        const t = args.thresholds;
        const connections = Math.floor(args.maxConnections * t.databaseConnections);
        const ids = [...args.instances].sort().map((instance) => `"${args.project}:${instance}"`).join(", ");
        const signals: DatabaseSignal[] = [
            { signal: "database-cpu", what: "CPU utilization", metric: "cloudsql.googleapis.com/database/cpu/utilization", limit: t.databaseCpu, shown: `${t.databaseCpu * 100}%`,
                steps: ["Slow or frequent queries: Query Insights on the instance.", "Sustained load: a bigger tier (`mindmirror:database.tier`)."] },
            { signal: "database-memory", what: "memory utilization", metric: "cloudsql.googleapis.com/database/memory/utilization", limit: t.databaseMemory, shown: `${t.databaseMemory * 100}%`,
                steps: ["Too many connections for the tier: lower pool sizes or `max_connections`.", "Sustained: a bigger tier (`mindmirror:database.tier`)."] },
            { signal: "database-disk", what: "disk utilization", metric: "cloudsql.googleapis.com/database/disk/utilization", limit: t.databaseDisk, shown: `${t.databaseDisk * 100}%`,
                steps: ["Autoresize grows the disk up to 10 × its size: check it has not reached the limit.", "Find what grows: table sizes, or PITR logs kept on disk."] },
            { signal: "database-connections", what: "connections", metric: "cloudsql.googleapis.com/database/postgresql/num_backends", limit: connections, shown: `${connections} of ${args.maxConnections}`,
                steps: ["Which service holds them: `pg_stat_activity` by usename (each service has its own user).", "Connection leaks or pools too big for the instance (NullPool on Cloud Run)."] },
        ];

        this.policies = signals.filter((s) => args.signals.has(s.signal)).map((s) => new gcp.monitoring.AlertPolicy(`${name}-${s.signal.replace(/^database-/, "")}`, {
            ...policyBase(args.project, args.channels, { ...args.labels, signal: s.signal }, {
                subject: `${INSTANCE}: ${s.what} above ${s.shown}`,
                content: [
                    `Cloud SQL instance **${INSTANCE}** has had ${s.what} above ${s.shown} for ${t.durationSeconds / 60} minutes.`,
                    "",
                    ...s.steps.map((step, i) => `${i + 1}. ${step}`),
                    "",
                    `Watched: ${[...args.instances].sort().join(", ")}.`,
                ].join("\n"),
            }),
            displayName: `Cloud SQL: ${s.what} above ${s.shown}`,
            conditions: [threshold({
                displayName: `${s.what} by instance`,
                filter: `resource.type = "cloudsql_database" AND resource.labels.database_id = one_of(${ids}) AND metric.type = "${s.metric}"`,
                threshold: s.limit,
                durationSeconds: t.durationSeconds,
                aligner: "ALIGN_MEAN",
                // One series per instance: num_backends has one per database, summed per instance.
                reducer: s.signal === "database-connections" ? "REDUCE_SUM" : "REDUCE_MAX",
                groupBy: ["resource.label.database_id"],
            })],
        }, { parent: this }));

        this.registerOutputs({});
    }
}
