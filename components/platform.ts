// The whole platform for one stack, declared from the plan: shared parts first (APIs, network,
// registry, alert channels, budget, deploy identity), then secrets and databases, then services in
// call order, then the edges between them (invokers, publishers) and one alert policy per signal.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlertDefaults, ObservabilityDefaults } from "../catalog/types";
import { DOCUMENTS_ENV, Plan, REDIS_AUTH_SECRET } from "../stack/plan";
import { databaseUrlSecretKey, secretName } from "../stack/naming";
import { DatabaseAlerts } from "./alerts/database-alerts";
import { AlertChannels } from "./alerts/channels";
import { LogErrorAlerts } from "./alerts/log-error-alerts";
import { SloAlerts } from "./alerts/slo-alerts";
import { ServiceAlerts } from "./alerts/service-alerts";
import { UptimeAlerts } from "./alerts/uptime-alerts";
import { Budget } from "./budget";
import { Database } from "./database";
import { Documents } from "./documents";
import { Edge } from "./edge";
import { DeployIdentity } from "./deploy-identity";
import { APP, baseLabels, withLabels } from "./labels";
import { Network } from "./network";
import { Dashboard } from "./observability/dashboard";
import { ErrorLogs } from "./observability/error-logs";
import { Slos } from "./observability/slos";
import { TraceWriters } from "./observability/trace-writers";
import { OperatorAccess, tunnelCommand } from "./operator-access";
import { ProjectApis } from "./project-apis";
import { PushTrigger } from "./push-trigger";
import { Redis } from "./redis";
import { Registry } from "./registry";
import { ScheduledScaling } from "./scheduled-scaling";
import { Secret } from "./secret";
import { Service } from "./service";

/** APIs for traces and error reports (no charge of their own; Trace bills spans beyond its free tier). */
export const OBSERVABILITY_APIS = ["cloudtrace.googleapis.com", "clouderrorreporting.googleapis.com"] as const;
/** Artifact Analysis scanning of every image pushed (billed per image), where catalog.observability turns it on. */
export const CONTAINER_SCANNING_API = "containerscanning.googleapis.com";

export interface PlatformArgs {
    readonly plan: Plan;
    readonly alerts: AlertDefaults;
    /** SLOs, error logs, scanning (catalog.observability). */
    readonly observability: ObservabilityDefaults;
    /** Values of external secrets set with `pulumi config set --secret`, by config key. */
    readonly externalSecrets: Readonly<Record<string, pulumi.Output<string> | undefined>>;
    /** Slack app token, when the stack sends alerts to Slack. */
    readonly slackAuthToken?: pulumi.Output<string>;
}

export class Platform extends pulumi.ComponentResource {
    public readonly services: ReadonlyMap<string, Service>;
    public readonly databases: ReadonlyMap<string, Database>;
    public readonly secrets: ReadonlyMap<string, Secret>;
    public readonly network: Network;
    public readonly registry: Registry;
    public readonly deployIdentity: DeployIdentity;
    public readonly budget: Budget;
    public readonly redis?: Redis;
    public readonly documents?: Documents;
    public readonly scheduledScaling?: ScheduledScaling;
    public readonly operatorAccess?: OperatorAccess;
    public readonly edge?: Edge;
    /** Per database instance, the command that opens an operator's tunnel to it (when operator access is on). */
    public readonly operatorTunnels: ReadonlyMap<string, pulumi.Output<string>>;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Platform", name, {}, opts);
        const { plan } = args;
        const s = plan.settings;
        const labels = baseLabels(s.stack);
        const project = s.project;
        const region = s.region;
        // Each kind of data is protected on its own (stack config mindmirror:dataProtection).
        const protection = s.dataProtection;

        const apis = new ProjectApis("apis", { project, extra: [
            ...extraApis(plan),
            ...OBSERVABILITY_APIS,
            ...(args.observability.containerScanning[s.stack] ? [CONTAINER_SCANNING_API] : []),
        ] }, { parent: this });
        const afterApis: pulumi.ComponentResourceOptions = { parent: this, dependsOn: [apis] };

        this.network = new Network("network", {
            project, region, prefix: s.namePrefix,
            subnetCidr: s.network.subnetCidr,
            privateServicesPrefixLength: s.network.privateServicesPrefixLength,
            nat: plan.needsNat,
        }, afterApis);
        const vpc = { network: this.network.network.id, subnetwork: this.network.subnet.id };
        const afterNetwork: pulumi.ComponentResourceOptions = { parent: this, dependsOn: [apis, this.network.privateServices] };

