/**
 * Release-aware calls (docs/annotations.md#call-effects): a lock the callee releases orders
 * nothing the callee acquires after the release. The fixtures under test-fixtures/calls/release-*
 * check which edges exist; this checks the evidence a user follows: the call chain of an edge
 * made through a releasing helper goes through what happens before the release.
 */
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "./runCli";

interface SarifResult {
  locations: { physicalLocation: { region: { startLine: number } } }[];
  codeFlows?: { threadFlows: { locations: { location: { message: { text: string }; physicalLocation: { region: { startLine: number } } } }[] }[] }[];
}

describe("the call chain through a releasing helper", () => {
  test("goes through the acquisition made while the caller's lock is held, not the one after the release", async () => {
    const { stdout } = await runCli(["check", "--format", "sarif", "test-fixtures/calls/release-evidence"]);
    const results = (JSON.parse(stdout) as { runs: { results: SarifResult[] }[] }).runs[0].results;
    const atCaller = results.find((r) => r.locations[0].physicalLocation.region.startLine === 24);
    assert.ok(atCaller?.codeFlows, "the inversion at caller's call has a code flow");
    const steps = atCaller.codeFlows[0].threadFlows[0].locations.map((l) => `${l.location.message.text} @${l.location.physicalLocation.region.startLine}`);
    assert.deepEqual(steps, ["caller calls dropAndRetake @24", "dropAndRetake calls takeX @16", "takeX acquires 'evidence X' @10"]);
  });
});
