/**
 * The query library: every figure of the 2020-02-16 report answered by one documented query, plus
 * examples of the analytics API. The playground offers it, docs/queries.md is generated from it,
 * and src/test/figures.test.ts runs every entry and checks the figures.
 */
export interface LibraryQuery {
  /** Stable identifier (used by the tests and as the docs anchor). */
  id: string;
  /** Topic the playground groups it under. */
  topic: string;
  title: string;
  /** What it answers and how. */
  description: string;
  /** The report's wording of the figure this query reproduces (examples have none). */
  figure?: string;
  /** Where in the result the figure is read. */
  answer?: string;
  query: string;
}

export const TOPICS = ['组织与党员', '督查', '党员岗、突击队与志愿服务', '资金与捐赠', '表彰与慰问', '报道中的人物', '统计分析示例'] as const;

export const QUERY_LIBRARY: LibraryQuery[] = [
  {
    id: 'grassroots-organizations',
    topic: '组织与党员',
    title: '基层党组织数',
    figure: '全市1600余个基层党组织',
    answer: 'analytics.organizations.total.count（按类别分列见 groups）',
    description: '基层党组织指党委、党总支、党支部及其临时形式（有国家标准类别代码的党组织），不含市委、工作部门、党组和党工委。',
    query: `# 全市1600余个基层党组织：按党组织类别分组计数
query GrassrootsOrganizations {
  analytics {
    organizations(filter: { grassroots: true }, groupBy: [KIND], orderBy: [{ field: COUNT, direction: DESC }]) {
      total { count }
      groups { kind count }
    }
  }
}
`,
  },
  {
    id: 'members-total',
    topic: '组织与党员',
    title: '党员总数',
    figure: '近4万名党员干部',
    answer: 'analytics.members.total.count',
    description: '组织关系在全市各党组织的党员人数，并按党员类别（正式 / 预备）分列。',
    query: `# 近4万名党员：党员总数与正式、预备党员人数
query MemberTotal {
  analytics {
    members(groupBy: [STATUS]) {
      total { count inServiceCount }
      groups { status count }
    }
  }
}
`,
  },
  {
    id: 'hospital-temporary-branches',
    topic: '组织与党员',
    title: '市医院的临时党支部与党员医护人员',
    figure: '市医院在一线成立5个临时党支部，65名党员医护人员战斗在抗“疫”一线，涌现出陈敬锋、王双兰夫妻齐心抗疫等先进典型',
    answer:
      'hospital.analytics.organizations.total.count 为临时党支部数；hospital.analytics.temporaryMemberships.total.memberCount 为党员医护人员数；couple 为陈敬锋、王双兰所在的临时党支部',
    description: '按名称取得市人民医院党委后，在其范围内统计临时党支部个数和临时党支部成员（按职业类别分列）；成员的组织关系仍在原科室支部。',
    query: `# 市医院 5 个临时党支部、65 名党员医护人员（陈敬锋、王双兰在其中）
query HospitalTemporaryBranches {
  hospital: organizations(filter: { nameContains: "人民医院", kinds: [PARTY_COMMITTEE] }) {
    nodes {
      name
      analytics {
        organizations(filter: { kinds: [TEMPORARY_BRANCH] }) { total { count } }
        temporaryMemberships(groupBy: [OCCUPATION]) {
          total { memberCount }
          groups { occupation memberCount }
        }
      }
    }
  }
  couple: members(filter: { names: ["陈敬锋", "王双兰"] }) {
    nodes {
      name
      occupation
      organization { name }
      temporaryMemberships { organization { name } joinedAt }
    }
  }
}
`,
  },
  {
    id: 'inspection-cadres',
    topic: '督查',
    title: '督查专班与抽调干部',
    figure: '全市抽调38名素质过硬的骨干力量组建19个督查专班，市委组织部10名干部参与其中',
    answer: 'all.total.memberCount 为干部人数、all.total.teamCount 为专班数；bySource.groups[0] 为抽调干部最多的单位（市委组织部机关支部，10 人）',
    description: '督查专班成员按组织关系所在党组织分组，即每名干部抽调自哪个单位。',
    query: `# 38 名干部组成 19 个督查专班，其中市委组织部 10 名
query InspectionCadres {
  analytics {
    all: inspectionCadres { total { memberCount teamCount leaderCount } }
    bySource: inspectionCadres(
      groupBy: [HOME_ORGANIZATION]
      orderBy: [{ field: MEMBER_COUNT, direction: DESC }]
      first: 3
    ) {
      groupCount
      groups { homeOrganization { name } memberCount }
    }
  }
}
`,
  },
  {
    id: 'inspection-rounds',
    topic: '督查',
    title: '督查轮次与村（社区）覆盖',
    figure: '1月28日以来，全市19个督察队深入452个村(社区)督导防疫工作17次',
    answer: 'inspections.total 的 roundCount、villageCount、teamCount；villageCoverage.total 为覆盖率',
    description: '2020-01-28 以来的督查记录：轮次数、覆盖的村（社区）数、专班数，以及全部村（社区）中被督查的比例。',
    query: `# 19 个督察队、452 个村（社区）、17 次督导（自 2020-01-28）
query InspectionRounds {
  analytics {
    inspections(filter: { inspectedAt: { from: "2020-01-28" } }) {
      total { count roundCount villageCount teamCount dayCount }
    }
    villageCoverage(filter: { inspectedAt: { from: "2020-01-28" } }) {
      total { villageCount coveredCount coverageRatio }
    }
  }
}
`,
  },
  {
    id: 'li-feng-longchiqiao',
    topic: '督查',
    title: '李峰包保龙池桥办事处',
    figure: '市委组织部副部长李峰同志连续参加督办17天以上，所包保的龙池桥办事处所有塆组跑遍三次',
    answer:
      'team.distinctInspectionDays 为督办天数；area.analytics.villageCoverage 中走遍全部塆组至少 3 次的村（社区）数等于总数；fullThreeTimes.groupCount 为恰好 3 次的村（社区）数',
    description: '从李峰的专班取得包保区域（龙池桥街道），再在该区域内统计“走遍全部塆组”的督查记录：每个村（社区）恰好三次。',
    query: `# 李峰连续督办 17 天以上，龙池桥办事处所有塆组跑遍三次
query LiFengLongchiqiao {
  members(filter: { names: ["李峰"] }) {
    nodes {
      name
      positions { title }
      inspectionTeamMemberships {
        role
        daysOnDuty(asOf: "2020-02-16")
        team {
          name
          distinctInspectionDays
          area {
            name
            unitName
            analytics {
              villageCoverage(filter: { fullGroupCoverage: true }, minInspections: 3) {
                total { villageCount coveredCount }
              }
              fullThreeTimes: inspections(
                filter: { fullGroupCoverage: true }
                groupBy: [ORGANIZATION]
                having: { count: { min: 3, max: 3 } }
              ) {
                groupCount
              }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    id: 'posts-and-squads',
    topic: '党员岗、突击队与志愿服务',
    title: '党员岗与党员突击队',
    figure: '设置“党员先锋岗”“党员示范岗”“党员责任岗”600余个；组建疫情防控党员突击队710个',
    answer: 'posts.total.count 为党员岗数（groups 按岗位类型分列）；squads.total.count 为突击队数',
    description: '党员岗按岗位类型分组；突击队总数。',
    query: `# 600 余个党员岗、710 支党员突击队
query PostsAndSquads {
  analytics {
    posts(groupBy: [KIND]) {
      total { count }
      groups { kind count }
    }
    squads { total { count } }
  }
}
`,
  },
  {
    id: 'volunteer-services',
    topic: '党员岗、突击队与志愿服务',
    title: '党员志愿者与志愿服务',
    figure: '号召1万余名党员志愿者开展志愿服务2500余次',
    answer: 'volunteerServices.total.volunteerCount 为志愿者人数，count 为服务次数',
    description: '志愿服务次数、参加的志愿者人数（去重）、参加人次与服务总时长。',
    query: `# 1 万余名党员志愿者、2500 余次志愿服务
query VolunteerServices {
  analytics {
    volunteerServices {
      total { count volunteerCount participationCount totalHours }
    }
  }
}
`,
  },
  {
    id: 'community-reports',
    topic: '党员岗、突击队与志愿服务',
    title: '在职党员到村（社区）报到',
    figure: '麻城市先后组织近4万名党员到村(社区)报到',
    answer: 'members.total.reportedToCommunityCount 为报到人数；reportedToCommunityRatio 为在职党员报到率',
    description: '在职党员中已到村（社区）报到的人数与比例（报到人数 ÷ 在职党员数）。',
    query: `# 近 4 万名党员到村（社区）报到
query CommunityReports {
  analytics {
    members(filter: { inService: true }) {
      total { count reportedToCommunityCount reportedToCommunityRatio }
    }
  }
}
`,
  },
  {
    id: 'federation-donations',
    topic: '资金与捐赠',
    title: '市工商联党组发动的捐赠',
    figure: '市工商联党组发动各地商会捐款捐物，累计捐赠资金1716万元、口罩83万余个',
    answer: 'analytics.donations.total.cashTotal 为捐赠资金（元）；analytics.masks.total.quantity 为口罩数（个）',
    description: '按名称取得工商联党组，以“发动捐赠的党组织”为口径（via: MOBILIZER）统计资金捐赠合计和口罩数量。',
    query: `# 工商联党组：捐赠资金 1716 万元、口罩 83 万余个
query FederationDonations {
  organizations(filter: { nameContains: "工商业联合会党组" }) {
    nodes {
      name
      analytics {
        donations(via: MOBILIZER) { total { count cashCount cashTotal } }
        masks: donationItems(via: MOBILIZER, filter: { names: ["口罩"] }) { total { quantity donationCount } }
      }
    }
  }
}
`,
  },
  {
    id: 'industry-donations',
    topic: '资金与捐赠',
    title: '市产业中心党组倡议的捐款',
    figure: '市产业中心党组倡议园区石材企业捐款捐物，共筹集善款1000余万元',
    answer: 'analytics.donations.total.cashTotal（元）',
    description: '按名称取得产业发展中心党组，以“发动捐赠的党组织”为口径统计资金捐赠合计。',
    query: `# 产业中心党组：石材企业捐款 1000 余万元
query IndustryDonations {
  organizations(filter: { nameContains: "产业发展中心党组" }) {
    nodes {
      name
      analytics {
        donations(via: MOBILIZER, filter: { kinds: [CASH] }) { total { count cashTotal } }
      }
    }
  }
}
`,
  },
  {
    id: 'condolence-funds',
    topic: '资金与捐赠',
    title: '慰问资金',
    figure: '从代市委管理的党费和驻太仓党委党员爱心捐款中共筹集资金203万元，用于慰问',
    answer: 'fundTransactions.total.totalOut 为慰问支出合计（元）；groups 按资金账户分列',
    description: '类别为“慰问”的资金流水，按资金账户（代市委管理的党费、驻太仓党委党员爱心捐款）分组，金额精确到分。',
    query: `# 203 万元慰问资金：来自代市委管理的党费和驻太仓党委党员爱心捐款
query CondolenceFunds {
  analytics {
    fundTransactions(filter: { kinds: [CONDOLENCE] }, groupBy: [ACCOUNT]) {
      total { count totalOut }
      groups { account { name kind } count totalOut }
    }
  }
}
`,
  },
  {
    id: 'first-batch-commendations',
    topic: '表彰与慰问',
    title: '第一批通报表扬',
    figure: '对4名一线党员、10名基层干部、8名医务工作者、20名志愿者予以第一批通报表扬',
    answer: 'commendations.groups：第一批通报表扬各表彰类别的人数',
    description: '对象为党员的表彰按批次和表彰类别分组。',
    query: `# 第一批通报表扬：一线党员 4 名、基层干部 10 名、医务工作者 8 名、志愿者 20 名
query FirstBatchCommendations {
  analytics {
    commendations(filter: { recipientKind: MEMBER }, groupBy: [BATCH, CATEGORY]) {
      total { count }
      groups { batch { title issuedAt documentNumber } category count }
    }
  }
}
`,
  },
  {
    id: 'unit-awards',
    topic: '表彰与慰问',
    title: '通报表扬并资金奖励的单位',
    figure: '对工作成效显著的4个单位予以通报表扬并资金奖励',
    answer: 'analytics.commendations.total.awardCount 为获资金奖励的单位数，awardTotal 为奖金合计（元）',
    description: '有奖金的表彰，按对象类型分组；奖金从代市委管理的党费中支付。',
    query: `# 4 个单位通报表扬并资金奖励
query UnitAwards {
  analytics {
    commendations(filter: { hasAward: true }, groupBy: [RECIPIENT_KIND]) {
      total { count awardCount awardTotal }
      groups { recipientKind count awardTotal }
    }
  }
}
`,
  },
  {
    id: 'secretary-calls',
    topic: '表彰与慰问',
    title: '电话慰问党组织书记',
    figure: '为452名市乡村三级党组织书记送上电话慰问',
    answer: 'careVisits.total.count 为电话慰问次数，recipientCount 为慰问的书记人数',
    description: '慰问方式为电话、对象类别为党组织书记的慰问记录。',
    query: `# 电话慰问 452 名市乡村三级党组织书记
query SecretaryCalls {
  analytics {
    careVisits(filter: { methods: [PHONE], recipientCategories: [ORGANIZATION_SECRETARY] }) {
      total { count recipientCount }
    }
  }
}
`,
  },
  {
    id: 'named-people',
    topic: '报道中的人物',
    title: '报道中的人物',
    figure: '叶旭（市委常委、组织部长）、李峰（副部长）、刘小峰（现年38岁，连续在一线奋战20余天）、陈敬锋与王双兰、谈杰（西畈社区74岁老党员）、彭向阳',
    answer: 'members.nodes：各人的职务、年龄（按报道日期 2020-02-16）、所在组织、在岗天数',
    description: '按姓名精确查找报道中的七位党员（names 为完全匹配，避免“李峰”匹配到同名前缀的其他党员）。',
    query: `# 报道中的人物：职务、年龄、所在组织、督查在岗天数、突击队
query NamedPeople {
  members(
    filter: { names: ["叶旭", "李峰", "刘小峰", "陈敬锋", "王双兰", "谈杰", "彭向阳"] }
    orderBy: { field: ID }
    first: 10
  ) {
    totalCount
    nodes {
      name
      gender
      age(asOf: "2020-02-16")
      occupation
      organization { name unitName }
      positions { title }
      inspectionTeamMemberships { team { name } daysOnDuty(asOf: "2020-02-16") }
      squads { name }
    }
  }
}
`,
  },
  {
    id: 'members-by-age-and-gender',
    topic: '统计分析示例',
    title: '党员年龄段与性别结构',
    description: '按报道日期计算年龄段，与性别交叉分组；groups 可导出为 CSV。',
    query: `# 党员按年龄段 × 性别分组（年龄按 2020-02-16 计算）
query MembersByAgeAndGender {
  analytics {
    members(groupBy: [AGE_BAND, GENDER], asOf: "2020-02-16") {
      total { count averageAge }
      groups { ageBand gender count averageAge }
    }
  }
}
`,
  },
  {
    id: 'members-by-town',
    topic: '统计分析示例',
    title: '党员人数较多的乡镇（街道）',
    description: '按乡镇（街道、开发区）分组，只保留党员超过 2000 人的（having），按人数从多到少排序。',
    query: `# 党员超过 2000 人的乡镇（街道），人数从多到少
query MembersByTown {
  analytics {
    members(
      groupBy: [TOWN]
      having: { count: { min: 2001 } }
      orderBy: [{ field: COUNT, direction: DESC }]
    ) {
      groupCount
      groups { town { name } count inServiceCount reportedToCommunityRatio }
    }
  }
}
`,
  },
  {
    id: 'members-by-child-organization',
    topic: '统计分析示例',
    title: '各下级党组织的党员（整棵子树汇总）',
    description: '市委的每个直接下级党组织（乡镇党委、街道党工委、系统党委等）连同其全部下级汇总为一组。',
    query: `# 市委各直接下级党组织（含其全部下级）的党员人数与平均年龄
query MembersByChildOrganization {
  analytics {
    members(groupBy: [CHILD_ORGANIZATION], orderBy: [{ field: COUNT, direction: DESC }], asOf: "2020-02-16") {
      groups { childOrganization { name code } count averageAge }
    }
  }
}
`,
  },
  {
    id: 'coverage-by-town-and-round',
    topic: '统计分析示例',
    title: '各乡镇、各轮次的督查覆盖率',
    description: '村（社区）被督查的个数与比例：按乡镇（街道）分组，以及按督查轮次分组（每轮的分母都是全部村（社区））。',
    query: `# 督查覆盖率：按乡镇（街道）、按轮次
query CoverageByTownAndRound {
  analytics {
    byTown: villageCoverage(groupBy: [TOWN]) {
      groups { town { name } villageCount coveredCount coverageRatio }
    }
    byRound: villageCoverage(groupBy: [ROUND]) {
      groups { round villageCount coveredCount coverageRatio }
    }
  }
}
`,
  },
  {
    id: 'inspection-weekly',
    topic: '统计分析示例',
    title: '每周督查与问题整改',
    description: '督查记录按周汇总（没有督查的周补 0），以及各整改状态的记录数。',
    query: `# 每周督查村次、发现问题数；各整改状态的记录数
query InspectionWeekly {
  analytics {
    inspectionTimeSeries(interval: WEEK, range: { from: "2020-01-20", to: "2020-02-29" }) {
      period periodEnd count villageCount problemCount pendingCount
    }
    inspections(groupBy: [RECTIFICATION_STATUS]) {
      groups { rectificationStatus count problemCount }
    }
  }
}
`,
  },
  {
    id: 'spending-monthly',
    topic: '统计分析示例',
    title: '每月资金支出',
    description: '支出流水按月汇总（没有支出的月份补 0），以及按流水类别分组的支出合计；金额精确到分。',
    query: `# 2019-2020 年每月资金支出；按类别的支出合计
query SpendingMonthly {
  analytics {
    fundTransactionTimeSeries(interval: MONTH, filter: { directions: [OUT] }, range: { from: "2019-12-01", to: "2020-03-31" }) {
      period count totalOut
    }
    fundTransactions(filter: { directions: [OUT] }, groupBy: [KIND], orderBy: [{ field: TOTAL_OUT, direction: DESC }]) {
      groups { kind count totalOut }
    }
  }
}
`,
  },
  {
    id: 'daily-activities',
    topic: '统计分析示例',
    title: '每日志愿服务、捐赠与慰问',
    description: '疫情防控期间每日的志愿服务、捐赠和慰问次数（没有数据的日期补 0）。',
    query: `# 2020-01-20 至 2020-02-16 每日志愿服务、捐赠、慰问
query DailyActivities {
  analytics {
    volunteerServiceTimeSeries(interval: DAY, range: { from: "2020-01-20", to: "2020-02-16" }) {
      period count volunteerCount totalHours
    }
    donationTimeSeries(interval: DAY, range: { from: "2020-01-20", to: "2020-02-16" }) {
      period count cashTotal
    }
    careVisitTimeSeries(interval: DAY, range: { from: "2020-01-20", to: "2020-02-16" }) {
      period count
    }
  }
}
`,
  },
  {
    id: 'donation-materials',
    topic: '统计分析示例',
    title: '捐赠物资按发动党组织',
    description: '物资明细按发动捐赠的党组织、物资名称和计量单位分组，数量从多到少。',
    query: `# 捐赠物资：发动党组织 × 物资
query DonationMaterials {
  analytics {
    donationItems(groupBy: [MOBILIZED_BY, ITEM, UNIT], orderBy: [{ field: QUANTITY, direction: DESC }]) {
      groups { mobilizedBy { name } item unit quantity donationCount }
    }
  }
}
`,
  },
];
