import type { Commitment } from '../../commitments/service.ts';
import { COMMITMENT_ACTIONS, commitmentRef } from './commitments.ts';
import { button, context, escapeSlack, formatOwner, SLACK_LIMITS, section, truncate } from './text.ts';

export const PROPOSAL_ACTIONS = { accept: 'proposal_accept', dismiss: 'proposal_dismiss' } as const;

// Two blocks per proposal plus the heading: the rest are reviewed with `minutebook commitments`.
const MAX_SHOWN = 20;

function ownerText(owner: string): string {
  return owner.startsWith('name:') ? escapeSlack(owner.slice(5)) : formatOwner(owner);
}

/** The proposals the model found in a shared document, each with Accept / Edit / Dismiss, for the person who shared it. */
export function proposalsMessage(documentTitle: string, proposals: Commitment[]) {
  const title = escapeSlack(truncate(documentTitle, 200));
  const text = `${proposals.length} possible commitments found in “${title}”: nothing is tracked until you accept it.`;
  const blocks: object[] = [section(text)];
  for (const proposal of proposals.slice(0, MAX_SHOWN)) {
    const due = proposal.dueOn ? ` · due ${proposal.dueOn}` : '';
    blocks.push(
      section(
        `*#${proposal.id}* ${escapeSlack(proposal.title)}\n${proposal.owners.map(ownerText).join(', ')}${due}`,
      ),
    );
    const ref = commitmentRef(proposal);
    blocks.push({
      type: 'actions',
      elements: [
        button('Accept', PROPOSAL_ACTIONS.accept, ref, 'primary'),
        button('Edit', COMMITMENT_ACTIONS.edit, ref),
        button('Dismiss', PROPOSAL_ACTIONS.dismiss, ref, 'danger'),
      ],
    });
  }
  if (proposals.length > MAX_SHOWN) {
    blocks.push(
      context(`…and ${proposals.length - MAX_SHOWN} more: \`minutebook commitments list --status proposed\``),
    );
  }
  return { text: truncate(text, SLACK_LIMITS.messageText), blocks };
}
