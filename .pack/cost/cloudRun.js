"use strict";
// Cloud Run (services, worker pools, jobs, v1 services) and Cloud Functions (2nd gen runs on Cloud
// Run; 1st gen has its own prices): only instances kept running cost money at rest.
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceFunctionV1 = exports.priceFunctionV2 = exports.priceRunV1Service = exports.priceRunJob = exports.priceRunWorkerPool = exports.priceRunService = void 0;
exports.isRequestBased = isRequestBased;
const props_1 = require("../lib/props");
const prices_1 = require("./prices");
const common_1 = require("./common");
const units_1 = require("./units");
/** Sums the limits of every container (sidecars are billed too), with Cloud Run's defaults. */
function containerSize(containers) {
    if (containers.length === 0)
        return { vcpu: prices_1.CLOUD_RUN.defaultCpu, gib: prices_1.CLOUD_RUN.defaultMemoryGib };
    let vcpu = 0;
    let gib = 0;
    for (const container of containers) {
        const cpu = (0, props_1.str)((0, props_1.get)(container, "resources", "limits", "cpu"));
        const memory = (0, props_1.str)((0, props_1.get)(container, "resources", "limits", "memory"));
        vcpu += (typeof cpu === "string" ? (0, units_1.parseCpu)(cpu) : undefined) ?? prices_1.CLOUD_RUN.defaultCpu;
        gib += (typeof memory === "string" ? (0, units_1.parseMemoryGib)(memory) : undefined) ?? prices_1.CLOUD_RUN.defaultMemoryGib;
    }
    return { vcpu, gib };
}
const IDLE = { cpu: prices_1.CLOUD_RUN.idleCpu, memory: prices_1.CLOUD_RUN.idleMemory, name: "idle min-instance rate" };
const INSTANCE = { cpu: prices_1.CLOUD_RUN.instanceCpu, memory: prices_1.CLOUD_RUN.instanceMemory, name: "instance-based rate" };
const POOL = { cpu: prices_1.CLOUD_RUN.poolCpu, memory: prices_1.CLOUD_RUN.poolMemory, name: "worker pool rate" };
/** CPU and memory of `instances` copies of `size` for `seconds` each. */
function computeCharges(instances, size, seconds, rates, region, what) {
    return [
        (0, common_1.charge)(rates.cpu, instances * size.vcpu * seconds, `${what}: ${(0, common_1.qty)(instances * size.vcpu * seconds)} vCPU-s at the ${rates.name}`, region),
        (0, common_1.charge)(rates.memory, instances * size.gib * seconds, `${(0, common_1.qty)(instances * size.gib * seconds)} GiB-s`, region),
    ];
}
const describe = (size) => `${(0, common_1.qty)(size.vcpu)} vCPU, ${(0, common_1.qty)(size.gib)} GiB`;
const regionOf = (value) => {
    const found = (0, props_1.str)(value);
    return typeof found === "string" ? found : undefined;
};
/**
 * Cloud Run v2 bills CPU only during requests when the first container's `resources.cpuIdle` is
 * true. The provider's rule for unset: true when `resources` is absent, false once `resources` is
 * set without cpuIdle (then the revision is instance-based, as the gcp provider documents).
 */
