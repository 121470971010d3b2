// A careless change the policy pack must stop, one violation per core policy:
// a public backend, a password in a plain env var, and a budget above the stack's cap.

import * as gcp from "@pulumi/gcp";

const labels = { app: "mindmirror", env: "staging", "managed-by": "pulumi" };

new gcp.cloudrunv2.Service("agent", {
    name: "agent",
    location: "us-central1",
    // Violation 1: a backend with no ingress setting is reachable from the internet.
    deletionProtection: false,
    labels,
    template: {
        serviceAccount: "agent-run@mindmirror-staging.iam.gserviceaccount.com",
        scaling: { minInstanceCount: 0, maxInstanceCount: 2 },
        containers: [{
            image: "us-central1-docker.pkg.dev/mindmirror-staging/services/agent-service:main-1",
            // Violation 2: a database password in plain text.
            envs: [{ name: "DATABASE_PASSWORD", value: "hunter2-correct-horse-battery-staple" }],
            startupProbe: { httpGet: { path: "/health" } },
            livenessProbe: { httpGet: { path: "/health" } },
        }],
    },
});

new gcp.billing.Budget("budget", {
    billingAccount: "000000-000000-000000",
    displayName: "mindmirror staging",
    // Violation 3: $500 against a $25 cap.
    amount: { specifiedAmount: { currencyCode: "USD", units: "500" } },
    thresholdRules: [{ thresholdPercent: 1.0 }],
});
