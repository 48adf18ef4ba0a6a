/// <reference path="./mjml.d.ts" />
import mjml2html from 'mjml';
import { consoleLink } from '../auth/console-links.ts';
import { typedName } from '../email/mailer.ts';
import type { SiteDigest } from './digest-figures.ts';
import type { DigestWeek } from './digest-week.ts';
import {
  changeText,
  fewResponsesText,
  openDetractorsText,
  rateText,
  responsesText,
  scoreName,
  scoreText,
  trendText,
  weekText,
} from './digest-words.ts';

export interface DigestContent {
  organization: { id: string; name: string };
  week: DigestWeek;
  sites: SiteDigest[];
  publicUrl: string;
  /** The one-click unsubscribe link. */
  unsubscribeUrl: string;
}

// Everything that reaches the HTML goes through this: comments are text, never markup.
const safe = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const heading = (words: string) => `<mj-text font-size="15px" font-weight="600" padding="8px 0 4px">${words}</mj-text>`;

const quote = (comment: string) => (comment.length > 400 ? `${comment.slice(0, 400)}…` : comment);

export function digestSubject(content: DigestContent): string {
  const first = content.sites[0];
  const headline = first && first.score !== null ? `: ${scoreName(first)} ${scoreText(first)}` : '';
  return `Your week in Tenpoint, ${typedName(content.organization.name)}${headline}`;
}

function siteSection(content: DigestContent, site: SiteDigest): string {
  const link = (page: string) => safe(consoleLink(content.publicUrl, `sites/${site.site.id}/${page}`));
  const comments = site.comments
    .map(
      (item) =>
        `<mj-text padding="4px 0" font-size="14px" color="#333">` +
        `<b>${item.score}</b> ${item.band === 'low' ? '(detractor)' : '(promoter)'}: ` +
        `“${safe(quote(item.comment))}”</mj-text>`,
    )
    .join('');
  const movers = site.movers
    .map(
      (mover) =>
        `<mj-text padding="2px 0" font-size="14px">${safe(mover.name ?? mover.accountId)}: ${safe(trendText(mover.trend))}</mj-text>`,
    )
    .join('');
  return `
    <mj-section background-color="#ffffff" padding="16px 20px" border-top="1px solid #e5e7eb">
      <mj-column>
        <mj-text font-size="13px" color="#555" padding="0">${safe(site.site.name)}</mj-text>
        <mj-text font-size="32px" font-weight="700" padding="4px 0">${safe(`${scoreName(site)} ${scoreText(site)}`)}</mj-text>
        <mj-text font-size="15px" padding="0 0 8px">${safe(changeText(site))}</mj-text>
        ${site.lowSample ? `<mj-text font-size="13px" color="#92400e" padding="0 0 8px">${safe(fewResponsesText(site))}</mj-text>` : ''}
        <mj-text font-size="14px" padding="0">${safe(responsesText(site))} · ${safe(rateText(site))}</mj-text>
        <mj-text font-size="14px" padding="4px 0 8px">
          <a href="${link('inbox?category=detractor')}" style="color:#1d4ed8">${safe(openDetractorsText(site))}</a>
        </mj-text>
        ${comments ? `${heading('Comments worth reading')}${comments}` : ''}
        ${movers ? `${heading('Accounts whose score moved most')}${movers}` : ''}
        <mj-button href="${link('dashboard')}" background-color="#1d4ed8" align="left" padding="12px 0 0">Open the scores</mj-button>
      </mj-column>
    </mj-section>`;
}

/** The digest as HTML (MJML, for the common mail clients) and as plain text, with the same figures. */
export async function renderDigest(content: DigestContent): Promise<{ subject: string; html: string; text: string }> {
  const settings = safe(consoleLink(content.publicUrl, `organizations/${content.organization.id}/notifications`));
  const sections = content.sites.length
    ? content.sites.map((site) => siteSection(content, site)).join('')
    : '<mj-section background-color="#ffffff"><mj-column><mj-text>No sites yet.</mj-text></mj-column></mj-section>';
  const source = `<mjml>
  <mj-head>
    <mj-title>${safe(digestSubject(content))}</mj-title>
    <mj-attributes><mj-all font-family="-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6">
    <mj-section padding="20px 20px 8px">
      <mj-column>
        <mj-text font-size="20px" font-weight="700" padding="0">${safe(typedName(content.organization.name))}: your week</mj-text>
        <mj-text font-size="14px" color="#555" padding="4px 0 0">${safe(weekText(content.week.start, content.week.end))} (UTC)</mj-text>
      </mj-column>
    </mj-section>
    ${sections}
    <mj-section padding="16px 20px">
      <mj-column>
        <mj-text font-size="12px" color="#666" padding="0">You get this weekly digest because you turned it on.
          <a href="${safe(content.unsubscribeUrl)}" style="color:#666">Unsubscribe</a> ·
          <a href="${settings}" style="color:#666">Your notifications</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  const { html, errors } = await mjml2html(source, { validationLevel: 'strict' });
  if (errors.length) throw new Error(`the digest's MJML is invalid: ${errors.map((error) => error.message).join('; ')}`);
  return { subject: digestSubject(content), html, text: digestText(content) };
}

function digestText(content: DigestContent): string {
  const lines = [`${typedName(content.organization.name)}: your week, ${weekText(content.week.start, content.week.end)} (UTC)`, ''];
  for (const site of content.sites) {
    lines.push(`${site.site.name}`, `${scoreName(site)} ${scoreText(site)}, ${changeText(site)}`);
    if (site.lowSample) lines.push(fewResponsesText(site));
    lines.push(
      `${responsesText(site)}, ${rateText(site)}`,
      `${openDetractorsText(site)}: ${consoleLink(content.publicUrl, `sites/${site.site.id}/inbox?category=detractor`)}`,
    );
    if (site.comments.length) lines.push('', 'Comments worth reading:');
    for (const item of site.comments)
      lines.push(`- ${item.score} (${item.band === 'low' ? 'detractor' : 'promoter'}): "${quote(item.comment)}"`);
    if (site.movers.length) lines.push('', 'Accounts whose score moved most:');
    for (const mover of site.movers) lines.push(`- ${mover.name ?? mover.accountId}: ${trendText(mover.trend)}`);
    lines.push(`Scores: ${consoleLink(content.publicUrl, `sites/${site.site.id}/dashboard`)}`, '');
  }
  lines.push(
    `Your notifications: ${consoleLink(content.publicUrl, `organizations/${content.organization.id}/notifications`)}`,
    `Unsubscribe: ${content.unsubscribeUrl}`,
  );
  return lines.join('\n');
}
