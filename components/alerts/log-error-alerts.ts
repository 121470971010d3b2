// Application errors from logs: one policy with one condition over the log-based error metric of
// every service, grouped by service_name, so an incident names its service and a new service adds
// no condition.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "../labels";
import { policyBase, threshold } from "./conditions";

export interface LogErrorAlertsArgs {
    readonly project: string;
    /** The log-based metric's type (logging.googleapis.com/user/<name>). */
    readonly metricType: pulumi.Input<string>;
    /** Errors per service in 5 minutes that page. */
    readonly errorsPer5m: number;
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
}

const SERVICE = "${resource.label.service_name}";

export class LogErrorAlerts extends pulumi.ComponentResource {
    public readonly policy: gcp.monitoring.AlertPolicy;

    constructor(name: string, args: LogErrorAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:LogErrorAlerts", name, {}, opts);
        this.policy = new gcp.monitoring.AlertPolicy(`${name}-errors`, {
            ...policyBase(args.project, args.channels, { ...args.labels, signal: "log-errors" }, {
                subject: `${SERVICE}: application errors in its logs`,
                content: [
                    `**${SERVICE}** logged more than ${args.errorsPer5m} entries with severity ERROR or worse in 5 minutes.`,
                    "",
                    `1. Error Reporting groups them by stack trace: https://console.cloud.google.com/errors?project=${args.project} (filter on the service).`,
                    `2. The entries: Logs Explorer with \`resource.type="cloud_run_revision" AND resource.labels.service_name="${SERVICE}" AND severity>=ERROR\`, or \`gcloud logging read 'resource.labels.service_name="${SERVICE}" AND severity>=ERROR' --project ${args.project} --limit 50\`.`,
                    `3. A request's path through the services: Cloud Trace (https://console.cloud.google.com/traces/list?project=${args.project}), from the trace id in the entry.`,
                    "4. If it started with a release, roll back: the rollback workflow with service and tag `previous`.",
                ].join("\n"),
            }),
            displayName: "Application errors in logs",
            conditions: [threshold({
                displayName: "errors logged, by service",
                filter: pulumi.interpolate`resource.type = "cloud_run_revision" AND metric.type = "${args.metricType}"`,
                threshold: args.errorsPer5m,
                durationSeconds: 0,
                aligner: "ALIGN_SUM",
                reducer: "REDUCE_SUM",
                groupBy: ["resource.label.service_name"],
            })],
        }, { parent: this });
        this.registerOutputs({});
    }
}
