import { InlineConfirm, type InlineConfirmProps } from './InlineConfirm';

interface Props extends InlineConfirmProps {
  /** the table's column count: the question spans the whole row */
  colSpan: number;
}

/**
 * A confirmation as a table row right under the row it is about: no modal to trap the
 * focus on an old browser, a phone user sees the question where they tapped, and the
 * full width keeps both answers readable.
 */
export function ConfirmRow({ colSpan, ...confirm }: Props) {
  return (
    <tr data-testid="confirm-row">
      <td colSpan={colSpan}>
        <InlineConfirm {...confirm} />
      </td>
    </tr>
  );
}
