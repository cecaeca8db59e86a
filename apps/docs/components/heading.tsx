import type { ComponentPropsWithoutRef } from 'react'
import { slugify, textOf } from '@/lib/slug'

type HeadingTag = 'h2' | 'h3' | 'h4'

/** An MDX heading with an id from its text and a visible "#" link to itself. */
export function createHeading(Tag: HeadingTag) {
  function Heading({ children, ...props }: ComponentPropsWithoutRef<HeadingTag>) {
    const text = textOf(children)
    const id = slugify(text)
    return (
      <Tag id={id} {...props}>
        {children}
        <a className="heading-anchor" href={`#${id}`} aria-label={`Link to section ${text}`}>
          #
        </a>
      </Tag>
    )
  }
  Heading.displayName = `Heading(${Tag})`
  return Heading
}
