/**
 * Every operation of the SDK against the real service on a copy of the demo database: each runs
 * with the small client, its response is checked against the operation's selection and the schema
 * (what the generated types say), and typed fields are used the way an application would.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  addMoney,
  collect,
  compareMoney,
  isMasked,
  paginate,
  subtractMoney,
  sumMoney,
  type DangjianClient,
} from '../src/index.js';
import * as sdk from '../src/index.js';
import { expectConforms } from './support/conformance.js';
import { operationOf, sdkOperations } from './support/documents.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let client: DangjianClient;
const executed = new Set<string>();

beforeAll(async () => {
  server = await startTestServer();
  client = server.client();
});
afterAll(async () => {
  await client?.dispose();
  await server?.close();
});

/** Runs a query or mutation through the SDK, checks the response against the operation, records it as covered. */
async function run<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
  const operation = operationOf(document)!;
  const data = operation.operation === 'mutation' ? await client.mutate(document, variables) : await client.query(document, variables);
  expectConforms(document, variables, data);
  executed.add(operation.name!.value);
  return data;
}

/** Subscribes, returns the first event's data (checked against the operation) and ends the subscription. */
async function firstEvent<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
  const data = await new Promise<TData>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event from ${operationOf(document)!.name!.value}`)), 10_000);
    const stop = client.subscribe(document, variables, {
      next: (value) => {
        clearTimeout(timer);
        stop();
        resolve(value);
      },
      error: reject,
    });
  });
  expectConforms(document, variables, data);
  executed.add(operationOf(document)!.name!.value);
  return data;
}

function nodes<N>(connection: { edges: ReadonlyArray<{ node: N }> }): N[] {
  return connection.edges.map((edge) => edge.node);
}

/** A valid (synthetic) 身份证号 for region 421181 with the right check character; odd sequence digit = male. */
let serial = 100;
function idCardNumber(birthDate: string, male: boolean): string {
  serial += 2;
  const first17 = `421181${birthDate.replace(/-/g, '')}${String(male ? serial + 1 : serial).padStart(3, '0').slice(-3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const unique = `${process.pid}${Date.now() % 100000}`;
const ids: Record<string, string> = {};
let cursorAfterCommittee: string | null = null;

describe('queries on the demo data', () => {
  it('organizations: list, detail with ancestors, children, subtree, members, moves', async () => {
    const city = await run(sdk.OrganizationsDocument, { filter: { kinds: [sdk.OrganizationKind.CITY_COMMITTEE] }, first: 1 });
    expect(city.organizations.totalCount).toBe(1);
    ids.city = city.organizations.edges[0].node.id;

    const grassroots = await run(sdk.OrganizationsDocument, { filter: { grassroots: true }, first: 1 });
    expect(grassroots.organizations.totalCount).toBeGreaterThanOrEqual(1600);

    const detail = await run(sdk.OrganizationDocument, { id: ids.city });
    expect(detail.organization?.name).toBe('中共麻城市委员会');
    expect(detail.organization?.memberCount).toBeGreaterThanOrEqual(40_000);

    const children = await run(sdk.OrganizationChildrenDocument, { id: ids.city, first: 50 });
    const department = nodes(children.organization!.children).find((org) => org.kind === 'WORKING_DEPARTMENT' && org.name.includes('组织部'));
    ids.department = department!.id;
    const street = await run(sdk.OrganizationsDocument, { filter: { nameContains: '龙池桥街道工作委员会' }, first: 1 });
    ids.street = street.organizations.edges[0].node.id;

    const villages = await run(sdk.OrganizationDescendantsDocument, { id: ids.street, filter: { unitTypes: [sdk.UnitType.VILLAGE, sdk.UnitType.COMMUNITY] }, first: 5 });
    expect(villages.organization!.descendants.totalCount).toBeGreaterThan(5);
    ids.village = villages.organization!.descendants.edges[0].node.id;

    const members = await run(sdk.OrganizationMembersDocument, { id: ids.street, first: 3 });
    expect(members.organization!.members.edges).toHaveLength(3);
    expect(members.organization!.memberCount).toBe(members.organization!.members.totalCount);

    const moves = await run(sdk.OrganizationMovesDocument, { id: ids.city, first: 5 });
    expect(moves.organization!.moves.totalCount).toBeGreaterThanOrEqual(0);

    const hospital = await run(sdk.OrganizationsDocument, { filter: { kinds: [sdk.OrganizationKind.TEMPORARY_BRANCH], nameContains: '临时党支部' }, first: 10 });
    expect(hospital.organizations.totalCount).toBeGreaterThanOrEqual(5);
    ids.seededTemporaryBranch = hospital.organizations.edges[0].node.id;
    const temporary = await run(sdk.TemporaryMembershipsDocument, { id: ids.seededTemporaryBranch, first: 5 });
    expect(temporary.organization!.temporaryMemberships.totalCount).toBeGreaterThan(0);

    const reports = await run(sdk.CommunityReportsDocument, { id: ids.village, first: 5 });
    expect(reports.organization!.communityReports.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('members: search, detail with positions; phone and ID number follow the masking convention', async () => {
    const found = await run(sdk.MembersDocument, { filter: { nameContains: '叶旭' }, first: 20 });
    const yexu = nodes(found.members).find((member) => member.name === '叶旭')!;
    const detail = await run(sdk.MemberDocument, { id: yexu.id, asOf: '2020-02-16' });
    const member = detail.member!;
    expect(member.positions.map((position) => position.title).join('、')).toContain('组织部');
    expect(member.phone).toMatch(/^\d{3}(\*{4}|\d{4})\d{4}$/);
    // An ADMIN sees full values once the access rules are in place; everyone else sees masked ones.
    if (isMasked(member.idCardNumber)) expect(member.idCardNumber).toMatch(/^421181\*{8}\d{3}[\dX]$/);
    else expect(member.idCardNumber).toMatch(/^421181\d{11}[\dX]$/);
    expect(member.age).toBeGreaterThan(18);
  });

  it('inspection: teams, one team with its records, records, one record, coverage', async () => {
    const teams = await run(sdk.InspectionTeamsDocument, { first: 50 });
    expect(teams.inspectionTeams.totalCount).toBe(19);
    const cadres = new Set(nodes(teams.inspectionTeams).flatMap((team) => team.members.map((m) => m.member.id)));
    expect(cadres.size).toBe(38);
    const team = await run(sdk.InspectionTeamDocument, { id: nodes(teams.inspectionTeams)[0].id, recordFilter: { rounds: [1] }, first: 5 });
    expect(team.inspectionTeam!.records.edges.every((edge) => edge.node.round === 1)).toBe(true);
    const records = await run(sdk.InspectionRecordsDocument, { filter: { hasProblems: true }, first: 3 });
    const record = await run(sdk.InspectionRecordDocument, { id: records.inspectionRecords.edges[0].node.id });
    expect(record.inspectionRecord!.problemCount).toBeGreaterThan(0);
    const coverage = await run(sdk.InspectionCoverageDocument, {});
    expect(coverage.inspectionCoverage.villagesInspected).toBe(coverage.inspectionCoverage.villagesTotal);
    expect(coverage.inspectionCoverage.villagesTotal).toBe(452);
  });

  it('commendations: batches with counts per category, one batch, list, one commendation (a union recipient)', async () => {
    const batches = await run(sdk.CommendationBatchesDocument, { filter: { titleContains: '第一批' }, first: 5 });
    const first = batches.commendationBatches.edges[0].node;
    const counts = Object.fromEntries(first.countsByCategory.map((entry) => [entry.category, entry.count]));
    expect(counts).toMatchObject({ FRONTLINE_MEMBER: 4, GRASSROOTS_CADRE: 10, MEDICAL_WORKER: 8, VOLUNTEER: 20 });
    const batch = await run(sdk.CommendationBatchDocument, { id: first.id, first: 3 });
    expect(batch.commendationBatch!.commendations.totalCount).toBe(42);
    const awarded = await run(sdk.CommendationsDocument, { filter: { hasAward: true }, first: 10 });
    const commendation = await run(sdk.CommendationDocument, { id: awarded.commendations.edges[0].node.id });
    const recipient = commendation.commendation!.recipient;
    // The union is discriminated by __typename: each branch has its own typed fields.
    const label = recipient.__typename === 'Organization' ? `${recipient.name}（${recipient.kind}）` : `${recipient.name}（${recipient.occupation}）`;
    expect(label.length).toBeGreaterThan(3);
    expect(commendation.commendation!.awardAmount).toMatch(/^\d+\.\d{2}$/);
  });

  it('funds: accounts, one account as of a date, transactions, summary — the ledger adds up exactly', async () => {
    const accounts = await run(sdk.FundAccountsDocument, { first: 50 });
    expect(accounts.fundAccounts.totalCount).toBeGreaterThan(2);
    const busiest = nodes(accounts.fundAccounts).sort((a, b) => compareMoney(b.totalIn, a.totalIn))[0];
    const account = await run(sdk.FundAccountDocument, { id: busiest.id, asOf: '2020-02-16', first: 5 });
    expect(subtractMoney(account.fundAccount!.totalIn, account.fundAccount!.totalOut)).toBe(account.fundAccount!.balance);
    // Every transaction of the account, page by page, summed exactly with BigInt.
    const all = await collect(
      paginate(client, {
        document: sdk.FundTransactionsDocument,
        variables: { filter: { accountIds: [busiest.id] } },
        select: (data) => data.fundTransactions,
        pageSize: 20,
      }),
    );
    expect(all.length).toBe(account.fundAccount!.transactions.totalCount);
    const totalIn = sumMoney(all.filter((t) => t.direction === 'IN').map((t) => t.amount));
    expect(totalIn).toBe(busiest.totalIn);
    const firstPage = await run(sdk.FundTransactionsDocument, { filter: { accountIds: [busiest.id] }, first: 20 });
    expect(firstPage.fundTransactions.edges.map((edge) => edge.node)).toEqual(all.slice(0, 20));
    const transaction = await run(sdk.FundTransactionDocument, { id: all[0].id });
    expect(transaction.fundTransaction!.account.id).toBe(busiest.id);
    const summary = await run(sdk.FundSummaryDocument, { filter: { accountIds: [busiest.id] } });
    expect(summary.fundSummary.totalIn).toBe(busiest.totalIn);
    expect(addMoney(...summary.fundSummary.byKind.map((kind) => kind.net))).toBe(summary.fundSummary.net);
  });

  it('donations: list, one donation, totals (1716万元 and 83万余个口罩 from 工商联)', async () => {
    const donations = await run(sdk.DonationsDocument, { filter: { kinds: [sdk.DonationKind.MATERIAL] }, first: 5 });
    const donation = await run(sdk.DonationDocument, { id: donations.donations.edges[0].node.id });
    expect(donation.donation!.items.length).toBeGreaterThan(0);
    const federation = await run(sdk.OrganizationsDocument, { filter: { nameContains: '工商业联合会', kinds: [sdk.OrganizationKind.LEADING_GROUP] }, first: 1 });
    const totals = await run(sdk.DonationTotalsDocument, { filter: { mobilizedById: federation.organizations.edges[0].node.id } });
    expect(totals.donationTotals.cashTotal).toBe('17160000.00');
    const masks = totals.donationTotals.materials.find((material) => material.name === '口罩');
    expect(masks!.quantity).toBeGreaterThanOrEqual(830_000);
  });

  it('statistics: members grouped by occupation, inspections per day', async () => {
    const stats = await run(sdk.MemberStatisticsDocument, { groupBy: [sdk.MemberStatisticsDimension.OCCUPATION] });
    const members = stats.analytics.members;
    expect(members.total.count).toBeGreaterThanOrEqual(40000);
    expect(members.groups.reduce((sum, group) => sum + group.count, 0)).toBe(members.total.count);
    const series = await run(sdk.InspectionTimeSeriesDocument, { range: { from: '2020-01-28', to: '2020-02-13' } });
    expect(series.analytics.inspectionTimeSeries).toHaveLength(17);
    expect(series.analytics.inspectionTimeSeries.every((point) => point.villageCount === 452)).toBe(true);
  });

  it('statistics: coverage by town, commendations by category, donations and spending over time', async () => {
    const coverage = await run(sdk.InspectionCoverageByTownDocument, {});
    const inspected = coverage.analytics.inspections.groups;
    expect(inspected.length).toBeGreaterThan(10);
    expect(inspected.reduce((sum, group) => sum + group.villageCount, 0)).toBe(452);
    const villagesByTown = new Map(coverage.analytics.organizations.groups.map((group) => [group.town?.id, group.count]));
    expect(inspected.every((group) => group.villageCount <= (villagesByTown.get(group.town?.id) ?? 0))).toBe(true);
    const commendations = await run(sdk.CommendationStatisticsDocument, { groupBy: [sdk.CommendationStatisticsDimension.CATEGORY] });
    const byCategory = Object.fromEntries(commendations.analytics.commendations.groups.map((group) => [group.category, group.count]));
    expect(byCategory).toMatchObject({ FRONTLINE_MEMBER: 4, GRASSROOTS_CADRE: 10, MEDICAL_WORKER: 8, VOLUNTEER: 20 });
    const range = { from: '2020-01-24', to: '2020-02-16' };
    const donations = await run(sdk.DonationTimeSeriesDocument, { interval: sdk.TimeInterval.DAY, range });
    expect(donations.analytics.donationTimeSeries).toHaveLength(24);
    expect(compareMoney(sumMoney(donations.analytics.donationTimeSeries.map((point) => point.cashTotal)), '0.00')).toBeGreaterThan(0);
    const ledger = await run(sdk.FundTransactionTimeSeriesDocument, { interval: sdk.TimeInterval.DAY, range });
    const points = ledger.analytics.fundTransactionTimeSeries;
    expect(points).toHaveLength(24);
    expect(points.every((point) => subtractMoney(point.totalIn, point.totalOut) === point.net)).toBe(true);
    expect(compareMoney(sumMoney(points.map((point) => point.totalOut)), '0.00')).toBeGreaterThan(0);
  });

  it('posts, squads, volunteer services and statistics, care visits', async () => {
    const posts = await run(sdk.PostsDocument, { first: 2 });
    expect(posts.posts.totalCount).toBeGreaterThanOrEqual(600);
    await run(sdk.PostDocument, { id: posts.posts.edges[0].node.id });
    const squads = await run(sdk.SquadsDocument, { first: 2 });
    expect(squads.squads.totalCount).toBe(710);
    await run(sdk.SquadDocument, { id: squads.squads.edges[0].node.id });
    const services = await run(sdk.VolunteerServicesDocument, { first: 2 });
    await run(sdk.VolunteerServiceDocument, { id: services.volunteerServices.edges[0].node.id, first: 5 });
    const statistics = await run(sdk.VolunteerStatisticsDocument, {});
    expect(statistics.volunteerStatistics.serviceCount).toBeGreaterThanOrEqual(2500);
    expect(statistics.volunteerStatistics.distinctVolunteerCount).toBeGreaterThanOrEqual(10_000);
    const calls = await run(sdk.CareVisitsDocument, { filter: { methods: [sdk.CareMethod.PHONE], recipientCategories: [sdk.CareRecipientCategory.ORGANIZATION_SECRETARY] }, first: 1 });
    expect(calls.careVisits.totalCount).toBe(452);
    await run(sdk.CareVisitDocument, { id: calls.careVisits.edges[0].node.id });
  });

  it('node(id:)', async () => {
    const node = await run(sdk.NodeDocument, { id: ids.city });
    expect(node.node?.__typename).toBe('Organization');
    if (node.node?.__typename === 'Organization') expect(node.node.kind).toBe('CITY_COMMITTEE');
  });
});

describe('mutations (each writes through the SDK, with an idempotency key)', () => {
  const members: string[] = [];

  it('organizations: create a committee, branches, a village and a temporary branch; update; move; archive', async () => {
    const org = (input: Partial<sdk.CreateOrganizationInput> & Pick<sdk.CreateOrganizationInput, 'parentId' | 'kind' | 'name'>) =>
      run(sdk.CreateOrganizationDocument, {
        input: { code: `SDK-${unique}-${Object.keys(ids).length}`, unitName: input.name, unitType: sdk.UnitType.ENTERPRISE, establishedAt: '2020-01-01', ...input },
      }).then((data) => data.createOrganization.organization);
    const committee = await org({ parentId: ids.city, kind: sdk.OrganizationKind.PARTY_COMMITTEE, name: `SDK测试党委${unique}` });
    ids.committee = committee.id;
    expect(committee.typeCode).toBe('611');
    // The change log (audit trail) now ends with this creation; the subscriptions below replay from here.
    const log = await run(sdk.ChangeEventsDocument, { last: 1 });
    expect(log.changeEvents.edges[0].node).toMatchObject({ entityType: 'Organization', entityId: committee.id, operation: 'CREATE', mutation: 'createOrganization' });
    cursorAfterCommittee = log.changeEvents.edges[0].node.cursor;
    ids.committee2 = (await org({ parentId: ids.city, kind: sdk.OrganizationKind.PARTY_COMMITTEE, name: `SDK测试党委乙${unique}` })).id;
    ids.branchA = (await org({ parentId: ids.committee, kind: sdk.OrganizationKind.BRANCH, name: `SDK测试支部甲${unique}` })).id;
    ids.branchB = (await org({ parentId: ids.committee, kind: sdk.OrganizationKind.BRANCH, name: `SDK测试支部乙${unique}` })).id;
    ids.ourVillage = (await org({ parentId: ids.committee, kind: sdk.OrganizationKind.BRANCH, name: `SDK测试村党支部${unique}`, unitType: sdk.UnitType.VILLAGE, villageGroupCount: 6 })).id;
    ids.temporary = (
      await org({ parentId: ids.committee, kind: sdk.OrganizationKind.TEMPORARY_BRANCH, name: `SDK测试临时党支部${unique}`, task: '疫情防控', approvalDocument: '麻组〔2020〕1号' })
    ).id;
    const empty = await org({ parentId: ids.committee, kind: sdk.OrganizationKind.BRANCH, name: `SDK测试待撤销支部${unique}` });

    const updated = await run(sdk.UpdateOrganizationDocument, { input: { id: ids.branchA, expectedVersion: 1, unitName: 'SDK测试单位' } });
    expect(updated.updateOrganization.organization.version).toBe(2);
    const moved = await run(sdk.MoveOrganizationDocument, {
      input: { id: ids.branchB, newParentId: ids.committee2, movedAt: '2020-02-10', documentNumber: '麻组文〔2020〕8号', reason: '工作调整' },
    });
    expect(moved.moveOrganization.organization.ancestors.map((a) => a.id)).toEqual([ids.city, ids.committee2]);
    const archived = await run(sdk.ArchiveOrganizationDocument, { input: { id: empty.id, dissolvedAt: '2020-03-01' } });
    expect(archived.archiveOrganization.organization.dissolvedAt).toBe('2020-03-01');
  });

  it('members: add (sensitive fields come back masked or in full by role), update, transfer, temporary branch, report to a village', async () => {
    for (const [i, name] of ['张测试', '李测试', '王测试', '赵测试'].entries()) {
      const birthDate = `199${i}-05-04`;
      const added = await run(sdk.AddMemberDocument, {
        input: {
          organizationId: ids.branchA,
          name,
          gender: sdk.Gender.MALE,
          birthDate,
          education: sdk.Education.BACHELOR,
          joinedPartyAt: '2015-07-01',
          status: sdk.MemberStatus.FULL,
          fullMemberAt: '2016-07-01',
          occupation: sdk.OccupationCategory.ENTERPRISE_EMPLOYEE,
          inService: true,
          idCardNumber: idCardNumber(birthDate, true),
          phone: `1390000${String(1000 + i)}`,
          address: '湖北省麻城市龙池桥街道某路 1 号',
        },
      });
      members.push(added.addMember.member.id);
      expect(added.addMember.member.phone).toMatch(/^139(\*{4}|0000)\d{4}$/);
    }
    const updated = await run(sdk.UpdateMemberDocument, { input: { id: members[0], occupation: sdk.OccupationCategory.VILLAGE_CADRE, expectedVersion: 1 } });
    expect(updated.updateMember.member.occupation).toBe('VILLAGE_CADRE');
    const transferred = await run(sdk.TransferMemberDocument, {
      input: { memberId: members[3], toOrganizationId: ids.branchB, transferredAt: '2020-02-01', reason: '工作调动' },
    });
    expect(transferred.transferMember.toOrganization.id).toBe(ids.branchB);
    const joined = await run(sdk.JoinTemporaryBranchDocument, { input: { memberId: members[1], organizationId: ids.temporary, joinedAt: '2020-01-26', role: '党员' } });
    const left = await run(sdk.LeaveTemporaryBranchDocument, { input: { membershipId: joined.joinTemporaryBranch.membership.id, leftAt: '2020-03-01' } });
    expect(left.leaveTemporaryBranch.membership.leftAt).toBe('2020-03-01');
    const report = await run(sdk.ReportToCommunityDocument, { input: { memberId: members[0], communityId: ids.ourVillage, reportedAt: '2020-02-01', duty: '卡口值守' } });
    expect(report.reportToCommunity.report.community.id).toBe(ids.ourVillage);
  });

  it('inspection: form a team, add and release a member, record an inspection, rectify it', async () => {
    const formed = await run(sdk.FormInspectionTeamDocument, {
      input: {
        name: `SDK测试督查专班${unique}`,
        number: 900 + (Number(unique) % 99),
        areaId: ids.committee,
        organizerId: ids.department,
        formedAt: '2020-01-27',
        members: [
          { memberId: members[0], role: sdk.TeamRole.LEADER, servedFrom: '2020-01-27' },
          { memberId: members[1], role: sdk.TeamRole.MEMBER, servedFrom: '2020-01-27' },
        ],
      },
    });
    const team = formed.formInspectionTeam.team;
    const added = await run(sdk.AddInspectionTeamMemberDocument, { input: { teamId: team.id, memberId: members[2], role: sdk.TeamRole.MEMBER, servedFrom: '2020-02-01' } });
    const ended = await run(sdk.EndInspectionTeamServiceDocument, { input: { teamMemberId: added.addInspectionTeamMember.teamMember.id, servedTo: '2020-02-20' } });
    expect(ended.endInspectionTeamService.teamMember.servedTo).toBe('2020-02-20');
    const recorded = await run(sdk.RecordInspectionDocument, {
      input: { teamId: team.id, organizationId: ids.ourVillage, inspectedAt: '2020-02-03', round: 1, findings: '卡口值守到位', problems: '台账不全', problemCount: 1, groupsVisited: 6 },
    });
    expect(recorded.recordInspection.record.rectificationStatus).toBe('PENDING');
    const rectified = await run(sdk.RectifyInspectionFindingDocument, { input: { recordId: recorded.recordInspection.record.id, expectedVersion: 1, rectifiedAt: '2020-02-05' } });
    expect(rectified.rectifyInspectionFinding.record.rectificationStatus).toBe('RECTIFIED');
  });

  it('funds: open accounts, record a party fee, allocate — balances exact to the fen', async () => {
    const feeAccount = await run(sdk.OpenFundAccountDocument, {
      input: { organizationId: ids.committee, name: `SDK测试党费账户${unique}`, kind: sdk.FundAccountKind.PARTY_FEE, openedAt: '2020-01-01' },
    });
    ids.feeAccount = feeAccount.openFundAccount.account.id;
    const fee = await run(sdk.RecordPartyFeeDocument, {
      input: { accountId: ids.feeAccount, amount: '1000.10', counterparty: 'SDK测试支部甲', occurredAt: '2020-01-31', purpose: '2020年1月党费' },
    });
    expect(fee.recordPartyFee.account.balance).toBe('1000.10');
    const allocation = await run(sdk.AllocateFundsDocument, {
      input: {
        accountId: ids.feeAccount,
        amount: '200.20',
        targetOrganizationId: ids.branchA,
        occurredAt: '2020-02-01',
        purpose: '慰问一线党员',
        approvalMeeting: '2020年第1次党委会',
        documentNumber: '麻组文〔2020〕9号',
      },
    });
    expect(allocation.allocateFunds.account.balance).toBe(subtractMoney('1000.10', '200.20'));
    const donationAccount = await run(sdk.OpenFundAccountDocument, {
      input: { organizationId: ids.committee, name: `SDK测试捐款账户${unique}`, kind: sdk.FundAccountKind.DONATION, openedAt: '2020-01-01' },
    });
    ids.donationAccount = donationAccount.openFundAccount.account.id;
    const spare = await run(sdk.OpenFundAccountDocument, {
      input: { organizationId: ids.committee, name: `SDK测试待销户账户${unique}`, kind: sdk.FundAccountKind.SPECIAL, openedAt: '2020-01-01' },
    });
    const closed = await run(sdk.CloseFundAccountDocument, { input: { accountId: spare.openFundAccount.account.id, closedAt: '2020-02-01' } });
    expect(closed.closeFundAccount.account.closedAt).toBe('2020-02-01');
  });

  it('donations: a cash donation books a ledger entry; a material donation lists its items', async () => {
    const cash = await run(sdk.RecordDonationDocument, {
      input: {
        kind: sdk.DonationKind.CASH,
        donorName: 'SDK测试商会',
        donorType: sdk.DonorType.CHAMBER_OF_COMMERCE,
        amount: '5000.00',
        accountId: ids.donationAccount,
        mobilizedById: ids.committee,
        recipientId: ids.committee,
        donatedAt: '2020-02-02',
      },
    });
    expect(cash.recordDonation.account!.balance).toBe('5000.00');
    const material = await run(sdk.RecordDonationDocument, {
      input: {
        kind: sdk.DonationKind.MATERIAL,
        donorName: 'SDK测试企业',
        donorType: sdk.DonorType.ENTERPRISE,
        items: [{ name: '口罩', quantity: 1000, unit: '个' }],
        mobilizedById: ids.committee,
        recipientId: ids.committee,
        donatedAt: '2020-02-02',
      },
    });
    expect(material.recordDonation.donation.items).toEqual([expect.objectContaining({ name: '口罩', quantity: 1000, unit: '个' })]);
  });

  it('commendations: a batch with a money award paid from an account, to a member and an organization', async () => {
    const issued = await run(sdk.IssueCommendationBatchDocument, {
      input: {
        title: `SDK测试通报表扬${unique}`,
        documentNumber: '麻组文〔2020〕10号',
        issuerId: ids.committee,
        issuedAt: '2020-02-15',
        awardAccountId: ids.donationAccount,
        commendations: [
          { recipientMemberId: members[0], category: sdk.CommendationCategory.FRONTLINE_MEMBER, reason: '坚守一线', awardAmount: '100.00' },
          { recipientOrganizationId: ids.branchA, category: sdk.CommendationCategory.ADVANCED_UNIT, reason: '防控有力' },
        ],
      },
    });
    const [toMember, toOrganization] = issued.issueCommendationBatch.commendations;
    expect(toMember.recipient.__typename).toBe('Member');
    expect(toOrganization.recipient.__typename).toBe('Organization');
    expect(toMember.awardTransaction!.amount).toBe('100.00');
  });

  it('API keys: create one, list it, revoke it', async () => {
    const created = await run(sdk.CreateApiKeyDocument, {
      input: { name: `SDK测试密钥${Date.now()}`, role: sdk.Role.SYSTEM, organizationId: ids.branchA },
    });
    const { key, apiKey } = created.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const listed = await run(sdk.ApiKeysDocument, {});
    expect(listed.apiKeys.map((k) => k.id)).toContain(apiKey.id);
    const revoked = await run(sdk.RevokeApiKeyDocument, { input: { id: apiKey.id } });
    expect(revoked.revokeApiKey.apiKey.revokedAt).toBeTruthy();
  });

  it('posts: create, update, assign a holder, remove a holder', async () => {
    const created = await run(sdk.CreatePostDocument, {
      input: { organizationId: ids.branchA, kind: sdk.PostKind.VANGUARD, name: 'SDK测试先锋岗', duty: '卡口值守', establishedAt: '2020-02-01', holderIds: [members[0]] },
    });
    const post = created.createPost.post;
    await run(sdk.UpdatePostDocument, { input: { id: post.id, duty: '卡口值守、物资配送', expectedVersion: post.version } });
    const assigned = await run(sdk.AssignPostHolderDocument, { input: { postId: post.id, memberId: members[1], since: '2020-02-02' } });
    expect(assigned.assignPostHolder.post.holderCount).toBe(2);
    const removed = await run(sdk.RemovePostHolderDocument, { input: { postHolderId: assigned.assignPostHolder.postHolder.id } });
    expect(removed.removePostHolder.removedPostHolderId).toBe(assigned.assignPostHolder.postHolder.id);
  });

  it('squads: create, add a member, remove a member', async () => {
    const created = await run(sdk.CreateSquadDocument, {
      input: { organizationId: ids.branchA, name: 'SDK测试突击队', mission: '物资转运', formedAt: '2020-02-01', leaderId: members[0], memberIds: [members[0], members[1]] },
    });
    const squad = created.createSquad.squad;
    const added = await run(sdk.AddSquadMemberDocument, { input: { squadId: squad.id, memberId: members[2], joinedAt: '2020-02-03' } });
    expect(added.addSquadMember.squad.memberCount).toBe(3);
    const removed = await run(sdk.RemoveSquadMemberDocument, { input: { squadMemberId: added.addSquadMember.squadMember.id } });
    expect(removed.removeSquadMember.squad.memberCount).toBe(2);
  });

  it('volunteer service and a care visit with a payment', async () => {
    const service = await run(sdk.RecordVolunteerServiceDocument, {
      input: { organizationId: ids.branchA, servedAt: '2020-02-05', location: '龙池桥街道', content: '物资配送', durationMinutes: 90, participantIds: [members[0], members[1]] },
    });
    expect(service.recordVolunteerService.service.hours).toBe(1.5);
    const visit = await run(sdk.RecordCareVisitDocument, {
      input: {
        organizationId: ids.committee,
        method: sdk.CareMethod.VISIT,
        recipientCategory: sdk.CareRecipientCategory.FRONTLINE_CADRE,
        recipientMemberId: members[1],
        recipientName: '李测试',
        visitorId: members[0],
        visitedAt: '2020-02-10',
        payment: { accountId: ids.feeAccount, amount: '300.00' },
      },
    });
    expect(visit.recordCareVisit.account!.balance).toBe(subtractMoney(subtractMoney('1000.10', '200.20'), '300.00'));
  });
});

describe('subscriptions (replayed from the cursor of the first write)', () => {
  it('changes, entityChanges and organizationChanges each deliver the committed events', async () => {
    const change = await firstEvent(sdk.ChangesDocument, { after: cursorAfterCommittee });
    expect(change.changes).toMatchObject({ entityType: 'Organization', entityId: ids.committee2, operation: 'CREATE' });
    expect(change.changes.entity?.__typename).toBe('Organization');
    const entity = await firstEvent(sdk.EntityChangesDocument, { entityId: ids.branchA, after: cursorAfterCommittee });
    expect(entity.entityChanges).toMatchObject({ entityId: ids.branchA, operation: 'CREATE' });
    const scoped = await firstEvent(sdk.OrganizationChangesDocument, { organizationId: ids.committee, after: cursorAfterCommittee, entityTypes: ['Member'] });
    expect(scoped.organizationChanges.entityType).toBe('Member');
    expect(scoped.organizationChanges.organizationPath).toMatch(/^\/\d+\/\d+\//);
  });
});

it('ran every query, mutation and subscription of the SDK', () => {
  expect([...executed].sort()).toEqual([...sdkOperations().keys()].sort());
});
