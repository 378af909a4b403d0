/** Which documents a search may return: channel scope, languages, publication dates. */
export interface DocumentFilter {
  channelId?: string | null;
  languages?: string[];
  from?: string;
  to?: string;
}

/**
 * SQL conditions on `documents d` for a filter, with their parameters numbered from `firstParam`.
 * Public documents are visible everywhere; a private one only in its own channel.
 */
export function documentConditions(
  filter: DocumentFilter,
  firstParam: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const conditions = [
    filter.channelId
      ? `(d.visibility = 'public' OR d.channel_id = ${next(filter.channelId)})`
      : `d.visibility = 'public'`,
  ];
  if (filter.languages && filter.languages.length > 0)
    conditions.push(`d.language = ANY(${next(filter.languages)}::text[])`);
  if (filter.from) conditions.push(`d.published_on >= ${next(filter.from)}::date`);
  if (filter.to) conditions.push(`d.published_on <= ${next(filter.to)}::date`);
  return { sql: conditions.join(' AND '), params };
}
