/**
 * A Node service (Node 20): the small client, pagination, exact money, and a downstream system
 * following its organization's changes with the cursor kept in a file.
 * Type-checked against the built package by `pnpm --filter @dangjian/sdk test`.
 */
import fs from 'node:fs/promises';
import WebSocket from 'ws';
import {
  FundTransactionsDocument,
  OrganizationsDocument,
  RecordPartyFeeDocument,
  addMoney,
  compareMoney,
  createClient,
  isGraphQLRequestError,
  paginate,
  subscribeChanges,
  type ChangeEventFieldsFragment,
  type CursorStore,
} from '@dangjian/sdk';

const client = createClient({
  url: process.env.DANGJIAN_URL ?? 'http://localhost:4000/graphql',
  auth: { apiKey: process.env.DANGJIAN_API_KEY },
  // Node 20 has no global WebSocket.
  webSocketImpl: WebSocket,
});

/** Sum of all income of an account, page by page, exact to the fen. */
export async function totalIncome(accountId: string): Promise<string> {
  let total = '0.00';
  for await (const transaction of paginate(client, {
    document: FundTransactionsDocument,
    variables: { filter: { accountIds: [accountId], directions: ['IN'] } },
    select: (data) => data.fundTransactions,
  })) {
    total = addMoney(total, transaction.amount);
  }
  return total;
}

export async function recordFee(accountId: string, amount: string): Promise<void> {
  try {
    // Retried automatically on network failures with the same idempotency key: recorded once.
    const { recordPartyFee } = await client.mutate(RecordPartyFeeDocument, {
      input: { accountId, amount, counterparty: '第一支部', occurredAt: '2020-02-01', purpose: '2020年2月党费' },
    });
    if (compareMoney(recordPartyFee.account.balance, '10000.00') > 0) console.log('余额超过一万元');
  } catch (error) {
    if (isGraphQLRequestError(error, 'BAD_USER_INPUT')) console.error('输入有误：', error.fields);
    else throw error;
  }
}

/** Remembers the last processed cursor in a file, so a restarted process resumes exactly there. */
function fileCursorStore(file: string): CursorStore {
  return {
    get: async (key) => {
      const saved = await fs.readFile(file, 'utf8').then(JSON.parse, () => ({}));
      return (saved as Record<string, string>)[key] ?? null;
    },
    set: async (key, cursor) => {
      const saved = await fs.readFile(file, 'utf8').then(JSON.parse, () => ({}));
      await fs.writeFile(file, JSON.stringify({ ...saved, [key]: cursor }));
    },
  };
}

export async function follow(organizationName: string, handle: (event: ChangeEventFieldsFragment) => Promise<void>) {
  const found = await client.query(OrganizationsDocument, { filter: { nameContains: organizationName }, first: 1 });
  const organizationId = found.organizations.edges[0]?.node.id;
  if (!organizationId) throw new Error(`找不到党组织：${organizationName}`);
  const subscription = subscribeChanges({
    client,
    filter: { organizationId, entityTypes: ['Member', 'Organization'] },
    store: fileCursorStore('./cursor.json'),
    onEvent: handle,
    onRetry: (error, { delayMs }) => console.warn(`订阅中断（${error.code}），${delayMs} 毫秒后续订`),
  });
  process.once('SIGTERM', () => void subscription.stop());
  await subscription.done;
}
