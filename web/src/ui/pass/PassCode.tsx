import { Fragment } from 'react';

/**
 * A pass's code as printed (« H525-3SCA-8E8G-CP »), which may break at its dashes and nowhere
 * else: at a 200 % zoom on a phone it ran off the screen, the page scrolling sideways. Copied,
 * it is the same text (an optional break, <wbr>, adds no character).
 */
export function PassCode({ code }: { code: string }) {
  const parts = code.split('-');
  return (
    <span className="pn-code">
      {parts.map((part, i) => (
        <Fragment key={i}>
          <span className="pn-code__part">
            {part}
            {i < parts.length - 1 && '-'}
          </span>
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
