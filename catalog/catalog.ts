// MindMirror's workloads, databases and secrets: the one place to add a service.
// Sizes and ports come from the seeds (DevOps strategy, Cloud Run v2 hardening); per-stack
// scaling follows "staging scales to zero, production keeps the gateway warm".

import { defineCatalog, Resources } from "./types";

/** Small request-driven API: throttled CPU between requests, boosted start-up. */
const smallApi: Resources = { cpu: "1", memory: "512Mi", cpuIdle: true, startupCpuBoost: true };

const alembic = { command: ["alembic", "upgrade", "head"] } as const;

/**
 * An internal API that owns one database and reads the JWT secret: the shape most MindMirror
 * backends share (seed 002's service table). Generic in the database name so a typo is still a
 * compile error.
 */
function databaseBackend<const D extends string>(spec: { description: string; image: string; port: number; database: D }) {
    return {
        ...spec,
        healthPath: "/health",
        ingress: "internal",
        resources: smallApi,
        scaling: { staging: { min: 0, max: 2 }, production: { min: 0, max: 5 } },
        concurrency: 80,
        timeoutSeconds: 60,
        secrets: { "jwt-secret": { as: "file" } },
        migrations: alembic,
    } as const;
}

export const catalog = defineCatalog({
    services: {
        agent: {
            description: "AI agent: conversations, embeddings, retrieval",
            image: "agent-service",
            port: 8000,
            healthPath: "/health",
            ingress: "internal",
            resources: { cpu: "1", memory: "1Gi", cpuIdle: true, startupCpuBoost: true },
            scaling: { staging: { min: 0, max: 2 }, production: { min: 0, max: 5 } },
            concurrency: 40,
            timeoutSeconds: 300,
            database: "agent",
            secrets: {
                "jwt-secret": { as: "file" },
                "openai-api-key": { as: "env", env: "OPENAI_API_KEY" },
                "qdrant-api-key": { as: "env", env: "QDRANT_API_KEY" },
            },
            migrations: alembic,
            internet: true,
            redis: true,
            // Stores uploaded documents for retrieval (DevOps strategy: documents in Cloud Storage).
            documents: "writer",
            // LLM calls: seconds per answer are normal (timeout 300 s).
            alerts: { latencyP95Ms: 30_000 },
        },
        journal: databaseBackend({ description: "Journal entries", image: "journal-service", port: 8001, database: "journal" }),
        habits: databaseBackend({ description: "Habit tracking", image: "habits-service", port: 8003, database: "habits" }),
        meals: {
            description: "Meal logging (data in Supabase)",
            image: "meals-service",
            port: 8004,
            healthPath: "/health",
            ingress: "internal",
            resources: smallApi,
            scaling: { staging: { min: 0, max: 2 }, production: { min: 0, max: 5 } },
            concurrency: 80,
            timeoutSeconds: 60,
            secrets: {
                "jwt-secret": { as: "file" },
                "supabase-service-role-key": { as: "file" },
            },
            internet: true,
        },
        movements: databaseBackend({ description: "Movement library", image: "movements-service", port: 8005, database: "movements" }),
        practices: databaseBackend({ description: "Practices and programs", image: "practices-service", port: 8000, database: "practices" }),
        users: {
            description: "Users, vouchers and profiles",
            image: "users-service",
            port: 8000,
            healthPath: "/health",
            ingress: "internal",
            resources: smallApi,
            scaling: { staging: { min: 0, max: 2 }, production: { min: 0, max: 5 } },
            concurrency: 80,
            timeoutSeconds: 60,
            database: "users",
            secrets: {
                "jwt-secret": { as: "file" },
                "supabase-service-role-key": { as: "file" },
            },
            migrations: alembic,
            internet: true,
        },
        gateway: {
            description: "GraphQL mesh gateway: the public API, federates every backend",
            image: "mesh-gateway",
            port: 4000,
            healthPath: "/healthcheck",
            // The GraphQL endpoint itself: the smallest query every mesh answers.
            smokePaths: ["/graphql?query=%7B__typename%7D"],
            ingress: "public",
            resources: smallApi,
            // Which services stay warm is per stack config (mindmirror:warmInstances): production
            // keeps the gateway warm, the alpha's p95 target (500 ms) does not survive a cold start.
            scaling: { staging: { min: 0, max: 3 }, production: { min: 0, max: 10 } },
            concurrency: 80,
            timeoutSeconds: 60,
            secrets: { "jwt-secret": { as: "file" } },
            calls: ["agent", "journal", "habits", "meals", "movements", "practices", "users"],
            // Epic NFR1/NFR2: 99 % uptime and a p95 under 500 ms for GraphQL. The hey-sh plan's
            // 99.9 % and 200 ms are its later months, not the alpha. Staging scales to zero, so
            // cold starts count against it: a looser target that still catches a broken deploy.
            slo: {
                staging: { availability: 0.95, latency: { goal: 0.95, thresholdMs: 2000 } },
                production: { availability: 0.99, latency: { goal: 0.95, thresholdMs: 500 } },
            },
        },
        web: {
            description: "Next.js web app",
            image: "web-app",
            port: 3000,
            healthPath: "/api/health",
            // The page users land on (rendered server-side, so it calls the gateway).
            smokePaths: ["/"],
            ingress: "public",
            resources: smallApi,
            scaling: { staging: { min: 0, max: 3 }, production: { min: 0, max: 10 } },
            concurrency: 80,
            timeoutSeconds: 60,
            calls: ["gateway"],
            // Epic NFR1: 2 s page load; NFR2: 99 % uptime.
            slo: {
                staging: { availability: 0.95, latency: { goal: 0.95, thresholdMs: 4000 } },
                production: { availability: 0.99, latency: { goal: 0.95, thresholdMs: 2000 } },
            },
        },
        "celery-worker": {
            description: "Celery tasks delivered by Pub/Sub push (embeddings, summaries)",
            image: "celery-worker",
            port: 8080,
            healthPath: "/health",
            ingress: "internal",
            // Instance-based billing: a task keeps its CPU after the push request is acknowledged.
            resources: { cpu: "1", memory: "1Gi", cpuIdle: false, startupCpuBoost: true },
            scaling: { staging: { min: 0, max: 2 }, production: { min: 0, max: 5 } },
            concurrency: 4,
            timeoutSeconds: 600,
            secrets: {
                "openai-api-key": { as: "env", env: "OPENAI_API_KEY" },
                "qdrant-api-key": { as: "env", env: "QDRANT_API_KEY" },
            },
            calls: ["agent"],
            internet: true,
            trigger: { topic: "celery-tasks", path: "/tasks", publishers: ["agent", "journal"] },
            redis: true,
            // Embeds the documents the agent stored.
            documents: "reader",
            // A push request lasts as long as its task (up to the 600 s timeout).
            alerts: { latencyP95Ms: 300_000 },
        },
    },
    databases: {
        agent: { instance: "main" },
        journal: { instance: "main" },
        habits: { instance: "main" },
        movements: { instance: "movements" },
        practices: { instance: "practices" },
        users: { instance: "users" },
    },
    secrets: {
        "jwt-secret": { source: "generated", description: "Signs and verifies user JWTs", length: 64 },
        "openai-api-key": { source: "external", description: "OpenAI API key", configKey: "openaiApiKey" },
        "qdrant-api-key": { source: "external", description: "Qdrant Cloud API key", configKey: "qdrantApiKey" },
        "supabase-service-role-key": {
            source: "external",
            description: "Supabase service-role key",
            configKey: "supabaseServiceRoleKey",
        },
    },
    alerts: {
        errorRatio: 0.05,
        latencyP95Ms: 2000,
        instancesNearMax: 0.8,
        databaseCpu: 0.8,
        databaseMemory: 0.9,
        databaseDisk: 0.85,
        databaseConnections: 0.8,
        durationSeconds: 300,
        signals: {
            // Staging pays for what tells a deploy broke something: errors, public health, and the
            // shared instance running out of connections (six services on max_connections 50).
            // SLOs: the fast burn only (a deploy that breaks the public API).
            staging: ["5xx-ratio", "uptime", "database-connections", "slo-burn-fast"],
            production: [
                "5xx-ratio", "latency-p95", "instances-near-max", "uptime",
                "database-cpu", "database-memory", "database-disk", "database-connections",
                "slo-burn-fast", "slo-burn-slow", "log-errors",
            ],
        },
    },
    observability: {
        sloRollingDays: 28,
        // The SRE workbook's pair for a 30-day budget: 2 % of it in an hour, 5 % in six hours.
        burnRates: {
            fast: { factor: 14.4, longWindowSeconds: 3600, shortWindowSeconds: 300 },
            slow: { factor: 6, longWindowSeconds: 21600, shortWindowSeconds: 1800 },
        },
        logErrorsPer5m: 10,
        // Scanning is billed per image pushed: production, where release images go, scans them
        // (and the weekly report reads the findings); staging's gate scans on the runner.
        containerScanning: { staging: false, production: true },
    },
});

export type MindMirrorCatalog = typeof catalog;
export type ServiceName = keyof MindMirrorCatalog["services"];
