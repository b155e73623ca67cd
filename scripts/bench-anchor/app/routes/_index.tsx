// The anchor's one route: a tiny JSON loader, rendered into the root document.
import { useLoaderData } from "@remix-run/react";

export function loader() {
  return { brand: "Bench" };
}

export default function Index() {
  const { brand } = useLoaderData<typeof loader>();
  return <p>{brand}</p>;
}
