/**
 * The Typst templates of the PDF documents (ADR 019). They are TypeScript strings, not .typ
 * files, so that the server build (Remix's classic compiler bundles app/ into build/) carries
 * them without any file lookup at run time.
 *
 * Each template reads its data from `sys.inputs.data` (JSON made by the model) and never
 * evaluates it: every value is a string placed as text, or a list of parts (`rich`): plain
 * text, an identifier in a left-to-right box, or a slot the template fills (page numbers).
 *
 * Everything is written in terms of start and end, never left and right, so a right-to-left
 * document (Arabic, Persian) mirrors as a whole: table columns run from the right, amounts
 * align to the left edge of their column, the totals sit under the amounts.
 */

import { HANDOVER } from "./handover-template";

/** The page, the fonts and the helpers every document shares. */
const BASE = String.raw`
#let data = json(bytes(sys.inputs.data))
#let is-rtl = data.dir == "rtl"

#let ink = rgb("#1b1f24")
#let muted = rgb("#56606b")
#let accent = rgb("#0b4f6c")
#let rule-color = rgb("#b9c3cc")
#let band = rgb("#eef3f6")
#let alert = rgb("#a11a1a")

// Arabic and Persian letters, their digits and punctuation, the joiners Persian writes between
// letters, and the bidi isolates around user text (Noto Sans drew an isolate next to an Arabic
// comma as an empty box) go to Noto Sans Arabic; everything else to Noto Sans. No fallback: a
// character neither font has would show as a box, never as some other machine's font.
#let arabic-script = regex("[\u{0600}-\u{06FF}\u{0750}-\u{077F}\u{08A0}-\u{08FF}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}\u{200C}\u{200D}\u{2066}-\u{2069}]")

#set document(title: data.title, date: none)
#set text(
  font: ((name: "Noto Sans Arabic", covers: arabic-script), "Noto Sans"),
  fallback: false,
  lang: data.lang,
  dir: if is-rtl { rtl } else { ltr },
  size: 9pt,
  fill: ink,
  hyphenate: false,
)
#set par(leading: 0.55em, spacing: 0.75em, justify: false)
#set table(stroke: none)
#set table.cell(breakable: false)
#set grid.cell(breakable: false)
#set list(indent: 0.4em, body-indent: 0.5em, spacing: 0.45em, marker: text(fill: muted)[•])

// The reader's digits for numbers Typst counts itself (page numbers).
#let num(n) = str(n).clusters().map(c => {
  let i = "0123456789".position(c)
  if i == none { c } else { data.digits.at(i) }
}).join()

// A text made of parts: strings as they are, identifiers left to right in a box of their
// own, slots filled here.
#let rich(x, slots: (:)) = {
  if x == none { return [] }
  if type(x) == str { return x }
  if type(x) == array { return x.map(p => rich(p, slots: slots)).join(default: []) }
  if "ltr" in x { return box(text(dir: ltr, x.ltr)) }
  if "slot" in x { return slots.at(x.slot, default: []) }
  []
}

#set page(
  paper: "a4",
  margin: (x: 16mm, top: 14mm, bottom: 17mm),
  footer: context {
    set text(7.5pt, fill: muted)
    align(center, rich(data.pageLabel, slots: (
      page: num(here().page()),
      pages: num(counter(page).final().first()),
    )))
  },
)

#let kicker(s) = block(below: 0.35em, text(8pt, fill: muted, rich(s)))
// The clinic's logo (a file the server maps into the workspace), or nothing.
#let logo = data.at("logo", default: none)
// The top of a document: the clinic's name, and its logo at the end of the line.
#let letterhead(s) = if logo == none { kicker(s) } else {
  block(below: 0.6em, grid(columns: (1fr, auto), align: (start + bottom, end + bottom),
    kicker(s), image(logo, height: 12mm)))
}
#let doc-title(s) = block(above: 0em, below: 0.7em, text(15pt, weight: "bold", rich(s)))
#let section(s) = block(sticky: true, above: 1.05em, below: 0.5em,
  text(10pt, weight: "bold", fill: accent, rich(s)))
#let small(s) = text(7.5pt, fill: muted, rich(s))
#let warning(s) = block(above: 0.2em, below: 0.7em, text(10pt, weight: "bold", fill: alert, rich(s)))

// Label and value pairs: two pairs a row, or one with columns: 1.
#let facts(rows, columns: 2) = {
  let cells = rows.map(r => (text(weight: "bold", fill: muted, rich(r.label)), rich(r.value))).flatten()
  grid(
    columns: if columns == 2 { (auto, 1fr, auto, 1fr) } else { (auto, 1fr) },
    column-gutter: (8pt, 16pt, 8pt),
    row-gutter: 0.55em,
    ..cells,
  )
}

// A list of label and amount rows, aligned to the end, kept together on one page.
#let amounts(rows, width: 60%, labels: end) = align(end, block(breakable: false, width: width, {
  let cells = ()
  for r in rows {
    if r.at("strong", default: false) {
      cells.push(grid.cell(colspan: 2, inset: (y: 0pt), line(length: 100%, stroke: 0.8pt + ink)))
      cells.push(align(labels, text(10.5pt, weight: "bold", rich(r.label))))
      cells.push(align(end, text(10.5pt, weight: "bold", rich(r.amount))))
    } else {
      cells.push(align(labels, rich(r.label)))
      cells.push(align(end, rich(r.amount)))
    }
  }
  grid(columns: (1fr, auto), column-gutter: 14pt, row-gutter: 0.5em, ..cells)
}))
`;

