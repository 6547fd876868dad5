import type { PlaceLevel } from '../types.ts'

/** The place of the State Council's reports, as answers and citations name it. */
export const NATIONAL = '全国'

/** Words that mean the whole country in a question: 全国, 我国, 中国, 国家 (not 国家级, 国家高新技术企业), 国务院. */
export const NATIONAL_WORDS =
  /全国(?!人大|政协|各地|平均|第[一二三四五六七八九十\d])|我国|中国(?!特色|式|共产党|人民银行|宜春)|国家(?!级|统计局|规定|标准|重点|战略|队|高新|科技|专精特新|知识产权|森林|卫生|园林|全域|文明|生态|农业|现代农业|示范|实验室|工程|技术|创新|[345]A|A{3,5})|国务院|中华人民共和国|全国人民/g

/** Regions people name as one (京津冀2024年GDP增速): the provinces they are. */
export const REGIONS: Record<string, string[]> = {
  京津冀: ['北京市', '天津市', '河北省'],
  长三角: ['上海市', '江苏省', '浙江省', '安徽省'],
  长江三角洲: ['上海市', '江苏省', '浙江省', '安徽省'],
  东北三省: ['辽宁省', '吉林省', '黑龙江省'],
  中部六省: ['山西省', '安徽省', '江西省', '河南省', '湖北省', '湖南省'],
}
export const REGION_WORDS = new RegExp(Object.keys(REGIONS).join('|'), 'g')

/** Administrative units in a string, outermost first: 呼伦贝尔市海拉尔区 -> [呼伦贝尔市, 海拉尔区]. */
export function placeUnits(text: string): string[] {
  return text.match(/[\p{Script=Han}a-zA-Z0-9]+?(?:自治区|自治州|自治县|自治旗|街道|镇|乡|县|区|市|省|旗|盟)/gu) ?? []
}

const PROVINCE_CITIES = new Set(['北京市', '上海市', '天津市', '重庆市'])
const PLACEHOLDER = /^(?:[XxＸｘ×某*＊]+|本|我|全|该|占|在|到|和|与|及|对|向|从|为|各|原|哪|外|每|此|其|这|那|一|两|几|多)/

/** A real place name: not a placeholder (XX镇), not a generic word (全镇, 乡镇, 城镇). */
export function isPlaceName(name: string): boolean {
  if (name.length < 2 || name.length > 16) return false
  if (PLACEHOLDER.test(name)) return false
  if (GENERIC.has(name) || NOT_A_PLACE.test(name)) return false
  return /^[\p{Script=Han}a-zA-Z0-9]+$/u.test(name)
}

const NOT_A_PLACE =
  /政府|网|产业|经济|开发|集聚|园林|社区|示范|强|小城镇|省级|国家|家级|和|代表|长|委|党|科教|个|条|为|北雄安|度假|旅游|库区|园区|景区|片区|城区|矿区|辖区|城市|文明|全国/

/** Words shaped like place names that name no place (全镇, 乡镇, 城镇, 开发区). */
export const GENERIC = new Set([
  '乡镇',
  '城镇',
  '集镇',
  '村镇',
  '小镇',
  '重镇',
  '强镇',
  '名镇',
  '各镇',
  '两镇',
  '本镇',
  '全镇',
  '我镇',
  '该镇',
  '建制镇',
  '特色小镇',
  '全县',
  '我县',
  '本县',
  '各县',
  '全区',
  '我区',
  '本区',
  '各区',
  '城区',
  '园区',
  '景区',
  '社区',
  '片区',
  '新区',
  '开发区',
  '示范区',
  '试验区',
  '保护区',
  '产业园区',
  '高新区',
  '功能区',
  '街区',
  '山区',
  '牧区',
  '林区',
  '库区',
  '矿区',
  '辖区',
  '市区',
  '老区',
  '灾区',
  '全市',
  '我市',
  '本市',
  '各市',
  '城市',
  '省市',
  '全省',
  '我省',
  '本省',
  '各省',
  '全乡',
  '我乡',
  '本乡',
  '各乡',
  '城乡',
  '下乡',
  '家乡',
  '返乡',
  '故乡',
  '街道',
  '各街道',
  '县区',
  '县市区',
  '市县',
  '区县',
  '地区',
  '省区',
  '省区市',
  '自治区',
  '民族自治区',
  '郊区',
  '东区',
  '西区',
  '南区',
  '北区',
  '中区',
  '县市',
  '县城',
  '省会',
  '市中',
])

/** The level a name's suffix suggests, for a place the gazetteer does not hold. */
export function levelOfName(name: string): PlaceLevel {
  if (name === NATIONAL) return 'national'
  if (PROVINCE_CITIES.has(name) || /省$|自治区$/.test(name)) return 'province'
  if (/镇$|乡$|街道$/.test(name)) return 'township'
  if (/市$|盟$|自治州$/.test(name)) return 'city'
  return 'county'
}

/** Place-like words that name a kind of place, not one (贫困县, 重点镇, 农村地区, 沿海省). */
const KIND_OF_PLACE =
  /^(?:贫困|重点|示范|百强|先进|试点|产粮大|农业|工业|山|牧|林|片|社|园|景|矿|辖|郊|老|灾|功能|开发|保护|试验|自贸|高新|保税|经济|产业|主城|中心|农村|城镇|城市|边境|民族|少数民族|革命老|欠发达|发达|沿海|内陆|东部|西部|中部|东北|周边|其他|所有|每个|哪个|那个|这个)(?:地区|县|区|市|镇|乡|省)$/

/** Nouns that end like a place name: 老旧小区, 上市, 超市, 集镇, 返乡, 兄弟省. */
const COMMON_NOUN =
  /(?:地|小|社|园|景|街|片|城|辖|矿|新|校|港|库|灾|山|牧|林|老|郊|市|县|厂|商|经济|工业|开发|示范|保护|试验|自贸|高新|保税|功能|湾|保留|安置|牧业)区$|(?:城|乡|集|村|小|重|强|名|特色小|建制)镇$|(?:城|下|返|家|故|回)乡$|(?:上|超|集|菜|夜|股|楼|都|城|门|花|鱼|早|闹|开|黑|互)市$|(?:外|兄弟|邻|沿海|人口大|农业大|经济大)省$/

/**
 * A word of `text` shaped like a place that is not one the caller recognised (abc镇, 幸福县): the
 * question asks about a place no report is from, and must not be answered as if it named none.
 * `text` is the question with the places, times and indicators already recognised blanked out.
 */
export function unknownPlaceIn(text: string): string | null {
  for (const segment of text.split(/[\s\p{P}]+/u)) {
    const unit = placeUnits(segment).find(
      (u) => segment.endsWith(u) || /^(?:的|有|在|是|去|今|明|前|上|全|\d)/.test(segment.slice(segment.indexOf(u) + u.length)),
    )
    if (unit && isPlaceName(unit) && !KIND_OF_PLACE.test(unit) && !COMMON_NOUN.test(unit)) return unit
  }
  return null
}
