import { findDocument, listDocuments, removeDocument } from '../documents/service.ts';
import { cliActor } from './actor.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, UsageError } from './types.ts';

const USAGE = [
  'minutebook documents list [--json]',
  '       minutebook documents show <id|path|url> [--json]',
  '       minutebook documents remove <id|path|url> [--as NAME] [--json]',
].join('\n');

/** `documents list|show|remove`: what is indexed, and retracting a document (its chunks and embeddings go, an audit row stays). */
export const documentsCommand: CliCommand = {
  name: 'documents',
  usage: USAGE,
  options: { json: { type: 'boolean' }, as: { type: 'string' } },
  async run({ positionals, values, io, context }) {
    const [action = 'list', ...rest] = positionals;
    const reference = rest.join(' ').trim();
    if (action !== 'list' && action !== 'show' && action !== 'remove') {
      throw new UsageError(`unknown action '${action}': list, show or remove`);
    }
    if (action !== 'list' && !reference)
      throw new UsageError(`documents ${action} needs a document id, path or URL`);
    const ctx = await context();
    const pool = ctx.db.pool;
    if (action === 'list') {
      const documents = await listDocuments(pool);
      if (values.json) io.out(jsonOutput(documents, 2));
      else if (documents.length === 0) io.out('no documents');
      else for (const document of documents) io.out(documentLine(document));
      return 0;
    }
    if (action === 'show') {
      const document = await findDocument(pool, reference);
      if (values.json) io.out(jsonOutput(document, 2));
      else {
        io.out(documentLine(document));
        io.out(`  source: ${document.sourceUri}`);
        io.out(
          `  shared by: ${document.ingestedBy ?? 'the CLI'} · ingested ${document.createdAt.toISOString()}`,
        );
        io.out(`  content hash: ${document.contentHash}`);
      }
      return 0;
    }
    const removedBy = cliActor(values.as);
    const { document, removal } = await removeDocument(pool, reference, { removedBy });
    ctx.logger.info(
      { documentId: document.id, removedBy, chunks: removal.chunksRemoved },
      'document removed',
    );
    if (values.json) io.out(jsonOutput(removal, 2));
    else {
      io.out(
        `removed #${document.id} “${document.title}”: ${removal.chunksRemoved} chunks and their embeddings deleted (audit #${removal.id}, by ${removedBy})`,
      );
    }
    return 0;
  },
};

function documentLine(document: {
  id: number;
  title: string;
  language: string;
  publishedOn: string | null;
  visibility: string;
  channelId: string | null;
  chunks: number;
}): string {
  const scope = document.visibility === 'public' ? 'public' : `private to ${document.channelId ?? '?'}`;
  return `#${document.id} · ${document.publishedOn ?? 'undated'} · ${document.language} · ${document.chunks} chunks · ${scope} · ${document.title}`;
}
