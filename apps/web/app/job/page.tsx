import type { Metadata } from 'next'
import { JobProgress } from './job-progress'

export const metadata: Metadata = { title: 'Long job · streamkit' }

export default function JobPage() {
  return (
    <>
      <h1>Long job</h1>
      <p className="lead">
        A server job reports its progress as server-sent events (<code>event: progress</code>, then{' '}
        <code>event: done</code>); stream-react&apos;s <code>useStream</code> folds them into this progress
        bar. If the connection drops, it reconnects with <code>Last-Event-ID</code> and the job resumes where
        it was.
      </p>
      <JobProgress />
    </>
  )
}
