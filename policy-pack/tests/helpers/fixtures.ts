// Compliant resources, shaped like the gcp provider's inputs (see @pulumi/gcp types/input.d.ts).
// Tests start from one of these and change one property, so each test shows exactly what breaks.

import { GCP } from "../../lib/types";
import { UNKNOWN_SENTINELS } from "../../lib/props";
import { Fixture } from "./harness";

export const PROJECT = "mindmirror-prod";

/** A value the engine does not know at preview (an output of a resource still to be created). */
export const UNKNOWN_STRING = UNKNOWN_SENTINELS.string;
export const UNKNOWN_NUMBER = UNKNOWN_SENTINELS.number;
export const UNKNOWN_BOOLEAN = UNKNOWN_SENTINELS.boolean;
export const UNKNOWN_ARRAY = UNKNOWN_SENTINELS.array;
export const UNKNOWN_OBJECT = UNKNOWN_SENTINELS.object;

export const LABELS = { app: "mindmirror", env: "production", "managed-by": "pulumi", service: "journal" };

const probe = { httpGet: { path: "/health", port: 8001 }, periodSeconds: 10, failureThreshold: 3 };

/** An internal, warm-able API: secrets from Secret Manager, mounted files, probes, dedicated identity. */
export function runService(name = "journal"): Fixture {
    return {
        type: GCP.runService,
        name,
        props: {
            name,
            location: "us-central1",
            ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
            deletionProtection: false,
            labels: { ...LABELS, service: name },
            template: {
                serviceAccount: `${name}@${PROJECT}.iam.gserviceaccount.com`,
                scaling: { minInstanceCount: 0, maxInstanceCount: 5 },
                maxInstanceRequestConcurrency: 80,
                containers: [
                    {
                        name: "app",
                        image: `us-central1-docker.pkg.dev/${PROJECT}/services/${name}-service:1.4.2`,
                        resources: { limits: { cpu: "1", memory: "512Mi" }, cpuIdle: true, startupCpuBoost: true },
                        envs: [
                            { name: "LOG_LEVEL", value: "info" },
                            { name: "DATABASE_URL_FILE", value: "/secrets/db/url" },
                            { name: "JWT_SECRET_FILE", value: "/secrets/jwt-secret/value" },
                            { name: "AUTH_SERVICE_URL", value: "https://users-abc123-uc.a.run.app" },
                            { name: "OPENAI_API_KEY", valueSource: { secretKeyRef: { secret: "openai-api-key", version: "latest" } } },
                            { name: "GIT_SHA", value: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b" },
                        ],
                        volumeMounts: [{ name: "jwt-secret", mountPath: "/secrets/jwt-secret" }],
                        startupProbe: probe,
                        livenessProbe: probe,
                    },
                ],
                volumes: [{ name: "jwt-secret", secret: { secret: "jwt-secret", items: [{ path: "value", version: "latest" }] } }],
            },
        },
    };
}

export function runJob(name = "journal-migrate"): Fixture {
    return {
        type: GCP.runJob,
        name,
        props: {
            name,
            location: "us-central1",
            labels: { ...LABELS },
            template: {
                taskCount: 1,
                parallelism: 1,
                template: {
                    serviceAccount: `journal@${PROJECT}.iam.gserviceaccount.com`,
                    maxRetries: 1,
                    containers: [
                        {
                            image: `us-central1-docker.pkg.dev/${PROJECT}/services/journal-service:1.4.2`,
                            commands: ["alembic", "upgrade", "head"],
                            resources: { limits: { cpu: "1", memory: "512Mi" } },
                            envs: [
                                { name: "DATABASE_URL", valueSource: { secretKeyRef: { secret: "journal-database-url", version: "latest" } } },
                            ],
                        },
                    ],
                },
            },
        },
    };
}

export function runWorkerPool(name = "celery-pool"): Fixture {
    return {
        type: GCP.runWorkerPool,
        name,
        props: {
            name,
            location: "us-central1",
            labels: { ...LABELS },
            scaling: { manualInstanceCount: 1 },
            template: {
                serviceAccount: `celery@${PROJECT}.iam.gserviceaccount.com`,
                containers: [
                    {
                        image: `us-central1-docker.pkg.dev/${PROJECT}/services/celery-worker:1.0.0`,
                        resources: { limits: { cpu: "1", memory: "1Gi" } },
                        envs: [
                            { name: "QUEUE", value: "celery-tasks" },
                            { name: "QDRANT_API_KEY", valueSource: { secretKeyRef: { secret: "qdrant-api-key", version: "latest" } } },
                        ],
                    },
                ],
            },
        },
    };
}

export function runV1Service(name = "legacy"): Fixture {
    return {
        type: GCP.runV1Service,
        name,
        props: {
            name,
            location: "us-central1",
            metadata: { annotations: { "run.googleapis.com/ingress": "internal" }, labels: { ...LABELS } },
            template: {
                spec: {
                    serviceAccountName: `legacy@${PROJECT}.iam.gserviceaccount.com`,
                    containers: [
                        {
                            image: "us-docker.pkg.dev/cloudrun/container/hello",
                            envs: [
                                { name: "MODE", value: "worker" },
                                { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-password", key: "latest" } } },
                            ],
                        },
                    ],
                },
            },
        },
    };
}

export function functionV1(name = "thumbnailer"): Fixture {
    return {
        type: GCP.functionV1,
        name,
        props: {
            name,
            runtime: "python312",
            region: "us-central1",
            ingressSettings: "ALLOW_INTERNAL_ONLY",
            serviceAccountEmail: `thumbnailer@${PROJECT}.iam.gserviceaccount.com`,
            labels: { ...LABELS },
            environmentVariables: { BUCKET: "mindmirror-uploads" },
            buildEnvironmentVariables: { PIP_INDEX: "default" },
            secretEnvironmentVariables: [{ key: "API_TOKEN", secret: "thumbnailer-token", version: "latest", projectId: PROJECT }],
        },
    };
}

export function functionV2(name = "summarizer"): Fixture {
    return {
        type: GCP.functionV2,
        name,
        props: {
            name,
            location: "us-central1",
            labels: { ...LABELS },
            buildConfig: { runtime: "python312", entryPoint: "main", environmentVariables: { BP_LOG_LEVEL: "info" } },
            serviceConfig: {
                ingressSettings: "ALLOW_INTERNAL_ONLY",
                serviceAccountEmail: `summarizer@${PROJECT}.iam.gserviceaccount.com`,
                maxInstanceCount: 3,
                minInstanceCount: 0,
                environmentVariables: { MODEL: "small" },
                secretEnvironmentVariables: [{ key: "OPENAI_API_KEY", secret: "openai-api-key", version: "latest", projectId: PROJECT }],
            },
        },
    };
}

/** Production-grade Cloud SQL: private, encrypted, backed up with PITR, protected. */
export function sqlInstance(name = "main"): Fixture {
    return {
        type: GCP.sqlInstance,
        name,
        props: {
            name: `${name}-pg`,
            databaseVersion: "POSTGRES_16",
            region: "us-central1",
            deletionProtection: true,
            settings: {
                tier: "db-f1-micro",
                edition: "ENTERPRISE",
                availabilityType: "REGIONAL",
                diskSize: 10,
                diskType: "PD_SSD",
                deletionProtectionEnabled: true,
                userLabels: { ...LABELS },
                ipConfiguration: {
                    ipv4Enabled: false,
                    privateNetwork: `projects/${PROJECT}/global/networks/platform`,
                    sslMode: "ENCRYPTED_ONLY",
                },
                backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, startTime: "03:00" },
            },
        },
    };
}

export function budget(units = "100", name = "monthly-budget"): Fixture {
    return {
        type: GCP.budget,
        name,
        props: {
            billingAccount: "000000-AAAAAA-BBBBBB",
            displayName: "mindmirror production",
            amount: { specifiedAmount: { currencyCode: "USD", units } },
            thresholdRules: [{ thresholdPercent: 0.5 }, { thresholdPercent: 0.9 }, { thresholdPercent: 1.0 }],
            budgetFilter: { projects: [`projects/${PROJECT}`] },
        },
    };
}

export function serviceIamMember(service = "journal", member = `serviceAccount:gateway@${PROJECT}.iam.gserviceaccount.com`, name = "journal-invoker"): Fixture {
    return {
        type: GCP.runServiceIamMember,
        name,
        props: { name: `projects/${PROJECT}/locations/us-central1/services/${service}`, location: "us-central1", role: "roles/run.invoker", member },
    };
}

export function projectIamMember(role: string, member = `serviceAccount:ci@${PROJECT}.iam.gserviceaccount.com`, name = "ci-role"): Fixture {
    return { type: "gcp:projects/iAMMember:IAMMember", name, props: { project: PROJECT, role, member } };
}

export function secret(secretId = "jwt-secret"): Fixture {
    return {
        type: GCP.secret,
        name: secretId,
        props: { secretId, labels: { ...LABELS }, replication: { auto: {} } },
    };
}

export function secretVersion(secretId = "jwt-secret"): Fixture {
    return {
        type: GCP.secretVersion,
        name: `${secretId}-v1`,
        props: { secret: `projects/${PROJECT}/secrets/${secretId}`, secretData: "generated-elsewhere" },
    };
}

export function wifProvider(name = "github"): Fixture {
    return {
        type: GCP.workloadIdentityPoolProvider,
        name,
        props: {
            workloadIdentityPoolId: "ci",
            workloadIdentityPoolProviderId: name,
            attributeMapping: { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" },
            attributeCondition: "assertion.repository == 'mindmirror/platform'",
            oidc: { issuerUri: "https://token.actions.githubusercontent.com" },
        },
    };
}
