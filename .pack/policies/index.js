"use strict";
// Every policy of the pack, without constructing the pack: tests import this module, while
// index.ts (which starts the policy server) is only loaded by the Pulumi CLI.
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.requiredLabelsPolicy = exports.budgetCapsPolicy = exports.plaintextSecretsPolicy = exports.internalIngressPolicy = exports.allPolicies = exports.guardRailPolicies = exports.corePolicies = void 0;
const ingress_1 = require("./ingress");
Object.defineProperty(exports, "internalIngressPolicy", { enumerable: true, get: function () { return ingress_1.internalIngressPolicy; } });
const plaintextSecrets_1 = require("./plaintextSecrets");
Object.defineProperty(exports, "plaintextSecretsPolicy", { enumerable: true, get: function () { return plaintextSecrets_1.plaintextSecretsPolicy; } });
const budget_1 = require("./budget");
Object.defineProperty(exports, "budgetCapsPolicy", { enumerable: true, get: function () { return budget_1.budgetCapsPolicy; } });
const cloudsql_1 = require("./cloudsql");
const cloudrun_1 = require("./cloudrun");
const iam_1 = require("./iam");
const labels_1 = require("./labels");
Object.defineProperty(exports, "requiredLabelsPolicy", { enumerable: true, get: function () { return labels_1.requiredLabelsPolicy; } });
/** The three core policies: mandatory by default in every stack. */
exports.corePolicies = [ingress_1.internalIngressPolicy, plaintextSecrets_1.plaintextSecretsPolicy, budget_1.budgetCapsPolicy];
/** Guard rails: levels per policy, overridable per stack in config/<stack>.json. */
exports.guardRailPolicies = [...cloudsql_1.cloudSqlPolicies, ...cloudrun_1.cloudRunPolicies, ...iam_1.iamPolicies, labels_1.requiredLabelsPolicy];
exports.allPolicies = [...exports.corePolicies, ...exports.guardRailPolicies];
__exportStar(require("./cloudsql"), exports);
__exportStar(require("./cloudrun"), exports);
__exportStar(require("./iam"), exports);
