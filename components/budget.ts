// A billing budget for the stack's project: email/Slack at 50, 75, 90 and 100 % of actual spend
// and at 100 % of forecast, and every update on a Pub/Sub topic for automation.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "./labels";
import { BUDGET_TOPIC } from "../stack/naming";

export interface BudgetArgs {
    readonly project: string;
    readonly projectNumber: string;
    readonly billingAccount: string;
    readonly amountUsd: number;
    /** Monitoring channel ids; a budget takes at most 5. */
    readonly channels: pulumi.Input<string>[];
    readonly labels: Labels;
    readonly displayName: string;
}

export const ACTUAL_THRESHOLDS = [0.5, 0.75, 0.9, 1.0] as const;
export const FORECAST_THRESHOLDS = [1.0] as const;
export const MAX_BUDGET_CHANNELS = 5;

export class Budget extends pulumi.ComponentResource {
    public readonly budget: gcp.billing.Budget;
    public readonly topic: gcp.pubsub.Topic;

    constructor(name: string, args: BudgetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Budget", name, {}, opts);
        if (args.channels.length > MAX_BUDGET_CHANNELS) {
            throw new Error(`Budget ${name}: ${args.channels.length} notification channels given; billing budgets take at most ${MAX_BUDGET_CHANNELS}.`);
        }

        this.topic = new gcp.pubsub.Topic(`${name}-topic`, {
            project: args.project,
            name: BUDGET_TOPIC,
            labels: { ...args.labels },
            messageRetentionDuration: "604800s",
        }, { parent: this });

        this.budget = new gcp.billing.Budget(`${name}-budget`, {
            billingAccount: args.billingAccount,
            displayName: args.displayName,
            // Budgets filter by project number; the id is not accepted.
            budgetFilter: { projects: [`projects/${args.projectNumber}`], calendarPeriod: "MONTH" },
            amount: { specifiedAmount: { currencyCode: "USD", units: String(args.amountUsd) } },
            thresholdRules: [
                ...ACTUAL_THRESHOLDS.map((p) => ({ thresholdPercent: p, spendBasis: "CURRENT_SPEND" })),
                ...FORECAST_THRESHOLDS.map((p) => ({ thresholdPercent: p, spendBasis: "FORECASTED_SPEND" })),
            ],
            allUpdatesRule: {
                pubsubTopic: this.topic.id,
                monitoringNotificationChannels: args.channels,
                schemaVersion: "1.0",
                disableDefaultIamRecipients: false,
            },
        }, { parent: this });

        this.registerOutputs({ budget: this.budget.name, topic: this.topic.id });
    }
}
