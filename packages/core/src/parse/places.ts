import type { PlaceLevel } from '../types.ts'

/** Administrative units in a string, outermost first: 呼伦贝尔市海拉尔区 -> [呼伦贝尔市, 海拉尔区]. */
export function placeUnits(text: string): string[] {
  return text.match(/\p{Script=Han}+?(?:自治区|自治州|自治县|自治旗|街道|镇|乡|县|区|市|省|旗|盟)/gu) ?? []
}

const PROVINCE_CITIES = new Set(['北京市', '上海市', '天津市', '重庆市'])
const PLACEHOLDER = /^(?:[XxＸｘ×某*＊]+|本|我|全|该|占|在|到|和|与|及|对|向|从|为|各|原)/

/** A real place name: not a placeholder (XX镇), not a generic word (全镇, 乡镇, 城镇). */
export function isPlaceName(name: string): boolean {
  if (name.length < 2 || name.length > 12) return false
  if (PLACEHOLDER.test(name)) return false
  if (GENERIC.has(name) || NOT_A_PLACE.test(name)) return false
  return /^\p{Script=Han}+$/u.test(name)
}

const NOT_A_PLACE = /政府|网|产业|经济|开发|集聚|园林|新区|社区|示范|强|小城镇|省级|国家|家级|和|代表|长|委|党|科教|个|条|为|北雄安|度假|旅游|库区|园区|景区|片区|城区|矿区|辖区|城市|文明|全国/

const GENERIC = new Set([
  '乡镇', '城镇', '集镇', '村镇', '小镇', '重镇', '强镇', '名镇', '各镇', '两镇', '本镇', '全镇', '我镇', '该镇', '建制镇', '特色小镇',
  '全县', '我县', '本县', '各县', '全区', '我区', '本区', '各区', '城区', '园区', '景区', '社区', '片区', '新区', '开发区', '示范区',
  '试验区', '保护区', '产业园区', '高新区', '功能区', '街区', '山区', '牧区', '林区', '库区', '矿区', '辖区', '市区', '老区', '灾区',
  '全市', '我市', '本市', '各市', '城市', '省市', '全省', '我省', '本省', '各省', '全乡', '我乡', '本乡', '各乡', '城乡', '下乡',
  '家乡', '返乡', '故乡', '街道', '各街道', '县区', '县市区', '市县', '区县', '地区', '省区', '省区市', '自治区', '民族自治区',
])

export function placeLevel(name: string): PlaceLevel {
  if (name === '全国') return 'national'
  if (PROVINCE_CITIES.has(name) || /省$|自治区$/.test(name)) return 'province'
  if (/镇$|乡$|街道$/.test(name)) return 'township'
  if (/市$|盟$|自治州$/.test(name)) return 'city'
  return 'county'
}

/** Short forms a person may type: 牛塘镇 -> 牛塘, 宁夏回族自治区 -> 宁夏, 河北省 -> 河北. */
export function placeAliases(name: string): string[] {
  const aliases = [name]
  const autonomous = /^(.{2,3}?)(?:回族|维吾尔|壮族|藏族|蒙古族)?自治区$/.exec(name)
  if (autonomous) aliases.push(autonomous[1]!)
  else {
    const stem = name.replace(/(?:街道|镇|乡|县|区|市|省|旗)$/, '')
    // One-character stems (唐县 -> 唐) would match everywhere.
    if (stem.length >= 2 && stem !== name) aliases.push(stem)
  }
  return aliases
}
