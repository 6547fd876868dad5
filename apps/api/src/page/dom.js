/* The page's DOM helpers: elements, figures emphasised, dates as people write them. */
/* global document */
/* exported el, unique, emphasised, chineseDate */

/** A figure: a number with its unit (21.95亿元, 13%, 60余家次), not a year or a date. */
const FIGURE =
  /\d+(?:\.\d+)?(?:余|多)?(?:[万亿千百]*(?:美元|元|吨|公斤|斤|亩|户|人次|人|个百分点|百分点|个|家次|家|项|公里|千米|平方米|平方公里|立方米|千瓦时|辆|台|座|所|套|间|张|件|份|头|只|倍|次|天|场|批|条|处|名|位|篇|宗|例)|%|‰|[万亿])/g

function el(tag, attrs, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value)
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child)
  return node
}

const unique = (values) => [...new Set(values)]

/** Text with its figures in <strong>. */
function emphasised(text) {
  const nodes = []
  let last = 0
  for (const match of text.matchAll(FIGURE)) {
    nodes.push(text.slice(last, match.index), el('strong', {}, match[0]))
    last = match.index + match[0].length
  }
  nodes.push(text.slice(last))
  return nodes
}

/** 2022-07-14 -> 2022年7月14日; 2022-07 -> 2022年7月. */
function chineseDate(iso) {
  const [year, month, day] = (iso || '').split('-').map(Number)
  if (!year) return null
  return `${year}年` + (month ? `${month}月` : '') + (day ? `${day}日` : '')
}
