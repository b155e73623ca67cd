/**
 * A TCP port free on the loopback interface right now: the system picks one for a listener that
 * is closed at once. Used by the scripts and the browser tests that start servers (PostgreSQL,
 * the app, the bench's anchor, HAProxy). Another process could take the port before the caller
 * binds it; on a test machine that is rare, and the caller's server then fails loudly.
 */
import net from "node:net";

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}
