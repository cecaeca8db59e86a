import { buildSearchIndex } from '@/lib/search/build-index'

// Rendered once by `next build` from the MDX sources: the client fetches a static JSON file.
export const dynamic = 'force-static'

export async function GET(): Promise<Response> {
  return Response.json(await buildSearchIndex(process.cwd()))
}
