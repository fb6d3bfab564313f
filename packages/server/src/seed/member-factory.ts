/** Creates realistic, valid member rows: names, dates, education, ID numbers and phone numbers. */
import { idCardCheckDigit } from '../common/id-card';
import { addDays, addYears, daysBetween, earlierOf, laterOf, randomDate } from './dates';
import type { Dataset, Education, Gender, MemberRow, Occupation, OrgNode } from './model';
import { ethnicity, personName } from './names';
import type { Area } from './organizations';
import type { Random } from './random';

const REGION_CODE = '421181';
const LAST_FULL_MEMBER_JOIN = '2019-02-16';
const FIRST_PROBATIONARY_JOIN = '2019-02-17';
const LAST_JOIN = '2020-01-31';

const BIRTH_YEARS: Record<Occupation, [number, number]> = {
  RETIRED: [1932, 1959], FARMER: [1942, 1996], VILLAGE_CADRE: [1958, 1993], GOVERNMENT_CADRE: [1961, 1996],
  MEDICAL_STAFF: [1962, 1997], TEACHER: [1961, 1997], ENTERPRISE_EMPLOYEE: [1963, 1998], SELF_EMPLOYED: [1955, 1995],
  OTHER: [1950, 1997], STUDENT: [1997, 2000],
};

const MALE_SHARE: Record<Occupation, number> = {
  VILLAGE_CADRE: 0.78, FARMER: 0.75, RETIRED: 0.74, GOVERNMENT_CADRE: 0.68, MEDICAL_STAFF: 0.38, TEACHER: 0.45,
  ENTERPRISE_EMPLOYEE: 0.66, SELF_EMPLOYED: 0.66, OTHER: 0.55, STUDENT: 0.45,
};

type EducationMix = readonly (readonly [Education, number])[];
const BASIC: EducationMix = [['JUNIOR_HIGH', 35], ['SENIOR_HIGH', 35], ['JUNIOR_COLLEGE', 20], ['BACHELOR', 10]];
const GRADUATE: EducationMix = [['JUNIOR_COLLEGE', 25], ['BACHELOR', 65], ['POSTGRADUATE', 10]];
const EDUCATION: Record<Occupation, EducationMix> = {
  FARMER: [['PRIMARY', 25], ['JUNIOR_HIGH', 50], ['SENIOR_HIGH', 20], ['JUNIOR_COLLEGE', 5]],
  VILLAGE_CADRE: [['JUNIOR_HIGH', 20], ['SENIOR_HIGH', 40], ['JUNIOR_COLLEGE', 30], ['BACHELOR', 10]],
  RETIRED: [['PRIMARY', 15], ['JUNIOR_HIGH', 30], ['SENIOR_HIGH', 30], ['JUNIOR_COLLEGE', 15], ['BACHELOR', 10]],
  GOVERNMENT_CADRE: [['JUNIOR_COLLEGE', 20], ['BACHELOR', 65], ['POSTGRADUATE', 15]],
  MEDICAL_STAFF: [['JUNIOR_COLLEGE', 35], ['BACHELOR', 55], ['POSTGRADUATE', 10]],
  TEACHER: GRADUATE,
  STUDENT: GRADUATE,
  ENTERPRISE_EMPLOYEE: [['JUNIOR_HIGH', 20], ['SENIOR_HIGH', 35], ['JUNIOR_COLLEGE', 25], ['BACHELOR', 20]],
  SELF_EMPLOYED: BASIC,
  OTHER: BASIC,
};

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '171', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187',
  '188', '189', '191', '198', '199',
];
const TAICANG_TOWNS = ['城厢镇', '沙溪镇', '浏河镇', '璜泾镇', '双凤镇', '陆渡街道'];

/** Facts that a named person must have; everything else is generated. */
export type MemberOverrides = Partial<Omit<MemberRow, 'id' | 'organization_id' | 'id_card_number' | 'phone'>>;

export class MemberFactory {
  private readonly idSequences = new Map<string, number>();
  private readonly phones = new Set<string>();

  constructor(
    private readonly dataset: Dataset,
    private readonly rng: Random,
    private readonly reservedNames: ReadonlySet<string>,
    private readonly areaOf: (node: OrgNode) => Area,
  ) {}

