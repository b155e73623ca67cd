/**
 * The request guard's decisions, for every kind of request a browser or a script can send,
 * and the one list it keeps by hand (routes that take files) checked against the routes.
 * tests/e2e/http-attacks.test.ts sends the same over HTTP to the production server.
 */
import fs from "node:fs";
import { MATRIX } from "../../tests/security/routes";
import { checkRequest, routePath, takesUploads, type RequestFacts } from "./http-guard.server";

const APP = "http://localhost:3999"; // APP_URL in tests

function facts(
  method: string,
  path: string,
  headers: Record<string, string>,
  ownOrigin = "http://10.0.0.5:8080",
): RequestFacts {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, path, header: (n) => lower[n.toLowerCase()], ownOrigin };
}

const form = { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "10" };

describe("cross-site writes", () => {
  it.each([
    ["a foreign Origin", { Origin: "https://evil.example" }],
    ["Origin: null", { Origin: "null" }],
    ["a foreign Referer and no Origin", { Referer: "https://evil.example/x" }],
    ["neither Origin nor Referer", {}],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site", Origin: APP }],
    ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site", Origin: APP }],
    ["an origin differing only in scheme", { Origin: "https://localhost:3999" }],
    ["an origin differing only in port", { Origin: "http://localhost:4000" }],
    ["a look-alike host", { Origin: "http://localhost:3999.evil.example" }],
  ])("refuses a POST with %s", (_name, headers) => {
    expect(checkRequest(facts("POST", "/login", { ...form, ...headers }))).toEqual({
      status: 403,
      key: "crossSite",
    });
  });

  it.each(["PUT", "PATCH", "DELETE"])("refuses a cross-site %s", (method) => {
    expect(checkRequest(facts(method, "/x", { Origin: "https://evil.example" }))?.status).toBe(403);
  });

  it("lets the app's own origin through, from APP_URL or the address reached, and by Referer", () => {
    expect(checkRequest(facts("POST", "/login", { ...form, Origin: APP }))).toBeNull();
    expect(
      checkRequest(facts("POST", "/login", { ...form, Origin: "http://10.0.0.5:8080" })),
    ).toBeNull();
    expect(checkRequest(facts("POST", "/login", { ...form, Referer: `${APP}/login` }))).toBeNull();
    expect(
      checkRequest(
        facts("POST", "/login", { ...form, Origin: APP, "Sec-Fetch-Site": "same-origin" }),
      ),
    ).toBeNull();
  });

  it("never looks at GET, HEAD or OPTIONS, and lets the signed webhook through from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(checkRequest(facts(method, "/x", { Origin: "https://evil.example" }))).toBeNull();
    }
    expect(
      checkRequest(
        facts("POST", "/webhooks/stripe", {
          "Content-Type": "application/json",
          "Content-Length": "100",
        }),
      ),
    ).toBeNull();
  });

  it("treats a single-fetch .data post as its page's own post", () => {
    expect(routePath("/portal/auth.data")).toBe("/portal/auth");
    expect(routePath("/_root.data")).toBe("/");
  });
});

describe("bodies", () => {
  it("refuses a declared length over 1 MB before reading, except where files are taken", () => {
    const big = { Origin: APP, "Content-Type": "multipart/form-data; boundary=x" };
    expect(
      checkRequest(facts("POST", "/login", { ...big, "Content-Length": String(2 * 1024 ** 2) })),
    ).toEqual({ status: 413, key: "tooLarge" });
    expect(
      checkRequest(facts("POST", "/enquire", { ...big, "Content-Length": String(20 * 1024 ** 2) })),
    ).toBeNull();
    expect(
      checkRequest(
        facts("POST", "/enquire", { ...big, "Content-Length": String(200 * 1024 ** 2) }),
      ),
    ).toEqual({ status: 413, key: "tooLarge" });
    // An upload route's limit is for files only: a big urlencoded body there is refused.
    expect(
      checkRequest(
        facts("POST", "/enquire", {
          ...form,
          Origin: APP,
          "Content-Length": String(2 * 1024 ** 2),
        }),
      ),
    ).toEqual({ status: 413, key: "tooLarge" });
    expect(
      checkRequest(
        facts("POST", "/webhooks/stripe", {
          "Content-Type": "application/json",
          "Content-Length": String(8 * 1024 ** 2),
        }),
      ),
    ).toEqual({ status: 413, key: "tooLarge" });
  });

  it("answers a body that is not a form, or a length that is no length, with 400", () => {
    for (const type of ["application/json", "text/plain", "application/xml", ""]) {
      expect(
        checkRequest(
          facts("POST", "/login", { Origin: APP, "Content-Type": type, "Content-Length": "5" }),
        ),
        type,
      ).toEqual({ status: 400, key: "contentType" });
    }
    expect(
      checkRequest(facts("POST", "/login", { ...form, Origin: APP, "Content-Length": "-1" })),
    ).toEqual({ status: 400, key: "contentType" });
    // An empty post (sign out) needs no type.
    expect(
      checkRequest(facts("POST", "/logout", { Origin: APP, "Content-Length": "0" })),
    ).toBeNull();
  });

  it("knows every route that reads files, and no other", () => {
    const readsFiles = Object.entries(MATRIX)
      .filter(([file]) => {
        const source = fs.readFileSync(`app/routes/${file}`, "utf8");
        // Read by hand with file limits, or through readSubmission with limits (its 4th argument).
        return (
          /readForm\(request, \{[^}]*maxFiles: (?!0\b)/s.test(source) ||
          /readSubmission\(\s*request,\s*\w+,\s*\w+,\s*[^)\s]/s.test(source)
        );
      })
      .map(([, row]) => row.path({ caseId: "c1", followUpId: "f1" } as never));
    expect(readsFiles.length).toBeGreaterThanOrEqual(4);
    for (const path of readsFiles) expect(takesUploads(path), path).toBe(true);
    for (const [file, row] of Object.entries(MATRIX)) {
      const path = row.path({
        caseId: "c1",
        followUpId: "f1",
        emailId: "e1",
        documentId: "d1",
        quoteId: "q1",
        paymentId: "p1",
        appointmentId: "a1",
      });
      if (!readsFiles.includes(path)) expect(takesUploads(path), file).toBe(false);
    }
  });
});
