export const outboxKey = 'tenpoint:outbox';