        this.registry = new Registry("registry", {
            project, region,
            repositoryId: s.registry.repository,
            keepRecent: s.registry.keepRecent,
            untaggedDays: s.registry.untaggedDays,
            labels: withLabels(labels, { component: "registry" }),
        }, afterApis);

        const channels = new AlertChannels("alert-channels", {
            project,
            emails: s.alerts.emails,
            slack: s.alerts.slackChannel && args.slackAuthToken ? { channel: s.alerts.slackChannel, authToken: args.slackAuthToken } : undefined,
            labels,
        }, afterApis);

        this.budget = new Budget("budget", {
            project,
            projectNumber: s.projectNumber,
            billingAccount: s.budget.billingAccount,
            amountUsd: s.budget.amountUsd,
            channels: channels.ids,
            labels: withLabels(labels, { component: "budget" }),
            displayName: `${APP} ${s.stack}`,
        }, afterApis);

        // The deployer and its trust live in the bootstrap; here it only gets actAs on each account it deploys.
        this.deployIdentity = new DeployIdentity("deploy-identity", { stack: s.stack }, afterApis);
        const allowDeployer = (key: string, account: gcp.serviceaccount.Account) => this.deployIdentity.allowActAs(key, account);

        // Secrets the catalog declares (generated or set by operators).
        const secrets = new Map<string, Secret>();
        for (const planned of plan.secrets) {
            const spec = planned.spec;
            if (spec.source !== "generated" && spec.source !== "external") continue;
            secrets.set(planned.key, new Secret(`secret-${planned.key}`, {
                project,
                secretId: planned.name,
                description: spec.description,
                labels: withLabels(labels, { component: "secret" }),
                generate: spec.source === "generated" ? { length: spec.length } : undefined,
                value: spec.source === "external" ? args.externalSecrets[spec.configKey] : undefined,
                protect: protection.secrets,
            }, afterApis));
        }

        // Databases, each with its users and connection-URL secrets.
        const databases = new Map<string, Database>();
        for (const instance of plan.instances) {
            const database = new Database(`database-${instance.key}`, {
                project, region,
                instanceName: instance.name,
                settings: s.database,
                protection,
                network: this.network.network.id,
                databases: instance.databases.map((db) => {
                    const owner = plan.services.find((w) => w.database?.key === db)!.database!;
                    return {
                        key: db, name: owner.name, user: owner.user,
                        urlSecretId: plan.secrets.find((x) => x.key === databaseUrlSecretKey(db))!.name,
                        urlSecretFormerParent: `database-${owner.otherLayoutInstance}`,
                    };
                }),
                labels: withLabels(labels, { component: "database", service: instance.key }),
            }, afterNetwork);
            databases.set(instance.key, database);
            for (const [db, secret] of database.urlSecrets) secrets.set(databaseUrlSecretKey(db), secret);
        }

        const tunnels = new Map<string, pulumi.Output<string>>();
        const op = s.operatorAccess;
        if (op.enabled) {
            const zone = `${region}-${op.zone}`;
            const vm = `${s.namePrefix}operator-access`;
            this.operatorAccess = new OperatorAccess("operator-access", {
                project, zone,
                name: vm,
                machineType: op.machineType,
                network: this.network.network.id,
                subnetwork: this.network.subnet.id,
                members: op.members,
                labels: withLabels(labels, { component: "operator-access" }),
            }, afterNetwork);
            for (const [key, db] of databases) tunnels.set(key, db.privateIp.apply((ip) => tunnelCommand(vm, zone, project, ip)));
        }
        this.operatorTunnels = tunnels;

        if (s.redis.enabled) {
            this.redis = new Redis("redis", {
                project, region,
                name: `${s.namePrefix}mindmirror-cache`,
                tier: s.redis.tier,
                memorySizeGb: s.redis.memorySizeGb,
                network: this.network.network.id,
                authSecretId: secretName(s.namePrefix, REDIS_AUTH_SECRET),
                labels: withLabels(labels, { component: "redis" }),
            }, afterNetwork);
            secrets.set(REDIS_AUTH_SECRET, this.redis.authSecret);
        }

