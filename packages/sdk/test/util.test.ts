import { GraphQLRequestError, toErrorItem } from '../src/errors.js';
import { defaultStoreKey } from '../src/changes.js';
import { backoffDelay, randomKey, toWebSocketUrl } from '../src/util.js';

describe('helpers', () => {
  it('derive the WebSocket URL from the HTTP one, also for a relative path in a browser', () => {
    expect(toWebSocketUrl('http://127.0.0.1:4000/graphql')).toBe('ws://127.0.0.1:4000/graphql');
    expect(toWebSocketUrl('https://dangjian.example.cn/graphql')).toBe('wss://dangjian.example.cn/graphql');
    const global = globalThis as { location?: unknown };
    global.location = { protocol: 'https:', host: 'dangjian.example.cn' };
    try {
      expect(toWebSocketUrl('/graphql')).toBe('wss://dangjian.example.cn/graphql');
    } finally {
      delete global.location;
    }
  });

  it('back off exponentially up to the cap, jittered between half and all of the delay', () => {
    const defaults = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { jitter: false }, defaults))).toEqual([100, 200, 400, 800, 1000, 1000]);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelay(3, {}, defaults);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });

  it('make fresh idempotency keys', () => {
    const keys = new Set(Array.from({ length: 1000 }, randomKey));
    expect(keys.size).toBe(1000);
  });

  it('key a change subscription by its filter', () => {
    expect(defaultStoreKey()).toBe('changes:all');
    expect(defaultStoreKey({ organizationId: 'T3Jn', entityTypes: ['Organization', 'Member'] })).toBe('changes:org=T3Jn+:types=Member,Organization');
    expect(defaultStoreKey({ organizationId: 'T3Jn', includeDescendants: false })).toBe('changes:org=T3Jn');
  });
});

describe('GraphQLRequestError', () => {
  it('keeps unknown codes as UNKNOWN with the raw code, and narrows known ones', () => {
    const error = new GraphQLRequestError({
      errors: [
        toErrorItem({ message: '新代码', extensions: { code: 'SOMETHING_NEW' } }),
        toErrorItem({ message: '参数错误', extensions: { code: 'BAD_USER_INPUT', fields: ['input.a', 'input.b'] } }),
      ],
    });
    expect(error.code).toBe('UNKNOWN');
    expect(error.errors[0].rawCode).toBe('SOMETHING_NEW');
    const second = error.errors[1];
    if (second.code === 'BAD_USER_INPUT') expect(second.extensions.fields).toEqual(['input.a', 'input.b']);
    expect(error.fields).toEqual(['input.a', 'input.b']);
    expect(error.transient).toBe(false);
    expect(error).toBeInstanceOf(Error);
  });
});
