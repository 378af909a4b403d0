/**
 * Replaces a message through its response_url after the request that carried the URL has ended (Slack
 * accepts it for 30 minutes). Only Slack's own hosts, or the origin of the configured Web API URL, are
 * called: the URL comes back to us inside a modal's metadata.
 */
export async function replaceMessage(
  responseUrl: string,
  message: Record<string, unknown>,
  slackApiUrl: string,
): Promise<void> {
  if (!isSlackUrl(responseUrl, slackApiUrl)) throw new Error(`not a Slack response URL: ${responseUrl}`);
  const response = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ replace_original: true, ...message }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}

/** Whether a URL is Slack's (slack.com or a subdomain, over https) or has the configured Web API URL's origin. */
export function isSlackUrl(url: string, slackApiUrl: string): boolean {
  try {
    const target = new URL(url);
    if (target.origin === new URL(slackApiUrl).origin) return true;
    return (
      target.protocol === 'https:' &&
      (target.hostname === 'slack.com' || target.hostname.endsWith('.slack.com'))
    );
  } catch {
    return false;
  }
}
