/**
 * The attribute of the one field that takes the keyboard when its page is reached, instead of
 * the page's title (Layout): the desk's code field, where a barcode scanner types.
 */
export const FOCUS_ON_ARRIVAL = 'data-focus-on-arrival';
