// Shared shapes of the cost model: usage assumptions, charges and lines, and the helpers every
// resource-specific pricer uses.

import { Plain, PlainObject, UNKNOWN, num } from "../lib/props";
import { CLOUD_RUN, HOURS_PER_MONTH, Price } from "./prices";

/** Usage assumptions: what the program cannot tell us. All configurable per stack. */
export interface CostOptions {
    /** Hours in a month (730 by convention). */
    hoursPerMonth: number;
    /** Executions of each Cloud Run job per month. */
    jobExecutionsPerMonth: number;
    /** Seconds one job task runs. */
    jobTaskSeconds: number;
    /** Backup storage of a Cloud SQL instance, as a share of its disk size. */
    sqlBackupStorageRatio: number;
    /** Active versions of a secret whose versions the program does not create itself. */
    secretVersionsPerSecret: number;
    /** Secret Manager access operations per month, for the whole stack. */
    secretAccessesPerMonth: number;
    /** External IP addresses a NAT gateway holds when it allocates them automatically. */
    natIpCount: number;
    /** GiB processed by each NAT gateway per month. */
    natDataGib: number;
    /** GiB of NAT logs per gateway per month, when its logging is on. */
    natLogGib: number;
    /** Stored GB per Artifact Registry repository. */
    artifactRegistryGbPerRepository: number;
    /** Stored GiB per Cloud Storage bucket. */
    storageGbPerBucket: number;
    /** GiB published per month per Pub/Sub topic (each subscription delivers it once). */
    pubsubGibPerTopic: number;
    /** GiB kept by a topic's retention or a subscription's retained acknowledged messages. */
    pubsubRetainedGib: number;
    /** GiB of logs the project streams into its log buckets per month (first 50 GiB free per project). */
    logGibPerMonth: number;
    /** How often a metric alert condition runs its query, in seconds (time series are billed per run). */
    alertEvaluationSeconds: number;
    /** Uptime-check executions this stack may use from its billing account's free 1,000,000 a month. */
    uptimeFreeExecutions: number;
    /** Cloud Scheduler jobs this stack may use from its billing account's 3 free jobs. */
    schedulerFreeJobs: number;
    /** Container images pushed (and so scanned) per month when container scanning is on. */
    imagesScannedPerMonth: number;
    /** Cloud Trace spans ingested per month when the Trace API is on. */
    traceSpansPerMonth: number;
    /** Requests per month evaluated by each Cloud Armor policy. */
    armorRequestsPerMonth: number;
    /** MiB ingested per month by each user-defined log-based metric (150 MiB a month are free). */
    logMetricMib: number;
    /** Stored GB per Spanner instance. */
    spannerStorageGb: number;
}

export const DEFAULT_COST_OPTIONS: CostOptions = {
    hoursPerMonth: HOURS_PER_MONTH,
    jobExecutionsPerMonth: 30,
    jobTaskSeconds: 120,
    sqlBackupStorageRatio: 1,
    secretVersionsPerSecret: 1,
    secretAccessesPerMonth: 0,
    natIpCount: 1,
    natDataGib: 10,
    natLogGib: 0.1,
    artifactRegistryGbPerRepository: 5,
    storageGbPerBucket: 1,
    pubsubGibPerTopic: 1,
    pubsubRetainedGib: 0.1,
    logGibPerMonth: 10,
    alertEvaluationSeconds: 30,
    uptimeFreeExecutions: 1_000_000,
    schedulerFreeJobs: 3,
    imagesScannedPerMonth: 40,
    traceSpansPerMonth: 1_000_000,
    armorRequestsPerMonth: 1_000_000,
    logMetricMib: 1,
    spannerStorageGb: 1,
};

/** What each assumption means, for the policy's config schema and the README. */
export const COST_OPTION_KEYS = Object.keys(DEFAULT_COST_OPTIONS) as Array<keyof CostOptions>;

export interface CostResource {
    readonly type: string;
    readonly name: string;
    readonly urn?: string;
    readonly props: Record<string, unknown>;
}

/** One priced quantity on a line: quantity × price. */
export interface Charge {
    readonly label: string;
    readonly usd: number;
    readonly price: Price;
    /** False when the price is unverified or does not hold for the resource's region. */
    readonly verified: boolean;
}

/**
 * - priced: every charge of the resource has a price (possibly $0 at rest);
 * - unpriced: the resource costs money and the model has no price for it;
 * - unknown: a value the price depends on is unknown at preview (known at `pulumi up`).
 */
