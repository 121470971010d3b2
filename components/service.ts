// One microservice: its own identity, its Cloud Run v2 service, its grants (secrets it reads,
// callers that may invoke it) and, when it has migrations, the job that runs them.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { StackName } from "../policy-pack/conventions";
import { PlannedService } from "../stack/plan";
import { EnvVar, plainEnv, wireSecrets } from "./container";
import { Labels, withLabels } from "./labels";
import { MigrationJob } from "./migration-job";
import { readPins, trafficFor } from "./rollout";
import { Secret } from "./secret";

export interface VpcEgressTarget {
    readonly network: pulumi.Input<string>;
    readonly subnetwork: pulumi.Input<string>;
}

export interface ServiceArgs {
    /** The resolved workload: sizes, scaling, secrets, edges (see stack/plan.ts). */
    readonly workload: PlannedService;
    readonly project: string;
    readonly region: string;
    readonly stack: StackName;
    readonly labels: Labels;
    /** Every secret of the platform, by catalog key; the service reads the ones its workload names. */
    readonly secrets: ReadonlyMap<string, Secret>;
    /** Where Direct VPC egress attaches. Required unless the workload's egress is "none". */
    readonly vpc?: VpcEgressTarget;
    /** The services this one calls, already declared: their URLs become `<NAME>_URL` env vars. */
    readonly callees: ReadonlyMap<string, Service>;
    /** Further plain env (Redis host, topic names). Never secret values. */
    readonly extraEnv?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Cloud Run deletion protection. @default true */
    readonly deletionProtection?: boolean;
    /**
     * Revisions that keep 100 % of traffic while the deploy tests the latest one (components/rollout.ts).
     * @default the stack config deploy:pinTraffic (unset: no pins)
     */
    readonly pins?: ReadonlyMap<string, string>;
    /** Grants the deployer actAs on this service's account (the service and job need it first). */
    readonly allowDeployer?: (key: string, account: gcp.serviceaccount.Account) => pulumi.Resource;
    /**
     * Grants on other resources (the documents bucket) the revision needs before it starts, made
     * for this service's account. The service and its job wait for them like for secret grants.
     */
    readonly grantsBeforeStart?: (member: pulumi.Output<string>) => pulumi.Resource[];
    /**
     * The workload's minimum instances are held at the service level instead of the revision's,
     * because Cloud Scheduler lowers and raises them (components/scheduled-scaling.ts): set at
     * creation, then left to the schedule. @default false
     */
    readonly scheduledMin?: boolean;
    /**
     * A public service behind a login: Identity-Aware Proxy on the Cloud Run service instead of an
     * `allUsers` invoker. Only `members` (and the service's callers) get through.
     */
    readonly login?: ServiceLogin;
    /**
     * A public service behind the edge's load balancer: ingress "internal and Cloud Load
     * Balancing", so its run.app URL no longer answers the internet. @default false
     */
    readonly behindEdge?: boolean;
}

export interface ServiceLogin {
    /** IAM members allowed through IAP (group:..., user:..., domain:...). */
    readonly members: readonly string[];
    /** The project's IAP service agent, which invokes the service for signed-in users. */
    readonly iapAgent: string;
}

/** The role IAP checks for a user or a calling service. */
export const IAP_ACCESSOR = "roles/iap.httpsResourceAccessor";

/** Startup probe: up to 2 minutes for a cold start (24 x 5 s); timeout never above period. */
const STARTUP_PROBE = { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 24 };
/** Liveness probe: a wedged container is restarted after 90 s (3 x 30 s). */
const LIVENESS_PROBE = { periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 };

const EGRESS = { "private-ranges": "PRIVATE_RANGES_ONLY", "all-traffic": "ALL_TRAFFIC" } as const;

export class Service extends pulumi.ComponentResource {
    public readonly account: gcp.serviceaccount.Account;
    public readonly service: gcp.cloudrunv2.Service;
    public readonly migrations?: MigrationJob;
    /** Service URL; reachable from the internet only for public services. */
    public readonly uri: pulumi.Output<string>;
    public readonly email: pulumi.Output<string>;
    /** `serviceAccount:<email>`, as IAM bindings take it. */
    public readonly member: pulumi.Output<string>;
    private readonly invokers = new Map<string, gcp.cloudrunv2.ServiceIamMember>();
    private readonly iapAccessors = new Map<string, gcp.iap.WebCloudRunServiceIamMember>();
    /** True when this public service sits behind Identity-Aware Proxy. */
    public readonly behindLogin: boolean;

