// Small builders for Cloud Monitoring conditions and policies, so every signal spells them alike.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

type Condition = gcp.types.input.monitoring.AlertPolicyCondition;

export interface ThresholdSpec {
    readonly displayName: string;
    readonly filter: pulumi.Input<string>;
    readonly threshold: number;
    readonly durationSeconds: number;
    readonly aligner: string;
    readonly reducer?: string;
    readonly groupBy?: string[];
    readonly comparison?: "COMPARISON_GT" | "COMPARISON_LT";
}

/** A metric-threshold condition, aligned over 5 minutes. */
export function threshold(spec: ThresholdSpec): Condition {
    return {
        displayName: spec.displayName,
        conditionThreshold: {
            filter: spec.filter,
            comparison: spec.comparison ?? "COMPARISON_GT",
            thresholdValue: spec.threshold,
            duration: `${spec.durationSeconds}s`,
            aggregations: [{
                alignmentPeriod: "300s",
                perSeriesAligner: spec.aligner,
                crossSeriesReducer: spec.reducer,
                groupByFields: spec.groupBy,
            }],
            trigger: { count: 1 },
        },
    };
}

/** A PromQL condition: every series the query returns is one incident, named by its labels. */
export function promql(displayName: string, query: string, durationSeconds: number): Condition {
    return {
        displayName,
        // Evaluated every 30 s (the default), as the cost model assumes.
        conditionPrometheusQueryLanguage: { query, duration: `${durationSeconds}s` },
    };
}

/** What on-call reads: a subject naming the affected resource, and what to do. */
export interface Runbook {
    readonly subject: string;
    readonly content: string;
}

/** Alert policy options shared by every policy: close after a quiet day, markdown doc for on-call. */
export function policyBase(project: string, channels: pulumi.Input<string>[], userLabels: Record<string, string>, runbook: Runbook) {
    return {
        project,
        combiner: "OR",
        notificationChannels: channels,
        userLabels,
        alertStrategy: { autoClose: "86400s" },
        documentation: { subject: runbook.subject, content: runbook.content, mimeType: "text/markdown" },
    };
}
