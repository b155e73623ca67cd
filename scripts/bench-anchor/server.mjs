// The anchor's server: the same shape as the app's server.mjs (Express, the static
// middleware for public/build and public, Remix's request handler in production mode, on
// loopback), with nothing else: no security headers, no guard, no database.
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
const app = express();
app.disable("x-powered-by");
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
