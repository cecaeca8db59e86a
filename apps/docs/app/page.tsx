export default function DocsHome() {
  return (
    <main>
      <h1>streamkit documentation</h1>
      <p>Stream long responses from Next.js Route Handlers without buffering, leaks or lost errors.</p>
    </main>
  )
}
