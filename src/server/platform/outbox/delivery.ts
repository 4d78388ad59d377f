// Delivery adapters. The development channel writes each message to the log, which is how
// a developer reads a resident's one-time code; an SMTP or SMS gateway replaces it in production.
import type { FastifyBaseLogger } from 'fastify';
import type { Deliver } from './outbox.worker.ts';
import type { OutboxMessage } from './outbox.repository.ts';
import { maskEmail, maskPhone } from '../../../shared/masking.ts';

/** The platform's own texts; each case module brings its own (`CaseModule.messageTemplates`). */
const PLATFORM_TEMPLATES: Record<string, string> = {
  login_code: '【民生】您的登录验证码为 {code}，{minutes} 分钟内有效。如非本人操作，请忽略。',
};

/** Every template a deployment can send: the platform's and its modules'. */
export function messageTemplates(modules: ReadonlyArray<{ messageTemplates?: Record<string, string> }>): Record<string, string> {
  return Object.assign({}, PLATFORM_TEMPLATES, ...modules.map((m) => m.messageTemplates ?? {}));
}

export function renderMessage(message: OutboxMessage, templates: Record<string, string>): string {
  const template = templates[message.template] ?? message.template;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(message.params[key] ?? ''));
}

export function logDelivery(log: Pick<FastifyBaseLogger, 'info'>, templates: Record<string, string>): Deliver {
  return async (channel, message) => {
    log.info({ channel, to: message.to.includes('@') ? maskEmail(message.to) : maskPhone(message.to), text: renderMessage(message, templates) }, `development ${channel} channel`);
  };
}
