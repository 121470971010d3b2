"use strict";
// Conventions shared by the platform program and the policy pack.
// This module imports nothing, so the pack publishes alone and the program can import it.
Object.defineProperty(exports, "__esModule", { value: true });
exports.MANAGED_BY = exports.REQUIRED_LABELS = exports.LABEL_KEYS = exports.STACKS = void 0;
/** The stacks this platform knows. */
exports.STACKS = ["staging", "production"];
/** Label keys every labelled resource carries. */
exports.LABEL_KEYS = {
    app: "app",
    env: "env",
    managedBy: "managed-by",
    service: "service",
    component: "component",
    version: "version",
};
/** Labels a labelled resource must carry for cost tracking and ownership. */
exports.REQUIRED_LABELS = [exports.LABEL_KEYS.app, exports.LABEL_KEYS.env, exports.LABEL_KEYS.managedBy];
/** The value of the `managed-by` label on everything this platform creates. */
exports.MANAGED_BY = "pulumi";
