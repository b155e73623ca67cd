import fs from "node:fs";
import { env } from "~/env.server";

/** Every file in the document store, by path. */
export function storedFiles(): string[] {
  const dir = env().UPLOAD_DIR;
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(`${dir}/${f}`).isFile())
    .sort();
}
