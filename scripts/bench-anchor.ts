/**
 * The benchmark's anchor (issue 21): a truly bare Remix 2.17 app, built in a temporary folder
 * from the sources in scripts/bench-anchor/ with the SAME installed packages as the app (its
 * node_modules is a symlink to ours, and the compiler is our own @remix-run/dev), and served
 * in the same shape (Express, the static middleware, Remix's handler in production mode, on
 * loopback). Nothing is downloaded. `npm run bench` drives it in alternation with the app's
 * targets, so each ratio to it comes from one run on the same loaded machine.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port.mjs";

const SOURCE = path.resolve("scripts/bench-anchor");

/** Builds the anchor in a fresh temporary folder and returns that folder. */
export function buildAnchor(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mt-anchor-"));
  fs.cpSync(SOURCE, dir, { recursive: true });
  fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
  // The build is an ES module, like the app's; the versions are whatever is installed.
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "bench-anchor", private: true, type: "module", sideEffects: false }),
  );
  execFileSync(
    process.execPath,
    [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"],
    {
      cwd: dir,
      stdio: "pipe",
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  return dir;
}

/** Starts the anchor's server from its folder on a free loopback port. */
export async function startAnchor(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/`);
      if (res.ok && (await res.text()).includes("<p>Bench</p>")) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("anchor did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child };
}
