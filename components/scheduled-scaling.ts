// Scheduled scaling of the warm services: Cloud Scheduler lowers their service-level minimum
// instances to 0 outside working hours and raises it back, so production pays for warm instances
// only while people use it. Two jobs per warm service (3 jobs per billing account are free).
//
// The jobs change the service-level `scaling.minInstanceCount` (a PATCH with an update mask, no
// new revision); the program sets that field at creation and then leaves it to the schedule
// (`ignoreChanges`), so `pulumi up` never fights the scheduler. The scheduler's own account may
// update these services only (`roles/run.developer` on each, `actAs` on each runtime account).

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface ScheduledService {
    /** Catalog key, for stable logical names. */
    readonly key: string;
    /** The Cloud Run service the jobs patch. */
    readonly service: gcp.cloudrunv2.Service;
    /** Its runtime account (`projects/.../serviceAccounts/...`): updating the service acts as it. */
    readonly runtimeAccount: pulumi.Input<string>;
    /** Minimum instances during working hours. */
    readonly min: number;
}

export interface ScheduledScalingArgs {
    readonly project: string;
    readonly region: string;
    readonly accountId: string;
    readonly services: readonly ScheduledService[];
    /** Cron in `timeZone` when the services drop to 0. */
    readonly lowerAt: string;
    /** Cron in `timeZone` when they go back to their minimum. */
    readonly raiseAt: string;
    readonly timeZone: string;
}

export class ScheduledScaling extends pulumi.ComponentResource {
    public readonly account: gcp.serviceaccount.Account;
    public readonly jobs: gcp.cloudscheduler.Job[] = [];

    constructor(name: string, args: ScheduledScalingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:ScheduledScaling", name, {}, opts);

        this.account = new gcp.serviceaccount.Account(`${name}-account`, {
            project: args.project,
            accountId: args.accountId,
            displayName: "Scheduled scaling (Cloud Scheduler)",
            description: "Lowers and raises the warm services' minimum instances outside working hours; may update those services only.",
        }, { parent: this });

        for (const s of [...args.services].sort((a, b) => a.key.localeCompare(b.key))) {
            const developer = new gcp.cloudrunv2.ServiceIamMember(`${name}-${s.key}-developer`, {
                project: s.service.project,
                location: s.service.location,
                name: s.service.name,
                role: "roles/run.developer",
                member: this.account.member,
            }, { parent: this });
            const actAs = new gcp.serviceaccount.IAMMember(`${name}-${s.key}-act-as`, {
                serviceAccountId: s.runtimeAccount,
                role: "roles/iam.serviceAccountUser",
                member: this.account.member,
            }, { parent: this });
            const job = (phase: "lower" | "raise", schedule: string, min: number) => new gcp.cloudscheduler.Job(`${name}-${s.key}-${phase}`, {
                project: args.project,
                region: args.region,
                name: pulumi.interpolate`${s.service.name}-${phase}-min`,
                description: `${phase === "lower" ? "Lowers" : "Raises"} ${s.key}'s minimum instances to ${min} (${args.timeZone}).`,
                schedule,
                timeZone: args.timeZone,
                attemptDeadline: "60s",
                retryConfig: { retryCount: 3, minBackoffDuration: "30s" },
                httpTarget: {
                    httpMethod: "PATCH",
                    uri: pulumi.interpolate`https://run.googleapis.com/v2/projects/${args.project}/locations/${args.region}/services/${s.service.name}?updateMask=scaling.minInstanceCount`,
                    body: Buffer.from(JSON.stringify({ scaling: { minInstanceCount: min } })).toString("base64"),
                    headers: { "Content-Type": "application/json" },
                    oauthToken: { serviceAccountEmail: this.account.email, scope: "https://www.googleapis.com/auth/cloud-platform" },
                },
            }, { parent: this, dependsOn: [developer, actAs] });
            this.jobs.push(job("lower", args.lowerAt, 0), job("raise", args.raiseAt, s.min));
        }
        this.registerOutputs({});
    }
}

/**
 * Share of a week's hours in which a service is warm under `lowerAt` / `raiseAt` (cron fields
 * minute, hour, day of month, month, day of week; the hour and day-of-week fields are read, with
 * `*`, numbers, ranges and lists). Starts from the state at the end of a simulated first week.
 */
export function warmShare(lowerAt: string, raiseAt: string): number {
    const lower = cronHours(lowerAt);
    const raise = cronHours(raiseAt);
    let warm = true;
    let warmHours = 0;
    for (let pass = 0; pass < 2; pass++) {
        warmHours = 0;
        for (let h = 0; h < 168; h++) {
            const day = Math.floor(h / 24);
            const hour = h % 24;
            if (raise(day, hour)) warm = true;
            if (lower(day, hour)) warm = false;
            if (warm) warmHours++;
        }
    }
    return warmHours / 168;
}

function cronHours(cron: string): (day: number, hour: number) => boolean {
    const [, hour, , , dow] = cron.trim().split(/\s+/);
    const hours = cronField(hour, 0, 23);
    const days = cronField(dow, 0, 6);
    return (day, h) => days.has(day) && hours.has(h);
}

function cronField(field: string, min: number, max: number): Set<number> {
    const out = new Set<number>();
    for (const part of field.split(",")) {
        if (part === "*") for (let i = min; i <= max; i++) out.add(i);
        else if (part.includes("-")) {
            const [a, b] = part.split("-").map(Number);
            for (let i = a; i <= b; i++) out.add(i % 7 === 0 && max === 6 ? 0 : i);
        } else out.add(max === 6 ? Number(part) % 7 : Number(part));
    }
    return out;
}
