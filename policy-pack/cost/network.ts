// Networking with a price: Cloud NAT (per instance that uses it, IPs, data, logs), Serverless VPC
// Access connectors, load-balancer forwarding rules, external addresses and Cloud Armor.

import { UNKNOWN, bool, get, items, list, str } from "../lib/props";
import { lastSegment } from "../lib/names";
import { CLOUD_ARMOR, CLOUD_NAT, COMPUTE, LOAD_BALANCING } from "./prices";
import { Pricer, charge, free, noCharge, numberOr, qty, share, unknownAtPreview, unpriced, withUnknowns } from "./common";

/**
 * Cloud NAT as Google bills it: an hourly charge per VM or serverless instance that gets a NAT
 * assignment (counted from what the stack keeps running with its internet traffic routed into the
 * VPC, capped at 32), each external IP it holds, the data it processes and its logs.
 */
export const priceRouterNat: Pricer = (props, context) => {
    const { natIpCount, natDataGib, natLogGib } = context.options;
    const region = str(get(props, "region"));
    const where = typeof region === "string" ? region : undefined;
    const instances = context.facts.natInstances;
    const manualIps = str(get(props, "natIpAllocateOption")) === "MANUAL_ONLY" ? list(get(props, "natIps")) : undefined;
    const ips = Array.isArray(manualIps) ? manualIps.length : natIpCount;
    const gatewayHourly = Math.min(instances * CLOUD_NAT.perInstanceHour.usd, CLOUD_NAT.maxGatewayHour.usd);
    const charges = [
        instances > 32
            ? charge(CLOUD_NAT.maxGatewayHour, context.hours, `gateway for ${instances} instances (capped at 32)`, where)
            : share(CLOUD_NAT.perInstanceHour, gatewayHourly * context.hours, `gateway for ${instances} always-on instance(s)`, where),
        charge(CLOUD_NAT.ipHour, ips * context.hours, `${ips} IP(s)${Array.isArray(manualIps) ? "" : " (assumed)"}`, where),
        charge(CLOUD_NAT.processed, natDataGib, `${natDataGib} GiB processed (assumed)`, where),
    ];
    if (bool(get(props, "logConfig", "enable")) === true) {
        charges.push(charge(CLOUD_NAT.logs, natLogGib, `${natLogGib} GiB of logs (assumed)`, where));
    }
    return { charges };
};

export const priceVpcConnector: Pricer = (props, context) => {
    const unknown: string[] = [];
    const machine = str(get(props, "machineType"));
    const machineType = typeof machine === "string" ? machine : "e2-micro";
    const min = numberOr(get(props, "minInstances"), 2, unknown, "minInstances");
    const hourly = COMPUTE.machineHour[machineType];
    if (!hourly) return unpriced(`connector machine type ${machineType} is not in the price table`);
    const region = str(get(props, "region"));
    return {
        note: withUnknowns(`${min} connector instance(s) always on`, unknown),
        charges: [charge(hourly, min * context.hours, `${min} × ${machineType}`, typeof region === "string" ? region : undefined)],
    };
};

/** The first five forwarding rules of a project share one hourly charge; each further rule has its own. */
export const priceForwardingRule: Pricer = (_props, context) => {
    const rules = context.facts.forwardingRules;
    const total = LOAD_BALANCING.firstFiveRules.usd * context.hours + Math.max(0, rules - 5) * LOAD_BALANCING.additionalRule.usd * context.hours;
    return {
        note: `1 of ${rules} forwarding rule(s) in the stack; data processed is usage and not estimated`,
        charges: [share(rules > 5 ? LOAD_BALANCING.additionalRule : LOAD_BALANCING.firstFiveRules, total / rules, "share of the stack's forwarding-rule charge")],
    };
};

/** Internal addresses are free; an external one costs while reserved and unused. */
export const priceAddress: Pricer = (props, context) => {
    const type = str(get(props, "addressType"));
    const purpose = str(get(props, "purpose"));
    if (type === UNKNOWN || purpose === UNKNOWN) return unknownAtPreview("address type unknown at preview");
    if (type === "INTERNAL" || purpose === "VPC_PEERING" || purpose === "PRIVATE_SERVICE_CONNECT") {
        return free("internal addresses (including private services ranges) have no charge");
    }
    const name = str(get(props, "name"));
    const address = str(get(props, "address"));
    const attached = [...context.facts.attachedAddresses].some(
        (ref) => (typeof name === "string" && lastSegment(ref) === name) || (typeof address === "string" && ref === address),
    );
    if (attached) return noCharge("attached to a forwarding rule or VM: billed there, no charge for the reservation");
    return { note: "reserved external address not attached to anything in this stack", charges: [charge(COMPUTE.ipUnused, context.hours, "unused static IPv4")] };
};

export const priceSecurityPolicy: Pricer = (props, context) => {
    const rules = list(get(props, "rules"));
    if (rules === UNKNOWN) return unknownAtPreview("rules unknown at preview");
    const count = Math.max(1, items(rules).length); // the default rule always exists
    const requests = context.options.armorRequestsPerMonth;
    return {
        charges: [
            charge(CLOUD_ARMOR.policy, 1, "policy"),
            charge(CLOUD_ARMOR.rule, count, `${count} rule(s)`),
            charge(CLOUD_ARMOR.requestsMillion, requests / 1e6, `${qty(requests / 1e6)} M requests (assumed)`),
        ],
    };
};
