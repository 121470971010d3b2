// The CrossGuard pack. Loaded by the Pulumi CLI (`--policy-pack policy-pack`); constructing the
// PolicyPack starts the policy server, so nothing else imports this file (tests use ./policies).

import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

export const PACK_NAME = "mindmirror-gcp-platform";

new PolicyPack(PACK_NAME, {
    policies: allPolicies,
    description:
        "Guard rails for Pulumi programs on Google Cloud: internal-only Cloud Run, no plaintext secrets, budget caps with a cost estimate, Cloud SQL, Cloud Run and IAM hardening.",
    provider: "gcp",
    tags: ["gcp", "cloud-run", "security", "cost"],
});
