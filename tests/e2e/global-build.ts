/**
 * Once per `npm run test:e2e`: build the app, then tell every file's `buildApp()` that the build
 * is there. Files run two at a time; a second `remix build` while another file's server reads
 * public/build would empty that folder under it.
 */
import { buildApp } from "./harness";

export default function setup() {
  buildApp();
  process.env.E2E_BUILT = "1";
}
