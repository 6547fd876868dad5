import { readFileSync } from 'node:fs'
import type { PlaceLevel } from '../types.ts'
import { GENERIC } from './names.ts'

/** A unit of China's administrative divisions, from the province down to the township. */
export interface Division {
  /** The statistical division code: 2 digits for a province, 4 a prefecture, 6 a county, 9 a township. */
  code: string
  /** Full name: 河北省, 驻马店市, 黔东南苗族侗族自治州, 海拉尔区, 牛塘镇. */
  name: string
  level: Exclude<PlaceLevel, 'national'>
  parent: Division | null
}

const LEVELS: Record<number, Division['level']> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township' }

/** The 55 minority nationalities as autonomous places name them (宁夏回族自治区, 长阳土家族自治县). */
const ETHNIC =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各'
/** A zone's generic name, with no place of its own in it. */
const ZONE = /^(?:经济技术|高新技术产业|高新技术|经济|工业|产业)?(?:开发区|园区)$/
const AUTONOMOUS = /^(.+)自治(区|州|县|旗)$/
const TRAILING_ETHNIC = new RegExp(`(?:${ETHNIC})族?$`)
const SUFFIX: Record<Division['level'], RegExp> = {
  province: /(?:省|市|特别行政区)$/,
  city: /(?:市|地区|盟)$/,
  county: /(?:县|区|市|旗|特区|林区)$/,
  township: /(?:镇|乡|街道|苏木|民族乡)$/,
}

/**
 * Short forms a person types for a full name, from most to least specific: 内蒙古自治区 -> 内蒙古,
 * 黔东南苗族侗族自治州 -> 黔东南州, 黔东南; 长阳土家族自治县 -> 长阳县, 长阳; 驻马店市 -> 驻马店;
 * 海拉尔区 -> 海拉尔. A one-character stem (唐县 -> 唐) is no short form: it would match everywhere.
 */
export function shortForms(name: string, level: Division['level']): string[] {
  const autonomous = name.includes('自治') ? AUTONOMOUS.exec(name) : null
  if (autonomous) {
    // Peel the nationalities off the end while two characters remain: 黔东南苗族侗族 -> 黔东南,
    // 新疆维吾尔 -> 新疆, but 内蒙古 stays (内 alone is no name) and 鄂温克族 -> 鄂温克.
    let stem = autonomous[1]!
    for (
      let peeled = stem.replace(TRAILING_ETHNIC, '');
      peeled !== stem && peeled.length >= 2;
      peeled = stem.replace(TRAILING_ETHNIC, '')
    )
      stem = peeled
    stem = stem.replace(/族$/, '')
    if (stem.length < 2) return []
    return level === 'province' ? [stem] : [stem + autonomous[2]!, stem]
  }
  const stem = name.replace(SUFFIX[level], '')
  return stem !== name && stem.length >= 2 ? [stem] : []
}

/** China's divisions by code, full name, former county name and short form (loaded once, on first use). */
export class Gazetteer {
  private readonly byCode = new Map<string, Division>()
  private readonly byName = new Map<string, Division[]>()
  private readonly byShort = new Map<string, Division[]>()
  /** County-level divisions by stem (徐水区 -> 徐水), for names no longer in use (徐水县). */
  private readonly byCountyStem = new Map<string, Division[]>()

  constructor(tsv: string) {
    for (const line of tsv.split('\n')) {
      if (line === '' || line.startsWith('#')) continue
      const tab = line.indexOf('\t')
      const code = line.slice(0, tab)
      const level = LEVELS[code.length]
      if (!level) continue
      const name = line.slice(tab + 1)
      // 经济开发区, 开发区, 城区 (15, 11 and 5 township-level units so named): a kind of place, never one asked.
      if (level === 'township' && (GENERIC.has(name) || ZONE.test(name))) continue
      const parent =
        this.byCode.get(code.slice(0, 6)) ?? this.byCode.get(code.slice(0, 4)) ?? this.byCode.get(code.slice(0, 2)) ?? null
      const division: Division = {
        code,
        name,
        level,
        parent: parent === null || parent.code === code ? null : parent,
      }
      this.byCode.set(code, division)
      push(this.byName, division.name, division)
      // A township's short form (河北镇 -> 河北) would shadow far bigger places: only indexed ones get theirs.
      if (level !== 'township') for (const form of shortForms(division.name, level)) push(this.byShort, form, division)
      if (level === 'county') push(this.byCountyStem, division.name.replace(SUFFIX.county, ''), division)
    }
  }

  get(code: string): Division | undefined {
    return this.byCode.get(code)
  }

  /**
   * Divisions of a full name. A county-level name the dataset no longer has finds the division
   * renamed from it (徐水县 -> 徐水区, 清苑县 -> 清苑区: 县改区 keeps the stem), unless `renamed` is false.
   */
  named(name: string, renamed = true): Division[] {
    const exact = this.byName.get(name)
    if (exact) return exact
    if (!renamed || !SUFFIX.county.test(name)) return []
    return this.byCountyStem.get(name.replace(SUFFIX.county, '')) ?? []
  }

  /** Divisions a short form stands for: 河北 -> 河北省; 吉林 -> 吉林省 and 吉林市. */
  shortNamed(form: string): Division[] {
    return this.byShort.get(form) ?? []
  }

  /** The division and its parents, outermost first: [河北省, 保定市, 满城区]. */
  chain(division: Division): Division[] {
    const chain: Division[] = []
    for (let d: Division | null = division; d; d = d.parent) chain.unshift(d)
    return chain
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

let loaded: Gazetteer | null = null

/** The gazetteer shipped with core (packages/core/data/divisions.tsv, made by scripts/build-gazetteer.mjs). */
export function gazetteer(): Gazetteer {
  loaded ??= new Gazetteer(readFileSync(new URL('../../data/divisions.tsv', import.meta.url), 'utf8'))
  return loaded
}
