/** One page in the search index, built from its MDX source at build time. */
export interface SearchEntry {
  href: string
  title: string
  section: string
  headings: { text: string; id: string }[]
  /** The page's prose and code as plain text. */
  text: string
}

/** A page that matches a query, with the place to land on and a snippet around the match. */
export interface SearchResult {
  href: string
  title: string
  section: string
  snippet: string
}
