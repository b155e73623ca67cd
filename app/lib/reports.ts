/** The management reports' names and groupings, shared by the server and the page. */
export const REPORTS = ["funnel", "stage-time", "first-response", "revenue", "follow-ups"] as const;
export type ReportName = (typeof REPORTS)[number];
export const DIMENSIONS = ["all", "programme", "country", "language"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
