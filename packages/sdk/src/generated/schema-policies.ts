/* 由 pnpm codegen 根据 schema/schema.graphql 生成（packages/sdk/codegen/schema-policies.cjs），请勿手工修改。 */

/** 每个返回 Relay 连接的字段（按所属类型），以及区分不同列表的参数（缓存的 keyArgs；first/after/last/before 之外的全部参数）。 */
export const connectionFields = {
  CommendationBatch: {
    commendations: [
      'filter',
      'orderBy'
    ]
  },
  FundAccount: {
    transactions: [
      'filter',
      'orderBy'
    ]
  },
  InspectionTeam: {
    records: [
      'filter',
      'orderBy'
    ]
  },
  Member: {
    commendations: [
      'filter',
      'orderBy'
    ],
    volunteerServices: [
      'filter',
      'orderBy'
    ]
  },
  Organization: {
    careVisits: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    children: [
      'filter',
      'orderBy'
    ],
    commendations: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    communityReports: [],
    descendants: [
      'filter',
      'orderBy'
    ],
    inspections: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    inspectionTeams: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    issuedCommendationBatches: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    members: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    mobilizedDonations: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    moves: [],
    posts: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    receivedAllocations: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    receivedDonations: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    squads: [
      'filter',
      'includeDescendants',
      'orderBy'
    ],
    temporaryMemberships: [],
    volunteerServices: [
      'filter',
      'includeDescendants',
      'orderBy'
    ]
  },
  Query: {
    careVisits: [
      'filter',
      'orderBy'
    ],
    changeEvents: [
      'filter'
    ],
    commendationBatches: [
      'filter',
      'orderBy'
    ],
    commendations: [
      'filter',
      'orderBy'
    ],
    donations: [
      'filter',
      'orderBy'
    ],
    fundAccounts: [
      'filter',
      'orderBy'
    ],
    fundTransactions: [
      'filter',
      'orderBy'
    ],
    inspectionRecords: [
      'filter',
      'orderBy'
    ],
    inspectionTeams: [
      'filter',
      'orderBy'
    ],
    members: [
      'filter',
      'orderBy'
    ],
    organizations: [
      'filter',
      'orderBy'
    ],
    posts: [
      'filter',
      'orderBy'
    ],
    squads: [
      'filter',
      'orderBy'
    ],
    volunteerServices: [
      'filter',
      'orderBy'
    ]
  },
  Squad: {
    members: [
      'filter',
      'orderBy'
    ]
  },
  VolunteerService: {
    participants: [
      'filter',
      'orderBy'
    ]
  }
} as const satisfies Record<string, Record<string, readonly string[]>>;

/** 按 id 取单个对象的根查询字段及其返回类型：缓存中已有该对象时直接读取。 */
export const entityLookupFields = {
  careVisit: 'CareVisit',
  commendation: 'Commendation',
  commendationBatch: 'CommendationBatch',
  donation: 'Donation',
  fundAccount: 'FundAccount',
  fundTransaction: 'FundTransaction',
  inspectionRecord: 'InspectionRecord',
  inspectionTeam: 'InspectionTeam',
  member: 'Member',
  organization: 'Organization',
  post: 'Post',
  squad: 'Squad',
  volunteerService: 'VolunteerService'
} as const satisfies Record<string, string>;
