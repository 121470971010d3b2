// Conventions shared by the platform program and the policy pack.
// This module imports nothing, so the pack publishes alone and the program can import it.

/** The stacks this platform knows. */
export const STACKS = ["staging", "production"] as const;
export type StackName = (typeof STACKS)[number];

/** Label keys every labelled resource carries. */
export const LABEL_KEYS = {
    app: "app",
    env: "env",
    managedBy: "managed-by",
    service: "service",
    component: "component",
    version: "version",
} as const;

/** Labels a labelled resource must carry for cost tracking and ownership. */
export const REQUIRED_LABELS: readonly string[] = [LABEL_KEYS.app, LABEL_KEYS.env, LABEL_KEYS.managedBy];

/** The value of the `managed-by` label on everything this platform creates. */
export const MANAGED_BY = "pulumi";
