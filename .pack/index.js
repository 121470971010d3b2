"use strict";
// The CrossGuard pack. Loaded by the Pulumi CLI (`--policy-pack policy-pack`); constructing the
// PolicyPack starts the policy server, so nothing else imports this file (tests use ./policies).
Object.defineProperty(exports, "__esModule", { value: true });
exports.PACK_NAME = void 0;
const policy_1 = require("@pulumi/policy");
const policies_1 = require("./policies");
exports.PACK_NAME = "mindmirror-gcp-platform";
new policy_1.PolicyPack(exports.PACK_NAME, {
    policies: policies_1.allPolicies,
    description: "Guard rails for Pulumi programs on Google Cloud: internal-only Cloud Run, no plaintext secrets, budget caps with a cost estimate, Cloud SQL, Cloud Run and IAM hardening.",
    provider: "gcp",
    tags: ["gcp", "cloud-run", "security", "cost"],
});