  create(node: OrgNode, occupation: Occupation, overrides: MemberOverrides = {}): MemberRow {
    const rng = this.rng;
    const gender = overrides.gender ?? (rng.chance(MALE_SHARE[occupation]) ? 'MALE' : 'FEMALE');
    const birthDate = overrides.birth_date ?? this.birthDate(occupation);
    const membership = overrides.joined_party_at ? fullMembership(overrides.joined_party_at) : this.membership(birthDate);
    const row = this.dataset.member.add({
      name: personName(rng, gender, this.reservedNames),
      gender,
      ethnicity: ethnicity(rng),
      birth_date: birthDate,
      education: rng.weighted(EDUCATION[occupation]),
      ...membership,
      standing: this.standing(occupation),
      occupation,
      in_service: occupation !== 'RETIRED',
      mobile: node.profile === 'flowing',
      organization_id: node.row.id,
      id_card_number: this.idCardNumber(birthDate, gender),
      phone: this.phone(),
      address: rng.chance(0.35) ? this.address(node) : null,
      ...overrides,
    });
    node.members.push(row);
    return row;
  }

  private birthDate(occupation: Occupation): string {
    const [from, to] = BIRTH_YEARS[occupation];
    const date = randomDate(this.rng, `${from}-01-01`, `${to}-12-31`);
    return date.endsWith('02-29') ? date.replace('02-29', '02-28') : date;
  }

  /** 入党 at 18 or later; a small share are 预备党员 who joined within the last year. */
  private membership(birthDate: string): Pick<MemberRow, 'joined_party_at' | 'full_member_at' | 'status'> {
    const adult = addYears(birthDate, 18);
    const canBeProbationary = adult <= LAST_JOIN;
    if (canBeProbationary && (adult > LAST_FULL_MEMBER_JOIN || this.rng.chance(0.025))) {
      const joined = randomDate(this.rng, laterOf(adult, FIRST_PROBATIONARY_JOIN), LAST_JOIN);
      return { joined_party_at: joined, full_member_at: null, status: 'PROBATIONARY' };
    }
    const latest = earlierOf(addYears(birthDate, 55), LAST_FULL_MEMBER_JOIN);
    const offset = Math.floor(daysBetween(adult, latest) * this.rng.next() ** 1.7);
    return fullMembership(addDays(adult, offset));
  }

  private standing(occupation: Occupation): MemberRow['standing'] {
    if (occupation !== 'FARMER' && occupation !== 'OTHER' && occupation !== 'SELF_EMPLOYED') return 'NORMAL';
    const roll = this.rng.next();
    return roll < 0.004 ? 'LOST_CONTACT' : roll < 0.006 ? 'SUSPENDED' : 'NORMAL';
  }

  /** 421181 + birth date + sequence (odd for men, even for women) + check character. */
  private idCardNumber(birthDate: string, gender: Gender): string {
    const key = `${birthDate}${gender}`;
    const next = this.idSequences.get(key) ?? this.rng.int(0, 200);
    this.idSequences.set(key, next + 1);
    const sequence = String(next * 2 + (gender === 'MALE' ? 1 : 2)).padStart(3, '0');
    const first17 = `${REGION_CODE}${birthDate.replaceAll('-', '')}${sequence}`;
    return first17 + idCardCheckDigit(first17);
  }

  private phone(): string {
    for (;;) {
      const phone = this.rng.pick(PHONE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  private address(node: OrgNode): string {
    const number = this.rng.int(1, 188);
    if (node.profile === 'flowing') return `江苏省太仓市${this.rng.pick(TAICANG_TOWNS)}${number}号`;
    const area = this.areaOf(node);
    const village = area.villages.includes(node) ? node : this.rng.pick(area.villages);
    return `湖北省${area.prefix}${village.row.unit_name}${number}号`;
  }
}

function fullMembership(joined: string): Pick<MemberRow, 'joined_party_at' | 'full_member_at' | 'status'> {
  if (joined > LAST_FULL_MEMBER_JOIN) throw new Error(`a full member cannot have joined on ${joined}`);
  return { joined_party_at: joined, full_member_at: addYears(joined, 1), status: 'FULL' };
}