export type LineStatus = "priced" | "unpriced" | "unknown";

export interface CostLine {
    readonly name: string;
    readonly type: string;
    readonly urn?: string;
    readonly monthlyUsd: number;
    /** The part of monthlyUsd that rests on unverified prices. */
    readonly unverifiedUsd: number;
    readonly detail: string;
    readonly status: LineStatus;
}

/** Resources with no charge of their own, grouped by the reason they are free. */
export interface FreeClass {
    readonly reason: string;
    readonly count: number;
    readonly types: readonly string[];
}

export interface CostEstimate {
    readonly total: number;
    /** The part of the total that rests on unverified prices. */
    readonly unverifiedUsd: number;
    readonly lines: CostLine[];
    readonly free: FreeClass[];
    /** Stack-wide remarks: assumptions and what was left out. */
    readonly notes: string[];
}

/** What one pricing function returns for one resource. */
export interface Priced {
    readonly charges: readonly Charge[];
    /** Said before the charges: what is kept running, what is assumed. */
    readonly note?: string;
    readonly status?: LineStatus;
    /** Set when this resource has no charge of its own: the reason, which names its free class. */
    readonly free?: string;
}

/** Counts the pricers need from the whole stack. */
export interface StackFacts {
    /** Secret versions declared in the stack, by secret ID. */
    readonly versionsBySecret: ReadonlyMap<string, number>;
    /** Instances kept running whose internet traffic goes through Cloud NAT. */
    readonly natInstances: number;
    /** Monitored resources an alert condition may group by, by monitored-resource type. */
    readonly monitored: Readonly<Record<string, number>>;
    readonly forwardingRules: number;
    /** Uptime-check executions per month, all checks together. */
    readonly uptimeExecutions: number;
    readonly schedulerJobs: number;
    /** Self links, ids and names of external addresses attached to forwarding rules or VMs. */
    readonly attachedAddresses: ReadonlySet<string>;
}

export interface PricingContext {
    readonly options: CostOptions;
    readonly hours: number;
    readonly seconds: number;
    readonly facts: StackFacts;
}

export type Pricer = (props: PlainObject, context: PricingContext) => Priced;

export const round2 = (value: number): number => Math.round(value * 100) / 100;
export const usd = (value: number): string => `$${value.toFixed(2)}`;
/** Unit prices keep their precision: $0.0105/h, not $0.01/h. */
export const rate = (value: number): string => `$${+value.toFixed(7)}`;
/** Quantities without float noise: 2.5, 87600, 0.333. */
export const qty = (value: number): string => String(+value.toFixed(3));

/** Whether a price read for `price.region` holds for a resource in `region` (unset: the default region). */
export function holdsIn(price: Price, region: string | undefined): boolean {
    if (region === undefined || price.region === "global" || price.region.startsWith("multi-region")) return true;
    if (price.region.startsWith("Cloud Run Tier 1")) return CLOUD_RUN.tier1Regions.includes(region);
    return price.region === region;
}

/** quantity × price, labelled; unverified when the price is, or when it does not hold for `region`. */
export function charge(price: Price, quantity: number, label: string, region?: string): Charge {
    return { label, usd: quantity * price.usd, price, verified: price.verification === "verified" && holdsIn(price, region) };
}

/** A charge of a fixed amount computed from a price (allowances, shares of a stack-wide charge). */
export function share(price: Price, amount: number, label: string, region?: string): Charge {
    return { label, usd: amount, price, verified: price.verification === "verified" && holdsIn(price, region) };
}

export const unpriced = (note: string): Priced => ({ charges: [], note, status: "unpriced" });
export const unknownAtPreview = (note: string): Priced => ({ charges: [], note, status: "unknown" });
export const noCharge = (note: string): Priced => ({ charges: [], note });
export const free = (reason: string): Priced => ({ charges: [], free: reason });

/** A number read from props, its default when missing, and a remark when it was unknown. */
export function numberOr(value: Plain | undefined, fallback: number, unknownNotes: string[], what: string): number {
    const found = num(value);
    if (found === UNKNOWN) {
        unknownNotes.push(`${what} unknown at preview, ${fallback} assumed`);
        return fallback;
    }
    return found ?? fallback;
}

export function withUnknowns(detail: string, unknownNotes: readonly string[]): string {
    return unknownNotes.length > 0 ? `${detail} (${unknownNotes.join("; ")})` : detail;
}
