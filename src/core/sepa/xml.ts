/**
 * A small XML reader for the bank files the platform imports (camt.053): elements, attributes,
 * text, CDATA, comments and processing instructions, with namespace prefixes dropped. A
 * DOCTYPE is refused, so no entity is ever expanded (no "billion laughs"). Enough for ISO 20022
 * messages, which use nothing else; not a general parser. Pure.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlSyntaxError(`entité inconnue ${whole}`);
    return value;
  });
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

function skip(xml: string, from: number, end: string): number {
  const at = xml.indexOf(end, from);
  if (at < 0) throw new XmlSyntaxError(`« ${end} » attendu, absent`);
  return at + end.length;
}

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1] as XmlElement;
    if (lt < 0) {
      if (xml.slice(i).trim())
        throw new XmlSyntaxError('du texte hors de l’élément racine (ce fichier est-il un relevé XML ?)');
      break;
    }
    if (lt > i) top.text += decode(xml.slice(i, lt));
    if (xml.startsWith('<?', lt)) i = skip(xml, lt, '?>');
    else if (xml.startsWith('<!--', lt)) i = skip(xml, lt, '-->');
    else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skip(xml, lt, ']]>');
      top.text += xml.slice(lt + 9, end - 3);
      i = end;
    } else if (xml.startsWith('<!', lt)) throw new XmlSyntaxError('déclaration DOCTYPE refusée');
    else if (xml.startsWith('</', lt)) {
      const end = skip(xml, lt, '>');
      const closing = localName(xml.slice(lt + 2, end - 1).trim());
      const open = stack.pop();
      if (!open || open === root || open.name !== closing)
        throw new XmlSyntaxError(`balise fermante </${closing}> inattendue`);
      i = end;
    } else {
      const end = skip(xml, lt, '>');
      const body = xml.slice(lt + 1, end - 1);
      const selfClosing = body.endsWith('/');
      const m = /^([^\s/>]+)([\s\S]*?)\/?$/.exec(body);
      if (!m) throw new XmlSyntaxError('balise mal formée');
      const element: XmlElement = { name: localName(m[1] as string), attributes: {}, children: [], text: '' };
      for (const a of (m[2] as string).matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
        element.attributes[localName(a[1] as string)] = decode(a[3] ?? a[4] ?? '');
      top.children.push(element);
      if (!selfClosing) stack.push(element);
      i = end;
    }
  }
  if (stack.length !== 1) throw new XmlSyntaxError('un élément n’est pas fermé');
  const [document] = root.children;
  if (!document || root.children.length !== 1) throw new XmlSyntaxError('un seul élément racine attendu');
  return document;
}

/** The first descendant along `path` (local names), or undefined. */
export function child(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = current?.children.find((c) => c.name === name);
  return current;
}

/** Every direct child named `name`. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

export function textOf(element: XmlElement | undefined, ...path: string[]): string | undefined {
  const found = child(element, ...path);
  return found ? found.text.trim() : undefined;
}
