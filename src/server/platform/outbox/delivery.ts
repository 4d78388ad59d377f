// Delivery adapters. The development channel writes each message to the log, which is how
// a developer reads a resident's one-time code; an SMTP or SMS gateway replaces it in production.
import type { FastifyBaseLogger } from 'fastify';
import type { Deliver } from './outbox.worker.ts';
import type { OutboxMessage } from './outbox.repository.ts';
import { maskEmail, maskPhone } from '../../../shared/masking.ts';

const TEMPLATES: Record<string, string> = {
  login_code: '【民生】您的登录验证码为 {code}，{minutes} 分钟内有效。如非本人操作，请忽略。',
  appeal_received: '【民生】您的诉求已受理，查询码 {code}。可凭查询码在“民生”网站查看办理进度。',
  appeal_replied: '【民生】您的诉求（查询码 {code}）已有答复，请登录“民生”网站查看并评价。'
};

export function renderMessage(message: OutboxMessage): string {
  const template = TEMPLATES[message.template] ?? message.template;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(message.params[key] ?? ''));
}

export function logDelivery(log: Pick<FastifyBaseLogger, 'info'>): Deliver {
  return async (channel, message) => {
    log.info({ channel, to: message.to.includes('@') ? maskEmail(message.to) : maskPhone(message.to), text: renderMessage(message) }, `development ${channel} channel`);
  };
}