function isRequestBased(firstContainer) {
    const resources = (0, props_1.get)(firstContainer, "resources");
    if (resources === undefined)
        return true;
    const cpuIdle = (0, props_1.bool)((0, props_1.get)(resources, "cpuIdle"));
    return cpuIdle === true || cpuIdle === props_1.UNKNOWN;
}
const priceRunService = (props, context) => {
    const unknown = [];
    const containers = (0, props_1.items)((0, props_1.get)(props, "template", "containers"));
    const size = containerSize(containers);
    const requestBased = isRequestBased(containers[0]);
    const templateMin = (0, common_1.numberOr)((0, props_1.get)(props, "template", "scaling", "minInstanceCount"), 0, unknown, "minInstanceCount");
    const serviceMin = (0, common_1.numberOr)((0, props_1.get)(props, "scaling", "minInstanceCount"), 0, unknown, "service minInstanceCount");
    const manual = (0, props_1.str)((0, props_1.get)(props, "scaling", "scalingMode")) === "MANUAL";
    const instances = manual
        ? (0, common_1.numberOr)((0, props_1.get)(props, "scaling", "manualInstanceCount"), 0, unknown, "manualInstanceCount")
        : Math.max(templateMin, serviceMin);
    const billing = requestBased ? "request-based billing" : "instance-based billing";
    if (instances === 0) {
        return (0, common_1.noCharge)((0, common_1.withUnknowns)(`scales to zero (${billing}); requests are billed per use and not estimated`, unknown));
    }
    return {
        note: (0, common_1.withUnknowns)(`${instances} ${manual ? "manual" : "min"} instance(s) of ${describe(size)} always on (${billing}); traffic not included`, unknown),
        charges: computeCharges(instances, size, context.seconds, requestBased ? IDLE : INSTANCE, regionOf((0, props_1.get)(props, "location")), "kept warm"),
    };
};
exports.priceRunService = priceRunService;
const priceRunWorkerPool = (props, context) => {
    const unknown = [];
    const size = containerSize((0, props_1.items)((0, props_1.get)(props, "template", "containers")));
    // A worker pool without a count runs one instance.
    const instances = (0, common_1.numberOr)((0, props_1.get)(props, "scaling", "manualInstanceCount"), 1, unknown, "manualInstanceCount");
    return {
        note: (0, common_1.withUnknowns)(`${instances} instance(s) of ${describe(size)} always on`, unknown),
        charges: computeCharges(instances, size, context.seconds, POOL, regionOf((0, props_1.get)(props, "location")), "always on"),
    };
};
exports.priceRunWorkerPool = priceRunWorkerPool;
const priceRunJob = (props, context) => {
    const unknown = [];
    const size = containerSize((0, props_1.items)((0, props_1.get)(props, "template", "template", "containers")));
    const tasks = (0, common_1.numberOr)((0, props_1.get)(props, "template", "taskCount"), 1, unknown, "taskCount");
    const { jobExecutionsPerMonth: executions, jobTaskSeconds: taskSeconds } = context.options;
    return {
        note: (0, common_1.withUnknowns)(`${executions} execution(s)/month × ${tasks} task(s) × ${taskSeconds} s of ${describe(size)} (assumed usage)`, unknown),
        charges: computeCharges(executions * tasks, size, taskSeconds, INSTANCE, regionOf((0, props_1.get)(props, "location")), "tasks"),
    };
};
exports.priceRunJob = priceRunJob;
const priceRunV1Service = (props, context) => {
    const unknown = [];
    const annotations = (0, props_1.get)(props, "template", "metadata", "annotations");
    const min = (0, common_1.numberOr)((0, props_1.get)(annotations, "autoscaling.knative.dev/minScale"), 0, unknown, "minScale");
    const size = containerSize((0, props_1.items)((0, props_1.get)(props, "template", "spec", "containers")));
    const requestBased = (0, props_1.str)((0, props_1.get)(annotations, "run.googleapis.com/cpu-throttling")) !== "false";
    if (min === 0)
        return (0, common_1.noCharge)((0, common_1.withUnknowns)("scales to zero; requests are billed per use and not estimated", unknown));
    return {
        note: (0, common_1.withUnknowns)(`${min} min instance(s) of ${describe(size)} always on (${requestBased ? "request" : "instance"}-based billing)`, unknown),
        charges: computeCharges(min, size, context.seconds, requestBased ? IDLE : INSTANCE, regionOf((0, props_1.get)(props, "location")), "kept warm"),
    };
};
exports.priceRunV1Service = priceRunV1Service;
const priceFunctionV2 = (props, context) => {
    const unknown = [];
    const min = (0, common_1.numberOr)((0, props_1.get)(props, "serviceConfig", "minInstanceCount"), 0, unknown, "minInstanceCount");
    if (min === 0)
        return (0, common_1.noCharge)((0, common_1.withUnknowns)("scales to zero; invocations are billed per use and not estimated", unknown));
    const cpu = (0, props_1.str)((0, props_1.get)(props, "serviceConfig", "availableCpu"));
    const memory = (0, props_1.str)((0, props_1.get)(props, "serviceConfig", "availableMemory"));
    // Cloud Functions (2nd gen) defaults: 256M of memory and the CPU that goes with it (1/6 vCPU).
    const size = {
        vcpu: (typeof cpu === "string" ? (0, units_1.parseCpu)(cpu) : undefined) ?? 0.1667,
        gib: (typeof memory === "string" ? (0, units_1.parseMemoryGib)(memory) : undefined) ?? (0, units_1.parseMemoryGib)("256M") ?? 0.25,
    };
    return {
        note: (0, common_1.withUnknowns)(`${min} min instance(s) of ${describe(size)} at the Cloud Run idle min-instance rate`, unknown),
        charges: computeCharges(min, size, context.seconds, IDLE, regionOf((0, props_1.get)(props, "location")), "kept warm"),
    };
};
exports.priceFunctionV2 = priceFunctionV2;
/** 1st gen functions scale to zero unless min instances are set; their idle prices are not in the table. */
const priceFunctionV1 = (props) => {
    const min = (0, props_1.num)((0, props_1.get)(props, "minInstances"));
    if (min === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("minInstances unknown at preview");
    if ((min ?? 0) > 0)
        return (0, common_1.unpriced)(`${min} min instance(s) of a 1st gen function: idle instance prices are not in the price table`);
    return (0, common_1.noCharge)("scales to zero; invocations are billed per use and not estimated");
};
exports.priceFunctionV1 = priceFunctionV1;
