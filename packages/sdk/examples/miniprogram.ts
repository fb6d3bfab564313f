/**
 * A WeChat mini-program page: no fetch, no WebSocket — the SDK runs over wx.request and
 * wx.connectSocket, and keeps its change-feed cursor in the mini-program's storage.
 * Type-checked against the built package by `pnpm --filter @dangjian/sdk test`.
 */
import { MemberDocument, createClient, isMasked, subscribeChanges, wxTransport, type CursorStore, type WxLike } from '@dangjian/sdk';

declare const wx: WxLike & {
  getStorageSync(key: string): string;
  setStorageSync(key: string, value: string): void;
  showToast(options: { title: string }): void;
};
declare function Page(options: Record<string, unknown>): void;

const client = createClient({
  url: 'https://dangjian.example.cn/graphql',
  auth: () => ({ token: wx.getStorageSync('token') }),
  transport: wxTransport(wx),
});

const storage: CursorStore = {
  get: (key) => wx.getStorageSync(key) || null,
  set: (key, cursor) => wx.setStorageSync(key, cursor),
};

Page({
  data: { name: '', phone: '' },
  async onLoad(query: { id: string }) {
    const { member } = await client.query(MemberDocument, { id: query.id });
    if (!member) return;
    // 手机号默认脱敏（138****1234）；只有有权限的角色才看到完整号码。
    (this as unknown as { setData(data: object): void }).setData({ name: member.name, phone: isMasked(member.phone) ? '（已脱敏）' : member.phone });
    subscribeChanges({
      client,
      filter: { entityTypes: ['Member'] },
      store: storage,
      storeKey: `member:${member.id}`,
      onEvent: (event) => {
        if (event.entityId === member.id) wx.showToast({ title: '资料已更新' });
      },
    });
  },
});
