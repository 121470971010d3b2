// Shared shapes of the cost model: usage assumptions, lines, and the pricing helpers every
// resource-specific pricer uses.

import { Plain, PlainObject, UNKNOWN, num } from "../lib/props";
import { HOURS_PER_MONTH } from "./prices";

/** Usage assumptions: what the program cannot tell us. All configurable. */
export interface CostOptions {
    /** Hours in a month (730 by convention). */
    hoursPerMonth: number;
    /** Executions of each Cloud Run job per month. */
    jobExecutionsPerMonth: number;
    /** Seconds one job task runs. */
    jobTaskSeconds: number;
    /** Backup storage of a Cloud SQL instance, as a share of its disk size. */
    sqlBackupStorageRatio: number;
    /** Extra backup storage for point-in-time-recovery logs, as a share of the disk size. */
    sqlPitrLogRatio: number;
    /** Active versions of a secret whose versions the program does not create itself. */
    secretVersionsPerSecret: number;
    /** Secret Manager access operations per month, for the whole stack. */
    secretAccessesPerMonth: number;
    /** VM instances (or serverless instances) counted by each Cloud NAT gateway. */
    natVmCount: number;
    /** External IP addresses per NAT gateway when they are allocated automatically. */
    natIpCount: number;
    /** GiB processed by each NAT gateway per month. */
    natDataGib: number;
    /** Stored GB per Artifact Registry repository. */
    artifactRegistryGbPerRepository: number;
    /** Stored GB per Cloud Storage bucket. */
    storageGbPerBucket: number;
    /** GiB published per month per Pub/Sub topic. */
    pubsubGibPerTopic: number;
}

export const DEFAULT_COST_OPTIONS: CostOptions = {
    hoursPerMonth: HOURS_PER_MONTH,
    jobExecutionsPerMonth: 30,
    jobTaskSeconds: 120,
    sqlBackupStorageRatio: 1,
    sqlPitrLogRatio: 0.5,
    secretVersionsPerSecret: 1,
    secretAccessesPerMonth: 0,
    natVmCount: 2,
    natIpCount: 1,
    natDataGib: 10,
    artifactRegistryGbPerRepository: 5,
    storageGbPerBucket: 1,
    pubsubGibPerTopic: 0,
};

export interface CostResource {
    readonly type: string;
    readonly name: string;
    readonly urn?: string;
    readonly props: Record<string, unknown>;
}

export interface CostLine {
    readonly name: string;
    readonly type: string;
    readonly urn?: string;
    readonly monthlyUsd: number;
    readonly detail: string;
    /** False when the type may cost money but the model does not price it (priced at 0). */
    readonly modelled: boolean;
}

export interface CostEstimate {
    readonly total: number;
    readonly lines: CostLine[];
    /** Stack-wide remarks: assumptions and what was left out. */
    readonly notes: string[];
}

/** What one pricing function returns for one resource. */
export interface Priced {
    readonly monthlyUsd: number;
    readonly detail: string;
    readonly modelled?: boolean;
}

export interface PricingContext {
    readonly options: CostOptions;
    readonly hours: number;
    readonly seconds: number;
    /** Secret versions declared in the stack, by secret ID. */
    readonly versionsBySecret: ReadonlyMap<string, number>;
}

export type Pricer = (props: PlainObject, context: PricingContext) => Priced;

export const round2 = (value: number): number => Math.round(value * 100) / 100;
export const usd = (value: number): string => `$${value.toFixed(2)}`;
/** Unit prices keep their precision: $0.0105/h, not $0.01/h. */
export const rate = (value: number): string => `$${+value.toFixed(6)}`;

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
