/** What a loader extracts from one file: plain text plus whatever metadata the format carries. */
export interface LoadedDocument {
  text: string;
  /** Title from the format's own metadata (front matter, <title>, PDF info), when present. */
  title?: string;
  /** Publication date from the format's metadata, as written (parsed later). */
  date?: string;
  /** Language declared by the format (front matter, <html lang>), when present. */
  language?: string;
  format: 'text' | 'markdown' | 'html' | 'pdf' | 'docx';
  /** Other front-matter / meta fields, kept in documents.metadata. */
  metadata?: Record<string, unknown>;
}

/** A file that cannot be ingested; the message becomes the report's reason. Never aborts a batch. */
export class SkipError extends Error {
  override name = 'SkipError';
}
