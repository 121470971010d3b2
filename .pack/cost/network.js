"use strict";
// Networking with a price: Cloud NAT (per instance that uses it, IPs, data, logs), Serverless VPC
// Access connectors, load-balancer forwarding rules, external addresses and Cloud Armor.
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceSecurityPolicy = exports.priceAddress = exports.priceForwardingRule = exports.priceVpcConnector = exports.priceRouterNat = void 0;
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const prices_1 = require("./prices");
const common_1 = require("./common");
/**
 * Cloud NAT as Google bills it: an hourly charge per VM or serverless instance that gets a NAT
 * assignment (counted from what the stack keeps running with its internet traffic routed into the
 * VPC, capped at 32), each external IP it holds, the data it processes and its logs.
 */
const priceRouterNat = (props, context) => {
    const { natIpCount, natDataGib, natLogGib } = context.options;
    const region = (0, props_1.str)((0, props_1.get)(props, "region"));
    const where = typeof region === "string" ? region : undefined;
    const instances = context.facts.natInstances;
    const manualIps = (0, props_1.str)((0, props_1.get)(props, "natIpAllocateOption")) === "MANUAL_ONLY" ? (0, props_1.list)((0, props_1.get)(props, "natIps")) : undefined;
    const ips = Array.isArray(manualIps) ? manualIps.length : natIpCount;
    const gatewayHourly = Math.min(instances * prices_1.CLOUD_NAT.perInstanceHour.usd, prices_1.CLOUD_NAT.maxGatewayHour.usd);
    const charges = [
        instances > 32
            ? (0, common_1.charge)(prices_1.CLOUD_NAT.maxGatewayHour, context.hours, `gateway for ${instances} instances (capped at 32)`, where)
            : (0, common_1.share)(prices_1.CLOUD_NAT.perInstanceHour, gatewayHourly * context.hours, `gateway for ${instances} always-on instance(s)`, where),
        (0, common_1.charge)(prices_1.CLOUD_NAT.ipHour, ips * context.hours, `${ips} IP(s)${Array.isArray(manualIps) ? "" : " (assumed)"}`, where),
        (0, common_1.charge)(prices_1.CLOUD_NAT.processed, natDataGib, `${natDataGib} GiB processed (assumed)`, where),
    ];
    if ((0, props_1.bool)((0, props_1.get)(props, "logConfig", "enable")) === true) {
        charges.push((0, common_1.charge)(prices_1.CLOUD_NAT.logs, natLogGib, `${natLogGib} GiB of logs (assumed)`, where));
    }
    return { charges };
};
exports.priceRouterNat = priceRouterNat;
const priceVpcConnector = (props, context) => {
    const unknown = [];
    const machine = (0, props_1.str)((0, props_1.get)(props, "machineType"));
    const machineType = typeof machine === "string" ? machine : "e2-micro";
    const min = (0, common_1.numberOr)((0, props_1.get)(props, "minInstances"), 2, unknown, "minInstances");
    const hourly = prices_1.COMPUTE.machineHour[machineType];
    if (!hourly)
        return (0, common_1.unpriced)(`connector machine type ${machineType} is not in the price table`);
    const region = (0, props_1.str)((0, props_1.get)(props, "region"));
    return {
        note: (0, common_1.withUnknowns)(`${min} connector instance(s) always on`, unknown),
        charges: [(0, common_1.charge)(hourly, min * context.hours, `${min} × ${machineType}`, typeof region === "string" ? region : undefined)],
    };
};
exports.priceVpcConnector = priceVpcConnector;
/** The first five forwarding rules of a project share one hourly charge; each further rule has its own. */
const priceForwardingRule = (_props, context) => {
    const rules = context.facts.forwardingRules;
    const total = prices_1.LOAD_BALANCING.firstFiveRules.usd * context.hours + Math.max(0, rules - 5) * prices_1.LOAD_BALANCING.additionalRule.usd * context.hours;
    return {
        note: `1 of ${rules} forwarding rule(s) in the stack; data processed is usage and not estimated`,
        charges: [(0, common_1.share)(rules > 5 ? prices_1.LOAD_BALANCING.additionalRule : prices_1.LOAD_BALANCING.firstFiveRules, total / rules, "share of the stack's forwarding-rule charge")],
    };
};
exports.priceForwardingRule = priceForwardingRule;
/** Internal addresses are free; an external one costs while reserved and unused. */
const priceAddress = (props, context) => {
    const type = (0, props_1.str)((0, props_1.get)(props, "addressType"));
    const purpose = (0, props_1.str)((0, props_1.get)(props, "purpose"));
    if (type === props_1.UNKNOWN || purpose === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("address type unknown at preview");
    if (type === "INTERNAL" || purpose === "VPC_PEERING" || purpose === "PRIVATE_SERVICE_CONNECT") {
        return (0, common_1.free)("internal addresses (including private services ranges) have no charge");
    }
    const name = (0, props_1.str)((0, props_1.get)(props, "name"));
    const address = (0, props_1.str)((0, props_1.get)(props, "address"));
    const attached = [...context.facts.attachedAddresses].some((ref) => (typeof name === "string" && (0, names_1.lastSegment)(ref) === name) || (typeof address === "string" && ref === address));
    if (attached)
        return (0, common_1.noCharge)("attached to a forwarding rule or VM: billed there, no charge for the reservation");
    return { note: "reserved external address not attached to anything in this stack", charges: [(0, common_1.charge)(prices_1.COMPUTE.ipUnused, context.hours, "unused static IPv4")] };
};
exports.priceAddress = priceAddress;
const priceSecurityPolicy = (props, context) => {
    const rules = (0, props_1.list)((0, props_1.get)(props, "rules"));
    if (rules === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("rules unknown at preview");
    const count = Math.max(1, (0, props_1.items)(rules).length); // the default rule always exists
    const requests = context.options.armorRequestsPerMonth;
    return {
        charges: [
            (0, common_1.charge)(prices_1.CLOUD_ARMOR.policy, 1, "policy"),
            (0, common_1.charge)(prices_1.CLOUD_ARMOR.rule, count, `${count} rule(s)`),
            (0, common_1.charge)(prices_1.CLOUD_ARMOR.requestsMillion, requests / 1e6, `${(0, common_1.qty)(requests / 1e6)} M requests (assumed)`),
        ],
    };
};
exports.priceSecurityPolicy = priceSecurityPolicy;
