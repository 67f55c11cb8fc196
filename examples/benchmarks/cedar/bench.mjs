// Times Cedar's isAuthorized (wasm, preparsed policy set) on the benchmarks' requests, one call at a time, as the
// JMH latency benchmark times channel-policy: node bench.mjs REQUESTS.jsonl [CALLS]. Prints p50, p99 and mean in µs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";

const here = dirname(fileURLToPath(import.meta.url));
const [file, callsArg] = process.argv.slice(2);
const calls = Number(callsArg ?? 200000);
const policies = readFileSync(join(here, "policy.cedar"), "utf8");
const parsed = cedar.preparsePolicySet("dh", { staticPolicies: policies });
if (parsed.type !== "success") {
  throw new Error(JSON.stringify(parsed.errors));
}
const civilService = new Set(["official", "communications-division", "private-office"]);
const types = { corporate: "corporate", official: "official", personal: "personal" };

// A request of the contract, as Cedar sees it: the actor an entity with its role, the channel an entity with its type.
function call(request) {
  const owner = request.channel.owner;
  const type = request.channel.type ?? (owner == null ? "corporate" : owner.capacity === "personal" ? "personal" : "official");
  return {
    principal: { type: "Person", id: request.actor.id ?? "someone" },
    action: { type: "Action", id: request.action },
    resource: { type: "Channel", id: request.channel.handle ?? "channel" },
    context: { content: request.content, ownChannel: owner != null && owner.id === request.actor.id },
    preparsedPolicySetId: "dh",
    entities: [
      { uid: { type: "Person", id: request.actor.id ?? "someone" }, attrs: { role: request.actor.role,
        civilService: civilService.has(request.actor.role) }, parents: [] },
      { uid: { type: "Channel", id: request.channel.handle ?? "channel" }, attrs: { type: types[type] }, parents: [] },
    ],
  };
}

const requests = readFileSync(file, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => call(JSON.parse(line)));
let allowed = 0;
for (let i = 0; i < Math.min(calls, 20000); i++) { // warm-up
  cedar.statefulIsAuthorized(requests[i % requests.length]);
}
const times = new Float64Array(calls);
for (let i = 0; i < calls; i++) {
  const started = process.hrtime.bigint();
  const answer = cedar.statefulIsAuthorized(requests[i % requests.length]);
  times[i] = Number(process.hrtime.bigint() - started) / 1000;
  if (answer.type !== "success") {
    throw new Error(JSON.stringify(answer.errors));
  }
  if (answer.response.decision === "allow") {
    allowed++;
  }
}
times.sort();
const mean = times.reduce((a, b) => a + b, 0) / calls;
console.log(`cedar-wasm ${cedar.getCedarSDKVersion()} calls=${calls} requests=${requests.length} allowed=${allowed}`
  + ` p50_us=${times[Math.floor(calls * 0.5)].toFixed(3)} p99_us=${times[Math.floor(calls * 0.99)].toFixed(3)} mean_us=${mean.toFixed(3)}`);
