// Every policy of the pack, without constructing the pack: tests import this module, while
// index.ts (which starts the policy server) is only loaded by the Pulumi CLI.

import { Policies } from "@pulumi/policy";
import { installDeserializeOnce } from "../lib/deserializeOnce";
import { internalIngressPolicy } from "./ingress";
import { plaintextSecretsPolicy } from "./plaintextSecrets";
import { budgetCapsPolicy } from "./budget";
import { cloudSqlPolicies } from "./cloudsql";
import { cloudRunPolicies } from "./cloudrun";
import { iamPolicies } from "./iam";
import { requiredLabelsPolicy } from "./labels";

/** The three core policies: mandatory by default in every stack. */
export const corePolicies: Policies = [internalIngressPolicy, plaintextSecretsPolicy, budgetCapsPolicy];

/** Guard rails: levels per policy, overridable per stack in config/<stack>.json. */
export const guardRailPolicies: Policies = [...cloudSqlPolicies, ...cloudRunPolicies, ...iamPolicies, requiredLabelsPolicy];

export const allPolicies: Policies = [...corePolicies, ...guardRailPolicies];

// Props are deserialized once per request, not once per policy (see lib/deserializeOnce.ts).
installDeserializeOnce();

export { internalIngressPolicy, plaintextSecretsPolicy, budgetCapsPolicy, requiredLabelsPolicy };
export * from "./cloudsql";
export * from "./cloudrun";
export * from "./iam";
