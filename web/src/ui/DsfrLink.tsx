import { useRouter } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react';

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  ref?: Ref<HTMLAnchorElement>;
};

/**
 * The link react-dsfr renders inside its components (header, footer, breadcrumb…).
 * Same-origin paths go through the router, so a click keeps the app state instead of
 * reloading the page; modified clicks, new tabs and external URLs stay native.
 */
export function DsfrLink({ href, onClick, ...rest }: Props) {
  const router = useRouter();
  const internal = href.startsWith('/') && !href.startsWith('//');
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || !internal || rest.target || rest.download !== undefined) return;
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.history.push(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
