// The pack's own cost without gRPC: @pulumi/policy's Analyze and AnalyzeStack handlers called
// directly (same deserialization, proxy and dispatch as the server), for the full pack and a no-op
// pack, alternating, in one process. Complements analyze.ts, whose figures include transport.
//
//   npx ts-node --transpile-only policy-pack/bench/inprocess.ts /tmp/inv-1000.json production [rounds]

import * as fs from "fs";
import * as path from "path";
import type { Policies } from "@pulumi/policy";
import type { InventoryEntry } from "./inventory";

interface Message {
    [method: string]: (...args: unknown[]) => unknown;
}
type MessageClass = new () => Message;
/** What the program's default gcp provider carries. */
const PROVIDER_PROPS = { project: "mindmirror-prod", region: "us-central1", defaultLabels: JSON.stringify({ app: "mindmirror", env: "production", "managed-by": "pulumi" }), version: "9.37.0" };
const STACK = "production";

type RpcHandler = (call: { request: Message }, callback: (error: unknown, response?: Message) => void) => void;

async function main(inventoryFile: string, stack: string, rounds: number): Promise<void> {
    const { allPolicies } = await import("../policies");
    const noop: Policies = [{ name: "noop", description: "Does nothing.", enforcementLevel: "advisory", validateResource: () => undefined }];
    const server = require("@pulumi/policy/server") as {
        makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policies): RpcHandler;
        makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policies): RpcHandler;
    };
    const analyzer = require("@pulumi/pulumi/proto/analyzer_pb") as Record<string, MessageClass>;
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(value: unknown): unknown } };
    const inventory = JSON.parse(fs.readFileSync(inventoryFile, "utf8")) as InventoryEntry[];
    void path;
    void stack;
    const describe = <T extends Message>(message: T, entry: InventoryEntry): T => {
        message.setType(entry.type);
        message.setName(entry.name);
        message.setUrn(entry.urn);
        message.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(entry.props ?? {}))));
        message.setOptions(new analyzer.AnalyzerResourceOptions());
        // The engine sends each resource's provider with its props (project, region, defaultLabels).
        const provider = new analyzer.AnalyzerProviderResource();
        provider.setType("pulumi:providers:gcp");
        provider.setName("default");
        provider.setUrn(`urn:pulumi:${STACK}::mindmirror::pulumi:providers:gcp::default`);
        provider.setProperties(Struct.fromJavaScript(PROVIDER_PROPS));
        message.setProvider(provider);
        return message;
    };
    const requests = inventory.map((entry) => describe(new analyzer.AnalyzeRequest(), entry));
    const stackRequest = new analyzer.AnalyzeStackRequest();
    stackRequest.setResourcesList(inventory.map((entry) => describe(new analyzer.AnalyzerResource(), entry)));
    const invoke = (handler: RpcHandler, request: Message) =>
        new Promise<void>((resolve, reject) => handler({ request }, (error) => (error ? reject(error) : resolve())));

    const best: Record<string, { analyze: number; stack: number }> = {};
    for (let round = 0; round < rounds; round++) {
        for (const [name, policies] of (process.env.BENCH_ONLY === "pack" ? [["pack", allPolicies]] : [["noop", noop], ["pack", allPolicies]]) as Array<[string, Policies]>) {
            const analyze = server.makeAnalyzeRpcFun("bench", "0.0.1", "advisory", policies);
            const analyzeStack = server.makeAnalyzeStackRpcFun("bench", "0.0.1", "advisory", policies);
            let start = process.hrtime.bigint();
            for (const request of requests) await invoke(analyze, request);
            const analyzeMs = Number(process.hrtime.bigint() - start) / 1e6;
            start = process.hrtime.bigint();
            await invoke(analyzeStack, stackRequest);
            const stackMs = Number(process.hrtime.bigint() - start) / 1e6;
            console.error(`round ${round + 1} ${name}: Analyze ${analyzeMs.toFixed(0)} ms, AnalyzeStack ${stackMs.toFixed(0)} ms`);
            const previous = best[name];
            if (!previous || analyzeMs + stackMs < previous.analyze + previous.stack) best[name] = { analyze: analyzeMs, stack: stackMs };
        }
    }
    const s = (ms: number) => (ms / 1000).toFixed(2);
    console.log(`| pack | resources | Analyze s | AnalyzeStack s |\n|---|---:|---:|---:|`);
    for (const name of Object.keys(best)) console.log(`| ${name} | ${inventory.length} | ${s(best[name].analyze)} | ${s(best[name].stack)} |`);
}

main(process.argv[2] ?? "/tmp/inventory.json", process.argv[3] ?? "production", Number(process.argv[4] ?? 2)).catch((error) => {
    console.error(error);
    process.exit(1);
});