/** The quote: facts, the priced lines as a table, totals, what is not included, terms. */
const QUOTE = String.raw`
#let line-table(lines) = table(
  columns: (1fr, auto, auto, auto, auto, auto),
  inset: (x: 4pt, y: 3pt),
  align: (x, y) => (if x == 0 { start } else { end }) + horizon,
  fill: (x, y) => if y > 0 and calc.even(y) { band },
  table.header(repeat: true, ..data.columns.map(c => text(7.5pt, weight: "bold", fill: muted, c))),
  table.hline(stroke: 0.7pt + rule-color),
  ..lines.map(l => (
    [#l.name \ #text(7pt, fill: muted, l.detail)],
    l.quantity,
    rich(l.unitPrice),
    l.discount,
    [#rich(l.tax) \ #text(7pt, fill: muted, l.taxRule)],
    text(weight: "bold", rich(l.total)),
  )).flatten(),
  table.hline(stroke: 0.7pt + rule-color),
)

#letterhead(data.clinic)
#doc-title(data.heading)
#if data.statusNote != none { warning(data.statusNote) }
#facts(data.facts)
#if data.rateNote != none { block(above: 0.7em, small(data.rateNote)) }

#section(data.labels.included)
#line-table(data.included)
#amounts(data.totals)

#section(data.labels.notIncluded)
#block(below: 0.5em, small(data.labels.notIncludedIntro))
#if data.excluded.len() > 0 { line-table(data.excluded) }
#block(above: 0.5em, list(..data.alwaysExcluded.map(s => text(8pt, s))))

#section(data.labels.schedule)
#amounts(data.schedule, width: 100%, labels: start)

#if data.note != none {
  section(data.labels.note)
  block(breakable: false, text(8.5pt, data.note))
}

#section(data.labels.terms)
#list(..data.terms.map(s => text(7.5pt, s)))
`;

/** The receipt or refund note: who paid what, how, and where the account stands. */
const RECEIPT = String.raw`
#letterhead(data.clinic)
#doc-title(data.heading)
#if data.statusNote != none { warning(data.statusNote) }
#facts(data.facts, columns: 1)

#block(above: 1.2em, below: 1.2em, breakable: false, width: 100%, fill: band, inset: (x: 10pt, y: 9pt), radius: 2pt,
  grid(columns: (1fr, auto), align: horizon,
    text(11pt, weight: "bold", rich(data.amountLabel)),
    text(14pt, weight: "bold", rich(data.amount)),
  ))

#section(data.labels.account)
#amounts(data.account, labels: start)

#v(1.5em)
#small(data.footer)
`;

