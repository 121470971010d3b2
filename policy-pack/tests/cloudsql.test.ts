import { strict as assert } from "assert";
import { sqlBackupsPolicy, sqlDeletionProtectionPolicy, sqlPrivateIpPolicy, sqlSslPolicy } from "../policies/cloudsql";
import { Fixture, runResourcePolicy, withProp, withProps } from "./helpers/harness";
import { UNKNOWN_BOOLEAN, UNKNOWN_STRING, runService, sqlInstance } from "./helpers/fixtures";

describe("Cloud SQL guard rails", () => {
    describe("gcp-cloudsql-private-ip", () => {
        const run = (fixture: Fixture, config: object = {}) => runResourcePolicy(sqlPrivateIpPolicy, fixture, config);

        it("passes a private instance, and ignores other types", async () => {
            assert.deepEqual((await run(sqlInstance())).messages, []);
            assert.ok((await run(runService())).notApplicable);
        });

        it("flags ipv4Enabled unset, which means a public IP", async () => {
            assert.deepEqual((await run(withProp(sqlInstance(), "settings.ipConfiguration.ipv4Enabled", undefined))).messages, [
                "Cloud SQL instance 'main' (main-pg) has a public IPv4 address: settings.ipConfiguration.ipv4Enabled is unset, which means true. Set ipv4Enabled to false and connect over private IP (privateNetwork) instead.",
            ]);
        });

        it("flags a missing ipConfiguration block the same way", async () => {
            assert.equal((await run(withProp(sqlInstance(), "settings.ipConfiguration", undefined))).messages.length, 1);
        });

        it("flags ipv4Enabled true and mentions an open authorized network", async () => {
            const open = withProps(sqlInstance(), {
                "settings.ipConfiguration.ipv4Enabled": true,
                "settings.ipConfiguration.authorizedNetworks": [{ name: "anyone", value: "0.0.0.0/0" }],
            });
            assert.match((await run(open)).messages[0], /ipv4Enabled is true, and authorizedNetworks lets in 0\.0\.0\.0\/0\./);
        });

        it("skips exempt instances and defers unknowns", async () => {
            const publicOne = withProp(sqlInstance(), "settings.ipConfiguration.ipv4Enabled", true);
            assert.deepEqual((await run(publicOne, { exemptInstances: ["ma*"] })).messages, []);
            const unknown = await run(withProp(sqlInstance(), "settings.ipConfiguration.ipv4Enabled", UNKNOWN_BOOLEAN));
            assert.deepEqual(unknown.messages, []);
            assert.match(unknown.advisories[0], /Whether Cloud SQL instance 'main' \(main-pg\) has a public IP is unknown at preview\./);
        });
    });

    describe("gcp-cloudsql-ssl", () => {
        const run = (fixture: Fixture) => runResourcePolicy(sqlSslPolicy, fixture);

        it("passes ENCRYPTED_ONLY, client certificates and the legacy requireSsl", async () => {
            assert.deepEqual((await run(sqlInstance())).messages, []);
            assert.deepEqual((await run(withProp(sqlInstance(), "settings.ipConfiguration.sslMode", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"))).messages, []);
            const legacy = withProps(sqlInstance(), { "settings.ipConfiguration.sslMode": undefined, "settings.ipConfiguration.requireSsl": true });
            assert.deepEqual((await run(legacy)).messages, []);
        });

        it("flags sslMode unset", async () => {
            assert.deepEqual((await run(withProp(sqlInstance(), "settings.ipConfiguration.sslMode", undefined))).messages, [
                "Cloud SQL instance 'main' (main-pg) accepts unencrypted connections: settings.ipConfiguration.sslMode is unset, which means ALLOW_UNENCRYPTED_AND_ENCRYPTED. Set sslMode to ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED.",
            ]);
        });

        it("flags ALLOW_UNENCRYPTED_AND_ENCRYPTED", async () => {
            assert.match((await run(withProp(sqlInstance(), "settings.ipConfiguration.sslMode", "ALLOW_UNENCRYPTED_AND_ENCRYPTED"))).messages[0], /sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED\./);
        });

        it("flags requireSsl false with no sslMode", async () => {
            const fixture = withProps(sqlInstance(), { "settings.ipConfiguration.sslMode": undefined, "settings.ipConfiguration.requireSsl": false });
            assert.equal((await run(fixture)).messages.length, 1);
        });
    });

    describe("gcp-cloudsql-backups", () => {
        const run = (fixture: Fixture, config: object = { requirePitr: true }) => runResourcePolicy(sqlBackupsPolicy, fixture, config);

        it("passes backups with PITR, and a zonal staging instance without PITR when not required", async () => {
            assert.deepEqual((await run(sqlInstance())).messages, []);
            const noPitr = withProp(sqlInstance(), "settings.backupConfiguration.pointInTimeRecoveryEnabled", false);
            assert.deepEqual((await run(noPitr, { requirePitr: false })).messages, []);
        });

        it("skips read replicas, which cannot have backups of their own", async () => {
            const replica = withProps(sqlInstance("main-replica"), { masterInstanceName: "main-pg", "settings.backupConfiguration": undefined });
            assert.deepEqual((await run(replica)).messages, []);
        });

        it("flags backups unset", async () => {
            const outcome = await run(withProp(sqlInstance(), "settings.backupConfiguration.enabled", undefined));
            assert.deepEqual(outcome.messages, [
                "Cloud SQL instance 'main' (main-pg) takes no automated backups: settings.backupConfiguration.enabled is unset, which means false. Set it to true.",
            ]);
        });

        it("flags PITR off when required", async () => {
            const outcome = await run(withProp(sqlInstance(), "settings.backupConfiguration.pointInTimeRecoveryEnabled", false));
            assert.deepEqual(outcome.messages, [
                "Cloud SQL instance 'main' (main-pg) cannot be restored to a point in time: settings.backupConfiguration.pointInTimeRecoveryEnabled is false. Set it to true.",
            ]);
        });

        it("reads binaryLogEnabled for MySQL", async () => {
            const mysql = withProp(sqlInstance(), "databaseVersion", "MYSQL_8_0");
            assert.match((await run(mysql)).messages[0], /settings\.backupConfiguration\.binaryLogEnabled is unset/);
            assert.deepEqual((await run(withProp(mysql, "settings.backupConfiguration.binaryLogEnabled", true))).messages, []);
        });

        it("flags a whole missing backupConfiguration twice (backups and PITR)", async () => {
            assert.equal((await run(withProp(sqlInstance(), "settings.backupConfiguration", undefined))).messages.length, 2);
        });
    });

    describe("gcp-cloudsql-deletion-protection", () => {
        const run = (fixture: Fixture, config: object = { requireDeletionProtection: true }) => runResourcePolicy(sqlDeletionProtectionPolicy, fixture, config);

        it("passes both protections, and the provider default for deletionProtection", async () => {
            assert.deepEqual((await run(sqlInstance())).messages, []);
            assert.deepEqual((await run(withProp(sqlInstance(), "deletionProtection", undefined))).messages, []);
        });

        it("passes anything when the stack does not require it", async () => {
            const unprotected = withProps(sqlInstance(), { deletionProtection: false, "settings.deletionProtectionEnabled": false });
            assert.deepEqual((await run(unprotected, { requireDeletionProtection: false })).messages, []);
        });

        it("flags deletionProtection false", async () => {
            assert.deepEqual((await run(withProp(sqlInstance(), "deletionProtection", false))).messages, [
                "Cloud SQL instance 'main' (main-pg) can be deleted by a Pulumi update: deletionProtection is false. Remove it or set it to true.",
            ]);
        });

        it("flags settings.deletionProtectionEnabled unset", async () => {
            assert.deepEqual((await run(withProp(sqlInstance(), "settings.deletionProtectionEnabled", undefined))).messages, [
                "Cloud SQL instance 'main' (main-pg) can be deleted outside Pulumi (console, gcloud, API): settings.deletionProtectionEnabled is unset, which means false. Set it to true.",
            ]);
        });

        it("flags both at once, and defers unknowns", async () => {
            const both = withProps(sqlInstance(), { deletionProtection: false, "settings.deletionProtectionEnabled": false });
            assert.equal((await run(both)).messages.length, 2);
            const unknown = await run(withProp(sqlInstance(), "deletionProtection", UNKNOWN_STRING));
            assert.match(unknown.advisories[0], /The deletion protection of Cloud SQL instance 'main' \(main-pg\) is unknown at preview/);
        });
    });
});
