// The shared readers: unknowns behind the real CrossGuard proxy, IAM shapes, secret names.

import { strict as assert } from "assert";
import * as policyRuntime from "@pulumi/policy";
import { UNKNOWN, get, num, plain, str } from "../lib/props";
import { iamKind, isHierarchyIam, isPublicPrincipal, readGrants } from "../lib/iam";
import { isHarmlessValue, nameWords, secretNameReason } from "../lib/secrets";
import { globToRegExp, lastSegment } from "../lib/names";
import { PLAINTEXT_SECRETS_DEFAULTS } from "../policies/plaintextSecrets";
import { UNKNOWN_NUMBER, UNKNOWN_STRING } from "./helpers/fixtures";

const proxy = (policyRuntime as unknown as { unknownCheckingProxy<T extends object>(target: T): T }).unknownCheckingProxy;

describe("lib", () => {
    describe("plain()", () => {
        it("turns the proxy's unknowns into UNKNOWN and keeps everything else", () => {
            const props = proxy({ a: { b: UNKNOWN_STRING, c: "known" }, list: [1, UNKNOWN_NUMBER], flag: false });
            const copy = plain(props);
            assert.equal(get(copy, "a", "b"), UNKNOWN);
            assert.equal(str(get(copy, "a", "c")), "known");
            assert.deepEqual([num(get(copy, "list", 0)), get(copy, "list", 1)], [1, UNKNOWN]);
            assert.equal(get(copy, "flag"), false);
        });

        it("keeps UNKNOWN when copying plain data again", () => {
            assert.equal(get(plain(plain(proxy({ a: UNKNOWN_STRING }))), "a"), UNKNOWN);
        });

        it("reports a whole subtree as unknown when a parent is", () => {
            const copy = plain(proxy({ template: UNKNOWN_STRING }));
            assert.equal(get(copy, "template", "scaling", "maxInstanceCount"), UNKNOWN);
            assert.equal(get(copy, "missing", "deeper"), undefined);
        });
    });

    describe("IAM shapes", () => {
        it("recognises member, binding and policy resources of any service, but not removals", () => {
            assert.equal(iamKind("gcp:projects/iAMMember:IAMMember"), "member");
            assert.equal(iamKind("gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding"), "binding");
            assert.equal(iamKind("gcp:storage/bucketIAMPolicy:BucketIAMPolicy"), "policy");
            assert.equal(iamKind("gcp:projects/iamMemberRemove:IamMemberRemove"), undefined);
            assert.equal(iamKind("gcp:iam/denyPolicy:DenyPolicy"), undefined);
            assert.ok(isHierarchyIam("gcp:folder/iAMBinding:IAMBinding"));
            assert.ok(!isHierarchyIam("gcp:secretmanager/secretIamMember:SecretIamMember"));
        });

        it("reads policyData, and says when it is not JSON", () => {
            const read = readGrants("gcp:projects/iAMPolicy:IAMPolicy", { policyData: JSON.stringify({ bindings: [{ role: "r", members: ["a", "b"] }] }) });
            assert.deepEqual(read.grants, [{ role: "r", member: "a" }, { role: "r", member: "b" }]);
            assert.equal(readGrants("gcp:projects/iAMPolicy:IAMPolicy", { policyData: "{" }).invalid, "policyData is not valid JSON");
        });

        it("knows the public principals", () => {
            assert.ok(isPublicPrincipal("allUsers") && isPublicPrincipal("allAuthenticatedUsers") && isPublicPrincipal("principalSet://goog/public:all"));
            assert.ok(!isPublicPrincipal("user:all@x.io"));
        });
    });

    describe("secret names", () => {
        const reason = (name: string) => secretNameReason(name, PLAINTEXT_SECRETS_DEFAULTS);

        it("splits names in every case style", () => {
            assert.deepEqual(nameWords("ordersDbPassword"), ["orders", "db", "password"]);
            assert.deepEqual(nameWords("OPENAI_API_KEY"), ["openai", "api", "key"]);
            assert.deepEqual(nameWords("HTTPSProxyURL"), ["https", "proxy", "url"]);
        });

        it("treats references and settings as safe, connection strings and keys as secrets", () => {
            for (const safe of ["DATABASE_URL_FILE", "JWT_SECRET_PATH", "SECRET_NAME", "AUTH_URL", "TOKEN_TTL", "PUBLIC_KEY", "OAUTH_CLIENT_ID", "AUTHOR"]) {
                assert.equal(reason(safe), undefined, safe);
            }
            for (const secret of ["DATABASE_URL", "DB_DSN", "REDIS_PASSWORD", "apiKey", "PRIVATE_KEY", "ENCRYPTION_KEY", "BASIC_AUTH", "GOOGLE_APPLICATION_CREDENTIALS"]) {
                assert.ok(reason(secret), secret);
            }
        });

        it("lets paths, flags and Secret Manager references through", () => {
            assert.ok(isHarmlessValue("/secrets/db/url"));
            assert.ok(isHarmlessValue("projects/p/secrets/s/versions/latest"));
            assert.ok(!isHarmlessValue("hunter2"));
        });
    });

    describe("names", () => {
        it("takes the last path segment and matches globs literally otherwise", () => {
            assert.equal(lastSegment("projects/p/locations/l/services/gateway"), "gateway");
            assert.ok(globToRegExp("db-custom-*").test("db-custom-2-7680"));
            assert.ok(!globToRegExp("db.f1").test("dbxf1"));
        });
    });
});
