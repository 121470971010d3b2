// Optional platform features, one config key each, one switch each: the documents bucket, which
// services stay warm (and whether Cloud Scheduler lowers them outside working hours), the login in
// front of the public services (Identity-Aware Proxy), operator database access through IAP, and
// the optional HTTPS edge. Declared with stack/schema.ts like every other key (type, default,
// message); stack/settings.ts spreads them into its fields, and featureChecks ties fields together.

import { IssueList } from "./issues";
import { InferFields, boolean, int, list, object, optional, string } from "./schema";

const MEMBER = string("an IAM member such as group:team@example.com", /^(user|group|domain|serviceAccount):[^\s:]+$/);
const CRON = /^(\S+\s+){4}\S+$/;

export const FEATURE_FIELDS = {
    /** One documents bucket per stack; services reach it per catalog edge (`documents`). */
    documents: object({
        enabled: boolean({ default: true }),
        /** Noncurrent versions kept per object. */
        keepVersions: int(1, 100, { default: 5 }),
        /** Days a noncurrent version is kept. */
        noncurrentDays: int(1, 3650, { default: 30 }),
    }),
    /** Services kept at one instance at least (no cold start), and optionally lowered off hours. */
    warmInstances: object({
        services: list(string("a service key of the catalog", /^[a-z][-a-z0-9]*$/), { default: [] }),
        /** When set, Cloud Scheduler lowers the warm services to 0 outside working hours. */
        offHours: optional(object({
            lowerAt: string("a five-field cron schedule such as \"0 20 * * *\"", CRON, { default: "0 20 * * *" }),
            raiseAt: string("a five-field cron schedule such as \"0 7 * * 1-5\"", CRON, { default: "0 7 * * 1-5" }),
            timeZone: string("an IANA time zone such as Europe/Berlin", /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/, { default: "Europe/Berlin" }),
        })),
    }),
    /** Public services answer only members signed in through Identity-Aware Proxy. */
    login: object({
        enabled: boolean({ default: false }),
        members: list(MEMBER, { default: [] }),
    }),
    /** A small VM with no public IP, reachable only through IAP TCP forwarding, for database work. */
    operatorAccess: object({
        enabled: boolean({ default: false }),
        members: list(MEMBER, { default: [] }),
        machineType: string("a Compute Engine machine type such as e2-micro", /^[a-z][a-z0-9]*-[a-z0-9-]+$/, { default: "e2-micro" }),
        /** Zone letter in the stack's region. */
        zone: string("a zone letter (a to f) in the stack's region", /^[a-f]$/, { default: "a" }),
    }),
    /** Global external HTTPS load balancer in front of the public services. */
    edge: object({
        enabled: boolean({ default: false }),
        /** Each public service is served at `<service>.<domain>`. */
        domain: string("a lowercase DNS name such as mindmirror.app", /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { default: "" }),
        /** Requests per minute per client IP before Cloud Armor answers 429. */
        rateLimitPerMinute: int(10, 1_000_000, { default: 600 }),
        /** ISO 3166-1 alpha-2 region codes denied at the edge. */
        deniedRegions: list(string("a two-letter region code such as KP", /^[A-Z]{2}$/), { default: [] }),
        /** Public services whose static responses Cloud CDN caches. */
        cdn: list(string("a service key of the catalog", /^[a-z][-a-z0-9]*$/), { default: ["web"] }),
    }),
};

export type FeatureSettings = InferFields<typeof FEATURE_FIELDS>;
export type OffHoursSettings = NonNullable<FeatureSettings["warmInstances"]["offHours"]>;

/** Rules between feature fields, reported with the other settings' problems. */
export function featureChecks(s: Partial<FeatureSettings>, issues: IssueList, at: (key: string) => string): void {
    if (s.login?.enabled && s.login.members.length === 0) {
        issues.add(`${at("login")}.members`, "is empty; with the login on, name who may sign in (e.g. group:team@example.com).");
    }
    if (s.operatorAccess?.enabled && s.operatorAccess.members.length === 0) {
        issues.add(`${at("operatorAccess")}.members`, "is empty; with operator access on, name who may open the tunnel (e.g. group:operators@example.com).");
    }
    if (s.edge?.enabled && s.edge.domain === "") {
        issues.add(`${at("edge")}.domain`, "is missing; the edge's managed certificate needs the domain its services are served under (e.g. mindmirror.app).");
    }
    if (s.edge?.enabled && s.login?.enabled) {
        issues.add(`${at("edge")}.enabled`, `cannot be combined with the login in one stack (IAP cannot be on both the load balancer and Cloud Run); turn one of them off.`);
    }
}
