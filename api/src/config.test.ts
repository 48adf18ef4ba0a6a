import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database in .data on port 8787', () => {
    expect(loadConfig({})).toMatchObject({ port: 8787, host: '127.0.0.1', databaseUrl: undefined, dataDir: '.data' });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: must start with postgres:\/\//);
  });

  it('reads TENPOINT_TRUST_PROXY as off, a hop count (true is one) or a list of proxy ranges', () => {
    const trust = (value: string) => loadConfig({ TENPOINT_TRUST_PROXY: value }).rateLimits.trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, fd00::/8')).toEqual(['10.0.0.0/8', 'fd00::/8']);
    expect(() => trust('yes')).toThrow(
      /^TENPOINT_TRUST_PROXY: must be true, false, a number of proxies or a comma-separated list of CIDR ranges/,
    );
    expect(() => trust('10.0.0.0/99')).toThrow(/^TENPOINT_TRUST_PROXY: /);
  });
});
