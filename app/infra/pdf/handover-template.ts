/**
 * The discharge and handover pack (issue 25): the same pack twice, in the patient's language
 * and then in English, each half in its own direction (Arabic and Persian right to left), each
 * starting on a new page. Tables run from the start edge, so a right-to-left half mirrors.
 */
export const HANDOVER = String.raw`
// Which half a page belongs to, so its footer reads "Page 2 of 3" in that half's language.
#let half = state("half", 0)
#set page(footer: context {
  let part = data.parts.at(half.get())
  let digits(n) = str(n).clusters().map(c => {
    let i = "0123456789".position(c)
    if i == none { c } else { part.digits.at(i) }
  }).join()
  set text(7.5pt, fill: muted, lang: part.lang, dir: if part.dir == "rtl" { rtl } else { ltr })
  align(center, rich(part.pageLabel, slots: (
    page: digits(here().page()),
    pages: digits(counter(page).final().first()),
  )))
})

#for (i, part) in data.parts.enumerate() {
  if i > 0 { pagebreak() }
  half.update(i)
  set text(lang: part.lang, dir: if part.dir == "rtl" { rtl } else { ltr })
  letterhead(part.clinic)
  doc-title(part.heading)
  facts(part.facts, columns: 1)

  let grid-table(columns, head, rows, empty) = {
    if rows.len() == 0 {
      block(above: 0.4em, text(fill: muted, rich(empty)))
    } else {
      table(
        columns: columns,
        inset: (x: 4pt, y: 4pt),
        align: start + top,
        stroke: (x, y) => (bottom: 0.5pt + rule-color),
        fill: (x, y) => if y == 0 { band },
        table.header(..head.map(c => text(7.5pt, weight: "bold", fill: muted, rich(c)))),
        ..rows.map(r => r.map(c => rich(c))).flatten(),
      )
    }
  }

  section(part.labels.treatment)
  grid-table((1fr, auto), part.treatment.head, part.treatment.rows, part.treatment.empty)

  section(part.labels.medication)
  grid-table((1.4fr, 1fr, 1fr, auto), part.medication.head, part.medication.rows, part.medication.empty)

  section(part.labels.plan)
  grid-table((1fr, auto, auto), part.plan.head, part.plan.rows, part.plan.empty)
  if part.instructions != none {
    block(above: 0.6em, breakable: true, rich(part.instructions))
  }

  section(part.labels.warnings)
  // The bar runs down the start edge: the left in a left-to-right half, the right otherwise.
  block(inset: (x: 6pt, y: 5pt),
    stroke: if part.dir == "rtl" { (right: 2pt + alert) } else { (left: 2pt + alert) },
    rich(part.warnings))

  if part.results.rows.len() > 0 {
    section(part.labels.results)
    grid-table((1fr, auto, auto, 1.2fr), part.results.head, part.results.rows, part.results.empty)
  }

  section(part.labels.contacts)
  facts(part.contacts, columns: 1)
  v(1em)
  small(part.footer)
}
`;
