/**
 * A new PDF document. pdfkit is loaded the first time a PDF is made, not when the server
 * or a command starts: half a second of loading that most starts never use.
 */
export async function newPdf(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  return new PDFDocument(options);
}
