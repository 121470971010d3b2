// Small builders for Cloud Monitoring threshold conditions, so every policy spells them alike.

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
    /** For ratios: the denominator's filter, aligned and reduced like the numerator. */
    readonly denominatorFilter?: string;
    readonly comparison?: "COMPARISON_GT" | "COMPARISON_LT";
}

export function threshold(spec: ThresholdSpec): Condition {
    const aggregation = {
        alignmentPeriod: "300s",
        perSeriesAligner: spec.aligner,
        crossSeriesReducer: spec.reducer,
        groupByFields: spec.groupBy,
    };
    return {
        displayName: spec.displayName,
        conditionThreshold: {
            filter: spec.filter,
            comparison: spec.comparison ?? "COMPARISON_GT",
            thresholdValue: spec.threshold,
            duration: `${spec.durationSeconds}s`,
            aggregations: [aggregation],
            denominatorFilter: spec.denominatorFilter,
            denominatorAggregations: spec.denominatorFilter ? [aggregation] : undefined,
            trigger: { count: 1 },
        },
    };
}

/** Alert policy options shared by every policy: close after a quiet day, markdown doc for on-call. */
export function policyBase(project: string, channels: pulumi.Input<string>[], userLabels: Record<string, string>, doc: string) {
    return {
        project,
        combiner: "OR",
        notificationChannels: channels,
        userLabels,
        alertStrategy: { autoClose: "86400s" },
        documentation: { content: doc, mimeType: "text/markdown" },
    };
}
