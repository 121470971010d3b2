// Application errors counted from logs: one log-based metric for the whole stack counting entries
// with severity ERROR or worse from the catalog's Cloud Run services. Its series keep the
// cloud_run_revision resource, so they split by resource.label.service_name with no extractor of
// their own. The dashboard shows it per service and the log-errors alert pages on it.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface ErrorLogsArgs {
    readonly project: string;
    /** The log-based metric's name (the metric type is logging.googleapis.com/user/<name>). */
    readonly metricName: string;
    /** Physical Cloud Run service names. */
    readonly services: readonly string[];
}

/** Log entries of these services with severity ERROR or worse (Logging query language). */
export function errorLogFilter(services: readonly string[]): string {
    // Cloud Run service names are lowercase letters, digits and hyphens: nothing to escape in a regex.
    return `resource.type="cloud_run_revision" AND severity>=ERROR AND resource.labels.service_name=~"^(${[...services].sort().join("|")})$"`;
}

export class ErrorLogs extends pulumi.ComponentResource {
    public readonly metric: gcp.logging.Metric;
    /** logging.googleapis.com/user/<name>, known before the metric exists. */
    public readonly metricType: string;

    constructor(name: string, args: ErrorLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:ErrorLogs", name, {}, opts);
        if (args.services.length === 0) throw new Error(`${name}: services is empty; the error metric needs at least one service.`);
        this.metricType = `logging.googleapis.com/user/${args.metricName}`;
        this.metric = new gcp.logging.Metric(`${name}-metric`, {
            project: args.project,
            name: args.metricName,
            description: "Application log entries with severity ERROR or worse, per Cloud Run service (resource.label.service_name).",
            filter: errorLogFilter(args.services),
            metricDescriptor: { metricKind: "DELTA", valueType: "INT64", unit: "1", displayName: "Application errors" },
        }, { parent: this });
        this.registerOutputs({ metricType: this.metricType });
    }
}
