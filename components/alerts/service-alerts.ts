// Alert policies for one Cloud Run service: 5xx ratio, p95 latency, instances near the ceiling,
// and for public services an uptime check on the health path with a policy on its failures.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlertDefaults } from "../../catalog/types";
import { Labels } from "../labels";
import { policyBase, threshold } from "./conditions";

export interface ServiceAlertsArgs {
    readonly project: string;
    /** Physical Cloud Run service name. */
    readonly serviceName: string;
    readonly maxInstances: number;
    readonly thresholds: AlertDefaults;
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
    /** Public services get an uptime check on this URL and path. */
    readonly uptime?: { readonly uri: pulumi.Input<string>; readonly path: string };
}

export class ServiceAlerts extends pulumi.ComponentResource {
    public readonly policies: gcp.monitoring.AlertPolicy[] = [];
    public readonly uptimeCheck?: gcp.monitoring.UptimeCheckConfig;

    constructor(name: string, args: ServiceAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:ServiceAlerts", name, {}, opts);
        const t = args.thresholds;
        const svc = args.serviceName;
        const run = `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${svc}"`;
        const requests = `${run} AND metric.type = "run.googleapis.com/request_count"`;
        const base = (doc: string) => policyBase(args.project, args.channels, { ...args.labels }, doc);

        this.policies.push(new gcp.monitoring.AlertPolicy(`${name}-errors`, {
            ...base(`More than ${t.errorRatio * 100}% of ${svc}'s responses are 5xx. Check its logs and the last deploy; roll back with the rollback workflow if it started with a release.`),
            displayName: `${svc}: 5xx ratio above ${t.errorRatio * 100}%`,
            conditions: [threshold({
                displayName: "5xx ratio",
                filter: `${requests} AND metric.labels.response_code_class = "5xx"`,
                denominatorFilter: requests,
                threshold: t.errorRatio,
                durationSeconds: t.durationSeconds,
                aligner: "ALIGN_RATE",
                reducer: "REDUCE_SUM",
                groupBy: ["resource.label.service_name"],
            })],
        }, { parent: this }));

        this.policies.push(new gcp.monitoring.AlertPolicy(`${name}-latency`, {
            ...base(`${svc}'s p95 latency is above ${t.latencyP95Ms} ms. Look for cold starts (min instances), slow queries (Query Insights) and slow dependencies.`),
            displayName: `${svc}: p95 latency above ${t.latencyP95Ms} ms`,
            conditions: [threshold({
                displayName: "p95 latency",
                filter: `${run} AND metric.type = "run.googleapis.com/request_latencies"`,
                threshold: t.latencyP95Ms,
                durationSeconds: t.durationSeconds,
                aligner: "ALIGN_PERCENTILE_95",
                reducer: "REDUCE_MAX",
                groupBy: ["resource.label.service_name"],
            })],
        }, { parent: this }));

        const nearMax = Math.max(1, Math.floor(args.maxInstances * t.instancesNearMax));
        this.policies.push(new gcp.monitoring.AlertPolicy(`${name}-instances`, {
            ...base(`${svc} runs more than ${nearMax} of its ${args.maxInstances} maximum instances. Raise max instances in the catalog if the load is real; look for a traffic spike if not.`),
            displayName: `${svc}: instances near max (${nearMax}/${args.maxInstances})`,
            conditions: [threshold({
                displayName: "instance count",
                filter: `${run} AND metric.type = "run.googleapis.com/container/instance_count"`,
                threshold: nearMax,
                durationSeconds: t.durationSeconds,
                aligner: "ALIGN_MAX",
                reducer: "REDUCE_SUM",
                groupBy: ["resource.label.service_name"],
            })],
        }, { parent: this }));

        if (args.uptime) {
            const host = pulumi.output(args.uptime.uri).apply((u) => (u ? new URL(u).host : ""));
            this.uptimeCheck = new gcp.monitoring.UptimeCheckConfig(`${name}-uptime`, {
                project: args.project,
                displayName: `${svc} health`,
                timeout: "10s",
                period: "300s",
                checkerType: "STATIC_IP_CHECKERS",
                httpCheck: {
                    path: args.uptime.path,
                    port: 443,
                    useSsl: true,
                    validateSsl: true,
                    requestMethod: "GET",
                    acceptedResponseStatusCodes: [{ statusClass: "STATUS_CLASS_2XX" }],
                },
                monitoredResource: { type: "uptime_url", labels: { project_id: args.project, host } },
                userLabels: { ...args.labels },
            }, { parent: this });
            this.policies.push(new gcp.monitoring.AlertPolicy(`${name}-uptime-failed`, {
                ...base(`${svc}'s health endpoint ${args.uptime.path} fails from the uptime checkers. It is a public entry point: treat as an outage.`),
                displayName: `${svc}: health check failing`,
                conditions: [threshold({
                    displayName: "uptime check failing",
                    filter: pulumi.interpolate`resource.type = "uptime_url" AND metric.type = "monitoring.googleapis.com/uptime_check/check_passed" AND metric.labels.check_id = "${this.uptimeCheck.uptimeCheckId}"`,
                    threshold: 1,
                    durationSeconds: 600,
                    aligner: "ALIGN_NEXT_OLDER",
                    reducer: "REDUCE_COUNT_FALSE",
                    groupBy: ["resource.label.host"],
                })],
            }, { parent: this }));
        }

        this.registerOutputs({});
    }
}