/** The itinerary: a table per day, times in the patient's zone, local times in the details. */
const ITINERARY = String.raw`
#let widths = (17%, 1fr, 1.25fr)

#letterhead(data.clinic)
#doc-title(data.heading)
#facts(data.facts, columns: 1)
#v(0.6em)

#if data.days.len() == 0 {
  block(above: 1em, data.labels.empty)
} else {
  table(
    columns: widths,
    inset: (x: 4pt, y: 3pt),
    align: start,
    ..data.columns.map(c => text(7.5pt, weight: "bold", fill: muted, c)),
  )
  for day in data.days {
    block(sticky: true, above: 0.7em, below: 0pt, width: 100%, fill: band, inset: (x: 4pt, y: 4pt),
      text(weight: "bold", day.label))
    table(
      columns: widths,
      inset: (x: 4pt, y: 4pt),
      align: start + top,
      stroke: (x, y) => (bottom: 0.5pt + rule-color),
      ..day.entries.map(e => (
        text(weight: "bold", rich(e.time)),
        [#text(weight: "bold", rich(e.title)) #if e.subtitle != none [\ #text(7.5pt, fill: muted, rich(e.subtitle))]],
        e.details.map(d => text(8pt, rich(d))).join(linebreak(), default: []),
      )).flatten(),
    )
  }
}

#v(1.2em)
#line(length: 100%, stroke: 0.5pt + rule-color)
#small(data.contact)
`;

/** The visa invitation letter: a formal letter on the clinic's letterhead. */
const VISA_LETTER = String.raw`
#block(below: 0.9em, grid(columns: (1fr, auto), align: (start + horizon, end + horizon),
  text(15pt, weight: "bold", fill: accent, data.clinic),
  if logo != none { image(logo, height: 16mm) }))
#block(below: 0.6em, {
  set text(8.5pt, fill: muted)
  set par(leading: 0.7em)
  data.address
  linebreak()
  rich(data.contactLine)
})
#line(length: 100%, stroke: 1pt + accent)
#v(0.4em)
#grid(columns: (1fr, auto), rich(data.reference), rich(data.date))
#v(1.2em)
#block(text(weight: "bold", data.to))
#v(0.6em)
#block(text(12pt, weight: "bold", data.heading))
#v(0.2em)
#par(text(10pt, rich(data.body)))

#for person in data.people {
  section(person.heading)
  facts(person.rows, columns: 1)
}

#section(data.labels.dates)
#facts(data.dates, columns: 1)

#v(0.8em)
#par(text(10pt, rich(data.closing)))
#v(1.2em)
#block(breakable: false, {
  text(10pt, data.signature)
  v(11mm)
  block(below: 0.3em, text(10pt, weight: "bold", rich(data.signer)))
  text(9pt, fill: muted, data.unit)
})
`;

/**
 * A signed consent (issue 25): the text exactly as signed (its title, each heading and its
 * paragraphs), then the signature block, kept together: the statement, the typed name, the
 * drawn signature (the image the server maps in as the document's one image, `logo`) or the
 * typed name set in a signature style, and the record: version, language, time in the
 * patient's zone and in UTC, IP, browser, and the SHA-256 of the signed text.
 */
const CONSENT = String.raw`
#kicker(data.clinic)
#v(0.3em)
#doc-title(data.heading)
#block(below: 0.8em, text(8.5pt, fill: muted, rich(data.subtitle)))
#if data.at("notice", default: none) != none { warning(data.notice) }
#block(below: 0.9em, text(12pt, weight: "bold", data.textTitle))
#for s in data.sections {
  section(s.heading)
  for p in s.paragraphs { par(text(9.5pt, rich(p))) }
}
#v(1.2em)
#line(length: 100%, stroke: 0.8pt + rule-color)
#block(breakable: false, {
  section(data.labels.signature)
  par(text(9.5pt, rich(data.statement)))
  v(0.6em)
  if logo != none {
    block(below: 0.3em, image(logo, height: 22mm))
  } else {
    block(below: 0.3em, inset: (y: 4pt),
      skew(ax: -12deg, text(22pt, fill: accent, data.typedName)))
  }
  line(length: 45%, stroke: 0.6pt + ink)
  block(above: 0.3em, below: 1em, text(9pt, rich(data.signedBy)))
  facts(data.record, columns: 1)
})
`;

export const TEMPLATES = {
  quote: BASE + QUOTE,
  receipt: BASE + RECEIPT,
  itinerary: BASE + ITINERARY,
  visaLetter: BASE + VISA_LETTER,
  consent: BASE + CONSENT,
  handover: BASE + HANDOVER,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