    constructor(private readonly name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Service", name, {}, opts);
        const w = args.workload;
        if (w.egress !== "none" && !args.vpc) {
            throw new Error(`Service ${w.key}: egress ${w.egress} needs a VPC subnet (args.vpc).`);
        }
        const labels = withLabels(args.labels, { service: w.key, version: w.imageTag });
        this.behindLogin = w.spec.ingress === "public" && args.login !== undefined;

        this.account = new gcp.serviceaccount.Account(`${name}-account`, {
            project: args.project,
            accountId: w.names.account,
            displayName: `${w.key} (Cloud Run)`,
            description: `Runtime identity of the ${w.key} service; grants come from catalog edges only.`,
        }, { parent: this });
        this.email = this.account.email;
        this.member = this.account.member;

        // The revision fails with "permission denied on secret" if it starts before its grants exist.
        const grants: pulumi.Resource[] = [
            ...w.secrets.map((read) => args.secrets.get(read.secret)!.grantAccessor(w.key, this.account.member)),
            ...(args.grantsBeforeStart?.(this.account.member) ?? []),
        ];
        if (args.allowDeployer) grants.push(args.allowDeployer(w.key, this.account));
        const wiring = wireSecrets(w.secrets, args.secrets);

        const calleeUrls: Record<string, pulumi.Input<string>> = {};
        for (const [key, callee] of args.callees) calleeUrls[`${key.toUpperCase().replace(/-/g, "_")}_URL`] = callee.uri;
        const envs: EnvVar[] = [
            ...plainEnv({
                ENVIRONMENT: args.stack,
                SERVICE_NAME: w.key,
                IMAGE_TAG: w.imageTag,
                ...w.env,
                ...calleeUrls,
                ...args.extraEnv,
            }),
            ...wiring.envs,
        ];
        const vpcAccess = w.egress === "none" ? undefined : {
            networkInterfaces: [{ network: args.vpc!.network, subnetwork: args.vpc!.subnetwork, tags: [w.names.service] }],
            egress: EGRESS[w.egress],
        };

        this.service = new gcp.cloudrunv2.Service(`${name}-service`, {
            project: args.project,
            location: args.region,
            name: w.names.service,
            description: w.spec.description,
            ingress: w.spec.ingress === "public" ? (args.behindEdge ? "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" : "INGRESS_TRAFFIC_ALL") : "INGRESS_TRAFFIC_INTERNAL_ONLY",
            ...(this.behindLogin ? { iapEnabled: true } : {}),
            deletionProtection: args.deletionProtection ?? true,
            labels: { ...labels },
            template: {
                serviceAccount: this.account.email,
                labels: { ...labels },
                executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
                scaling: { minInstanceCount: args.scheduledMin ? 0 : w.min, maxInstanceCount: w.max },
                maxInstanceRequestConcurrency: w.spec.concurrency,
                timeout: `${w.spec.timeoutSeconds}s`,
                vpcAccess,
                volumes: wiring.volumes,
                containers: [{
                    name: w.key,
                    image: w.image,
                    ports: { name: "http1", containerPort: w.spec.port },
                    resources: {
                        limits: { cpu: w.cpu, memory: w.memory },
                        cpuIdle: w.spec.resources.cpuIdle,
                        startupCpuBoost: w.spec.resources.startupCpuBoost,
                    },
                    envs,
                    volumeMounts: wiring.volumeMounts,
                    startupProbe: { ...STARTUP_PROBE, httpGet: { path: w.spec.healthPath, port: w.spec.port } },
                    livenessProbe: { ...LIVENESS_PROBE, httpGet: { path: w.spec.healthPath, port: w.spec.port } },
                }],
            },
            // 100 % to the latest revision, unless a deploy pinned traffic while it tests the new one.
            traffics: trafficFor(w.names.service, (args.pins ?? readPins()).get(w.key)),
            ...(args.scheduledMin ? { scaling: { minInstanceCount: w.min } } : {}),
        }, { parent: this, dependsOn: grants, ...(args.scheduledMin ? { ignoreChanges: ["scaling"] } : {}) });
        this.uri = this.service.uri;

        if (this.behindLogin) {
            // IAP signs users in and invokes the service as its own agent; nobody else may.
            this.grantInvoker("iap", `serviceAccount:${args.login!.iapAgent}`);
            for (const member of args.login!.members) this.grantIapAccess(memberKey(member), member);
        } else if (w.spec.ingress === "public") {
            this.grantInvoker("public", "allUsers");
        }

        if (w.spec.migrations) {
            this.migrations = new MigrationJob(`${name}-migrate`, {
                project: args.project,
                region: args.region,
                jobName: w.names.migrateJob,
                image: w.image,
                command: w.spec.migrations.command,
                serviceAccount: this.account.email,
                envs,
                wiring,
                vpcAccess,
                labels,
                deletionProtection: args.deletionProtection ?? true,
            }, { parent: this, dependsOn: grants });
        }

        this.registerOutputs({ uri: this.uri, email: this.email });
    }

    /** Lets one caller (an IAM member string) invoke this service (`roles/run.invoker` on this service only). */
    allowInvoker(callerKey: string, member: pulumi.Input<string>): gcp.cloudrunv2.ServiceIamMember {
        // Behind the login a caller passes IAP too (with an ID token), like a signed-in user.
        if (this.behindLogin) this.grantIapAccess(`caller-${callerKey}`, member);
        return this.grantInvoker(callerKey, member);
    }

    private grantIapAccess(key: string, member: pulumi.Input<string>): gcp.iap.WebCloudRunServiceIamMember {
        const existing = this.iapAccessors.get(key);
        if (existing) return existing;
        const grant = new gcp.iap.WebCloudRunServiceIamMember(`${this.name}-iap-${key}`, {
            project: this.service.project,
            location: this.service.location,
            cloudRunServiceName: this.service.name,
            role: IAP_ACCESSOR,
            member,
        }, { parent: this });
        this.iapAccessors.set(key, grant);
        return grant;
    }

    private grantInvoker(key: string, member: pulumi.Input<string>): gcp.cloudrunv2.ServiceIamMember {
        const existing = this.invokers.get(key);
        if (existing) return existing;
        const grant = new gcp.cloudrunv2.ServiceIamMember(`${this.name}-invoker-${key}`, {
            project: this.service.project,
            location: this.service.location,
            name: this.service.name,
            role: "roles/run.invoker",
            member,
        }, { parent: this });
        this.invokers.set(key, grant);
        return grant;
    }
}

/** A stable logical-name part for an IAM member: group:team@example.com -> group-team-example-com. */
export function memberKey(member: string): string {
    return member.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