        if (plan.documentsBucket !== undefined) {
            this.documents = new Documents("documents", {
                project, region,
                bucketName: plan.documentsBucket,
                keepVersions: s.documents.keepVersions,
                noncurrentDays: s.documents.noncurrentDays,
                protect: protection.documents,
                labels: withLabels(labels, { component: "documents" }),
            }, afterApis);
        }
        const documents = this.documents;

        // Services, callees first: a caller gets its callees' URLs as env vars.
        const topicEnv: Record<string, string> = {};
        for (const w of plan.services) {
            if (w.spec.trigger) topicEnv[`${w.spec.trigger.topic.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_TOPIC`] = `projects/${project}/topics/${w.spec.trigger.topic}`;
        }
        const services = new Map<string, Service>();
        const offHours = s.warmInstances.offHours;
        for (const w of plan.services) {
            const callees = new Map((w.spec.calls ?? []).map((c) => [c, services.get(c)!]));
            const publishes = plan.services.filter((t) => t.spec.trigger?.publishers.includes(w.key));
            const extraEnv: Record<string, pulumi.Input<string>> = {};
            for (const t of publishes) {
                const envName = `${t.spec.trigger!.topic.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_TOPIC`;
                extraEnv[envName] = topicEnv[envName];
            }
            if (w.spec.redis && this.redis) {
                extraEnv["REDIS_HOST"] = this.redis.host;
                extraEnv["REDIS_PORT"] = this.redis.port.apply(String);
            }
            // Without Memorystore a Redis client caches in its own instance (lost on scale-in);
            // Celery's work arrives by Pub/Sub push, so no broker is missing.
            if (w.spec.redis) extraEnv["CACHE_BACKEND"] = this.redis ? "redis" : "memory";
            const access = w.documents;
            if (access !== undefined && documents) extraEnv[DOCUMENTS_ENV] = documents.name;
            services.set(w.key, new Service(`service-${w.key}`, {
                workload: w,
                project, region,
                stack: s.stack,
                labels,
                secrets,
                vpc: w.egress === "none" ? undefined : vpc,
                callees,
                extraEnv,
                deletionProtection: s.services.deletionProtection,
                allowDeployer,
                grantsBeforeStart: access !== undefined && documents ? (member) => [documents.allow(w.key, access, member)] : undefined,
                scheduledMin: offHours !== undefined && w.warm,
                behindEdge: s.edge.enabled,
                login: s.login.enabled
                    ? { members: s.login.members, iapAgent: `service-${s.projectNumber}@gcp-sa-iap.iam.gserviceaccount.com` }
                    : undefined,
            }, w.egress === "none" ? afterApis : afterNetwork));
        }

        const scheduled = plan.services.filter((w) => w.warm && w.min > 0);
        if (offHours && scheduled.length > 0) {
            this.scheduledScaling = new ScheduledScaling("scheduled-scaling", {
                project, region,
                accountId: `${s.namePrefix}warm-scheduler`,
                services: scheduled.map((w) => ({ key: w.key, service: services.get(w.key)!.service, runtimeAccount: services.get(w.key)!.account.name, min: w.min })),
                ...offHours,
            }, afterApis);
        }

        // Edges: invokers on callees, Pub/Sub push triggers and their publishers.
        for (const w of plan.services) {
            const callee = services.get(w.key)!;
            for (const caller of w.callers) callee.allowInvoker(caller, services.get(caller)!.member);
            if (w.spec.trigger) {
                const trigger = new PushTrigger(`trigger-${w.key}`, {
                    project,
                    projectNumber: s.projectNumber,
                    topicName: w.spec.trigger.topic,
                    pushAccountId: w.names.pushAccount,
                    target: callee,
                    path: w.spec.trigger.path,
                    ackDeadlineSeconds: Math.min(600, Math.max(10, w.spec.timeoutSeconds)),
                    labels: withLabels(labels, { service: w.key, component: "trigger" }),
                    allowDeployer,
                }, afterApis);
                for (const publisher of w.spec.trigger.publishers) trigger.allowPublisher(publisher, services.get(publisher)!.member);
            }
        }

