import type { Metadata } from 'next'
import { Inspector } from './inspector'

export const metadata: Metadata = { title: 'Stream inspector · streamkit' }

export default function InspectorPage() {
  return (
    <>
      <h1>Stream inspector</h1>
      <p className="lead">
        Pick an endpoint and watch its response arrive: one mark per chunk the browser received, placed at the
        moment it arrived. Time to first byte and the gaps between chunks show that bytes come in as the
        server produces them, not in one piece at the end.
      </p>
      <Inspector />
    </>
  )
}
