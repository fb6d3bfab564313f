/** Adds organizations to the tree, deriving code, path and depth from the parent. */
import { randomDate } from './dates';
import type { Dataset, MemberProfile, OrganizationKind, OrgNode, UnitType } from './model';
import { isGrassroots } from './model';
import type { Random } from './random';

export interface OrgSpec {
  name: string;
  kind: OrganizationKind;
  unitName: string;
  unitType: UnitType;
  establishedAt?: string;
  task?: string;
  approvalDocument?: string;
  villageGroupCount?: number;
  profile?: MemberProfile;
  size?: number;
  area?: OrgNode | null;
}

/** The unit and member profile of a leaf organization. */
export interface LeafUnit {
  unitName: string;
  unitType: UnitType;
  profile: MemberProfile;
  size: number;
  area?: OrgNode | null;
  villageGroupCount?: number;
}

const ROOT_CODE = '421181';

/** Default founding-date ranges by unit type. */
const ESTABLISHED_RANGES: Partial<Record<UnitType, [string, string]>> = {
  VILLAGE: ['1952-03-01', '1990-12-31'],
  COMMUNITY: ['1985-01-01', '2012-12-31'],
  ENTERPRISE: ['2003-01-01', '2019-06-30'],
  SCHOOL: ['1962-01-01', '2012-12-31'],
  HOSPITAL: ['1958-01-01', '2010-12-31'],
};

/** Standard names: 中共{unit}支部委员会 / 总支部委员会 / 委员会 / 联合支部委员会. */
export function partyOrgName(unit: string, kind: OrganizationKind): string {
  const suffixes: Partial<Record<OrganizationKind, string>> = {
    PARTY_COMMITTEE: '委员会',
    GENERAL_BRANCH: '总支部委员会',
    BRANCH: '支部委员会',
    JOINT_BRANCH: '联合支部委员会',
  };
  const suffix = suffixes[kind];
  if (!suffix) throw new Error(`no standard name for ${kind}`);
  return `中共${unit}${suffix}`;
}

export class OrgBuilder {
  readonly all: OrgNode[] = [];
  /** Place and company names already used (西畈社区 is placed explicitly). */
  readonly takenNames = new Set<string>(['西畈社区']);

  constructor(
    private readonly dataset: Dataset,
    readonly rng: Random,
  ) {}

  add(parent: OrgNode | null, spec: OrgSpec): OrgNode {
    const row = this.dataset.organization.add({
      name: spec.name,
      code: parent ? childCode(parent) : ROOT_CODE,
      kind: spec.kind,
      parent_id: parent?.row.id ?? null,
      path: '',
      depth: parent ? parent.row.depth + 1 : 0,
      unit_name: spec.unitName,
      unit_type: spec.unitType,
      established_at: spec.establishedAt ?? this.foundingDate(spec.unitType),
      dissolved_at: null,
      task: spec.task ?? null,
      approval_document: spec.approvalDocument ?? null,
      village_group_count: spec.villageGroupCount ?? null,
      secretary_id: null,
    });
    row.path = `${parent?.row.path ?? '/'}${row.id}/`;
    const area = spec.area !== undefined ? spec.area : (parent?.area ?? null);
    const node: OrgNode = { row, parent, children: [], members: [], area, profile: spec.profile ?? null, size: spec.size ?? 0 };
    parent?.children.push(node);
    this.all.push(node);
    return node;
  }

  /** A leaf organization named after `label` whose members are generated from a profile. */
  leaf(parent: OrgNode, label: string, unit: LeafUnit, kind: OrganizationKind = 'BRANCH'): OrgNode {
    return this.add(parent, { ...unit, name: partyOrgName(label, kind), kind });
  }

  grassrootsCount(): number {
    return this.all.filter((node) => isGrassroots(node.row.kind)).length;
  }

  private foundingDate(unitType: UnitType): string {
    const [from, to] = ESTABLISHED_RANGES[unitType] ?? ['1978-01-01', '2015-12-31'];
    return randomDate(this.rng, from, to);
  }
}

function childCode(parent: OrgNode): string {
  const width = parent.row.depth === 0 ? 2 : 3;
  return parent.row.code + String(parent.children.length + 1).padStart(width, '0');
}