        // Observability: trace grants, SLOs, the error log metric and the dashboard.
        new TraceWriters("trace-writers", { project, members: new Map([...services].map(([key, svc]) => [key, svc.member])) }, afterApis);
        const withObjectives = plan.services.flatMap((w) => (w.spec.slo ? [{ key: w.key, service: w.names.service, objectives: w.spec.slo[s.stack] }] : []));
        const slos = new Slos("slos", { project, services: withObjectives, rollingDays: args.observability.sloRollingDays, labels: withLabels(labels, { component: "slo" }) }, afterApis);
        const errorLogs = new ErrorLogs("error-logs", { project, metricName: `${s.namePrefix}app-errors`, services: plan.services.map((w) => w.names.service) }, afterApis);
        const dashboardName = `${APP} ${s.stack}`;
        new Dashboard("dashboard", {
            displayName: dashboardName,
            project,
            services: plan.services.map((w) => w.names.service),
            instances: plan.instances.map((instance) => instance.name),
            slos: slos.slos,
            errorMetricType: errorLogs.metricType,
            budget: { amountUsd: s.budget.amountUsd, displayName: `${APP} ${s.stack}` },
            labels,
        }, afterApis);

        // Alerts: one policy per signal for the whole stack (alerting is billed per condition).
        const signals = new Set(args.alerts.signals[s.stack]);
        const alertLabels = withLabels(labels, { component: "alerts" });
        new SloAlerts("alerts-slo", {
            project,
            objectives: withObjectives.map(({ service, objectives }) => ({ service, objectives })),
            observability: args.observability,
            signals,
            channels: channels.ids,
            labels: alertLabels,
            dashboard: dashboardName,
        }, afterApis);
        if (signals.has("log-errors")) {
            new LogErrorAlerts("alerts-logs", {
                project,
                metricType: errorLogs.metricType,
                errorsPer5m: args.observability.logErrorsPer5m,
                channels: channels.ids,
                labels: alertLabels,
            }, { parent: this, dependsOn: [apis, errorLogs] });
        }
        new ServiceAlerts("alerts-services", {
            project,
            services: plan.services.map((w) => ({ name: w.names.service, maxInstances: w.max, ...w.spec.alerts })),
            thresholds: args.alerts,
            signals,
            channels: channels.ids,
            labels: alertLabels,
        }, afterApis);
        const publicServices = plan.services.filter((w) => w.spec.ingress === "public");
        if (s.edge.enabled) {
            this.edge = new Edge("edge", {
                project, region,
                name: `${s.namePrefix}mindmirror-edge`,
                backends: publicServices.map((w) => ({ key: w.key, service: services.get(w.key)!.service, host: edgeHost(w.key, s.edge.domain), cdn: s.edge.cdn.includes(w.key) })),
                rateLimitPerMinute: s.edge.rateLimitPerMinute,
                deniedRegions: s.edge.deniedRegions,
                labels: withLabels(labels, { component: "edge" }),
            }, afterApis);
        }

        // Uptime checkers cannot sign in through IAP: services behind the login are left out.
        // Behind the edge, a service answers on its edge hostname only.
        const checked = publicServices.filter((w) => !services.get(w.key)!.behindLogin);
        if (signals.has("uptime") && checked.length > 0) {
            new UptimeAlerts("alerts-uptime", {
                project,
                endpoints: checked.map((w) => ({ key: w.key, service: w.names.service, uri: s.edge.enabled ? pulumi.output(`https://${edgeHost(w.key, s.edge.domain)}`) : services.get(w.key)!.uri, path: w.spec.healthPath })),
                channels: channels.ids,
                labels: alertLabels,
            }, afterApis);
        }
        new DatabaseAlerts("alerts-databases", {
            project,
            instances: plan.instances.map((instance) => instance.name),
            maxConnections: s.database.maxConnections,
            thresholds: args.alerts,
            signals,
            channels: channels.ids,
            labels: alertLabels,
        }, afterApis);

        this.services = services;
        this.databases = databases;
        this.secrets = secrets;
        this.registerOutputs({});
    }
}

/** APIs a stack needs beyond the platform's own, for the features it turns on. */
function extraApis(plan: Plan): string[] {
    return [
        ...(plan.settings.redis.enabled ? ["redis.googleapis.com"] : []),
        ...(plan.documentsBucket !== undefined ? ["storage.googleapis.com"] : []),
        ...(plan.settings.warmInstances.offHours && plan.services.some((w) => w.warm) ? ["cloudscheduler.googleapis.com"] : []),
        ...(plan.settings.login.enabled || plan.settings.operatorAccess.enabled ? ["iap.googleapis.com"] : []),
    ];
}

/** The hostname a public service answers on behind the edge. */
export function edgeHost(serviceKey: string, domain: string): string {
    return `${serviceKey}.${domain}`;
}
