// End to end through @pulumi/policy's own analyzer RPC handlers (the code `pulumi preview` talks
// to over gRPC), with real protobuf requests: proves the levels the engine will see, including
// that a preview skip arrives as an ADVISORY diagnostic from a MANDATORY policy.

import { strict as assert } from "assert";
import { Policies } from "@pulumi/policy";
import { allPolicies } from "../policies";
import { Fixture, urnOf, withProp } from "./helpers/harness";
import { UNKNOWN_STRING, budget, runService, serviceIamMember } from "./helpers/fixtures";

// The policy server's internals and the protobuf classes have no TypeScript declarations that
// expose these members, so each is given the narrow shape this test uses.
interface Message {
    [method: string]: (...args: unknown[]) => unknown;
}
type MessageClass = new () => Message;
type RpcHandler = (call: { request: Message }, callback: (error: unknown, response?: Message) => void) => void;

const server = require("@pulumi/policy/server") as {
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policies): RpcHandler;
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policies): RpcHandler;
};
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb") as Record<string, MessageClass> & { EnforcementLevel: Record<string, number> };
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(value: unknown): unknown } };

interface Diagnostic {
    readonly policy: string;
    readonly level: "advisory" | "mandatory";
    readonly message: string;
}

function describeResource<T extends Message>(message: T, fixture: Fixture): T {
    message.setType(fixture.type);
    message.setName(fixture.name);
    message.setUrn(urnOf(fixture.type, fixture.name));
    message.setProperties(Struct.fromJavaScript(fixture.props));
    message.setOptions(new analyzer.AnalyzerResourceOptions());
    return message;
}

async function invoke(handler: RpcHandler, request: Message): Promise<Diagnostic[]> {
    const response = await new Promise<Message>((resolve, reject) =>
        handler({ request }, (error, result) => (error || !result ? reject(error) : resolve(result))),
    );
    return (response.getDiagnosticsList() as Message[]).map((diagnostic) => ({
        policy: String(diagnostic.getPolicyname()),
        level: diagnostic.getEnforcementlevel() === analyzer.EnforcementLevel.MANDATORY ? "mandatory" : "advisory",
        message: String(diagnostic.getMessage()),
    }));
}

function analyze(fixture: Fixture): Promise<Diagnostic[]> {
    const handler = server.makeAnalyzeRpcFun("mindmirror-gcp-platform", "0.1.0", "advisory", allPolicies);
    return invoke(handler, describeResource(new analyzer.AnalyzeRequest(), fixture));
}

function analyzeStack(fixtures: Fixture[]): Promise<Diagnostic[]> {
    const handler = server.makeAnalyzeStackRpcFun("mindmirror-gcp-platform", "0.1.0", "advisory", allPolicies);
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(fixtures.map((fixture) => describeResource(new analyzer.AnalyzerResource(), fixture)));
    return invoke(handler, request);
}

describe("through the CrossGuard policy server", () => {
    it("reports nothing for a compliant service", async () => {
        assert.deepEqual(await analyze(runService()), []);
    });

    it("reports a public internal service as a mandatory violation with the policy's description first", async () => {
        const diagnostics = await analyze(withProp(runService(), "ingress", "INGRESS_TRAFFIC_ALL"));
        assert.deepEqual(diagnostics.map((d) => [d.policy, d.level]), [["gcp-cloudrun-internal-ingress", "mandatory"]]);
        assert.match(diagnostics[0].message, /\nCloud Run service 'journal' accepts traffic from the internet/);
    });

    it("turns an unknown ingress into an advisory, not a pass and not a block", async () => {
        const diagnostics = await analyze(withProp(runService(), "ingress", UNKNOWN_STRING));
        assert.deepEqual(diagnostics.map((d) => [d.policy, d.level]), [["gcp-cloudrun-internal-ingress", "advisory"]]);
        assert.match(diagnostics[0].message, /can't run policy 'gcp-cloudrun-internal-ingress' .* during preview: The ingress of Cloud Run service 'journal' is unknown at preview/);
    });

    it("blocks allUsers on a service whose name is unknown when no service may be public", async () => {
        const diagnostics = await analyze(withProp(serviceIamMember("journal", "allUsers", "journal-public"), "name", UNKNOWN_STRING));
        assert.deepEqual(diagnostics.map((d) => [d.policy, d.level]), [["gcp-cloudrun-internal-ingress", "mandatory"]]);
    });

    it("runs the stack policy on the stack's resources", async () => {
        const diagnostics = await analyzeStack([budget("500"), runService()]);
        assert.deepEqual(diagnostics.map((d) => [d.policy, d.level]), [["gcp-budget-caps", "mandatory"]]);
        assert.match(diagnostics[0].message, /Budget 'monthly-budget' allows 500 USD a month, more than this stack's cap of 100 USD/);
    });
});
