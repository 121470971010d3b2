// The stack's SLOs: a Cloud Monitoring custom service per service that declares objectives in the
// catalog, with a request-based availability SLO (5xx over all requests) and a latency SLO
// (requests within the threshold), measured over a rolling period. The SLOs keep compliance and
// error budget in Cloud Monitoring (shown on the dashboard); the burn-rate alert reads the same
// request metrics in one condition per window (components/alerts/slo-alerts.ts).

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ServiceObjectives } from "../../catalog/types";
import { Labels } from "../labels";
import { SloKind } from "../alerts/burn-rate";

export interface SlosArgs {
    readonly project: string;
    /** By catalog key: the physical service name and its objectives in this stack. */
    readonly services: ReadonlyArray<{ readonly key: string; readonly service: string; readonly objectives: ServiceObjectives }>;
    readonly rollingDays: number;
    readonly labels: Labels;
}

/** One SLO, as the dashboard selects it. */
export interface DeclaredSlo {
    readonly service: string;
    readonly kind: SloKind;
    readonly goal: number;
    /** projects/<project>/services/<service>/serviceLevelObjectives/<kind>, for select_slo_* filters. */
    readonly path: string;
}

/** The Cloud Run request metrics of one service, in Monitoring filter syntax. */
export function requestFilter(metric: "request_count" | "request_latencies", service: string, extra = ""): string {
    return `metric.type="run.googleapis.com/${metric}" resource.type="cloud_run_revision" resource.label.service_name="${service}"${extra}`;
}

export class Slos extends pulumi.ComponentResource {
    public readonly slos: readonly DeclaredSlo[];

    constructor(name: string, args: SlosArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Slos", name, {}, opts);
        const slos: DeclaredSlo[] = [];
        for (const { key, service, objectives } of [...args.services].sort((a, b) => a.key.localeCompare(b.key))) {
            const monitored = new gcp.monitoring.CustomService(`${name}-${key}`, {
                project: args.project,
                serviceId: service,
                displayName: `${service} (Cloud Run)`,
                userLabels: { ...args.labels, service: key },
            }, { parent: this });
            const common = { project: args.project, service: monitored.serviceId, rollingPeriodDays: args.rollingDays, userLabels: { ...args.labels, service: key } };
            new gcp.monitoring.Slo(`${name}-${key}-availability`, {
                ...common,
                sloId: "availability",
                displayName: `${service}: ${objectives.availability * 100} % of requests without a 5xx, ${args.rollingDays} days`,
                goal: objectives.availability,
                requestBasedSli: { goodTotalRatio: {
                    badServiceFilter: requestFilter("request_count", service, ' metric.label.response_code_class="5xx"'),
                    totalServiceFilter: requestFilter("request_count", service),
                } },
            }, { parent: this });
            new gcp.monitoring.Slo(`${name}-${key}-latency`, {
                ...common,
                sloId: "latency",
                displayName: `${service}: ${objectives.latency.goal * 100} % of requests under ${objectives.latency.thresholdMs} ms, ${args.rollingDays} days`,
                goal: objectives.latency.goal,
                requestBasedSli: { distributionCut: {
                    distributionFilter: requestFilter("request_latencies", service),
                    range: { max: objectives.latency.thresholdMs },
                } },
            }, { parent: this });
            for (const kind of ["availability", "latency"] as const) {
                slos.push({ service, kind, goal: kind === "availability" ? objectives.availability : objectives.latency.goal, path: `projects/${args.project}/services/${service}/serviceLevelObjectives/${kind}` });
            }
        }
        this.slos = slos;
        this.registerOutputs({});
    }
}
