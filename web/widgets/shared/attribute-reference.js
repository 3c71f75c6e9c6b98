// The attribute reference of a widget, read from the widget itself: its Lit properties (which
// attributes it reads, and the defaults its constructor sets) and the codecs its HashStateController
// checks them with (type and range). docs.html prints it, so the reference cannot drift from the
// code.
import { LANGUAGES } from '../../i18n.js';

const FLAG = {
  zh: '开关（写上即开；值为 false、0、no、off 时关）',
  en: 'flag (present = on; "false", "0", "no", "off" = off)',
};
const TEXT_TYPE = { zh: '文本', en: 'text' };
const NUMBER_TYPE = { zh: '数', en: 'number' };
const NONE = '—';

/** Extra words for the attributes every widget shares. */
const SHARED = {
  lang: { type: { zh: '取值之一', en: 'one of' }, range: LANGUAGES.join(' | ') },
  'state-key': {
    type: TEXT_TYPE,
    range: {
      zh: '它在页面链接（URL hash）里的条目前缀',
      en: 'prefix of its entries in the URL hash',
    },
  },
};

function defaultText(value, codec) {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  let text;
  try {
    text = codec ? codec.format(value) : Array.isArray(value) ? value.join(',') : String(value);
  } catch {
    text = String(value);
  }
  if (text === '') return '""';
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/**
 * [{name, type, range, default, checked}] for every attribute of `tag` (a defined NormLab widget);
 * type and range are {zh, en} pairs or plain text.
 */
export function attributeReference(tag) {
  // a Lit element's class: its declared properties, and the schema its HashStateController records
  const ctor =
    /** @type {CustomElementConstructor & {stateSchema?: any, elementProperties: Map<string, any>}} */ (
      customElements.get(tag)
    );
  if (!ctor) return [];
  // constructed, never connected: its defaults, and its controller records the schema
  const probe = document.createElement(tag);
  const schema = ctor.stateSchema ?? { hash: {}, attributes: new Map() };
  const rows = [];
  for (const [prop, options] of ctor.elementProperties) {
    if (options.state || options.attribute === false) continue;
    const name = typeof options.attribute === 'string' ? options.attribute : prop.toLowerCase();
    const checked = schema.attributes.get(prop)?.codec;
    const described = (checked ?? schema.hash[prop])?.describe ?? SHARED[name];
    let type = options.type === Number ? NUMBER_TYPE : TEXT_TYPE;
    let range = NONE;
    if (options.type === Boolean) type = FLAG;
    else if (described) ({ type, range } = described);
    rows.push({
      name,
      type,
      range,
      default: defaultText(probe[prop], checked),
      checked: !!checked,
    });
  }
  rows.push({
    name: 'theme',
    type: { zh: '取值之一', en: 'one of' },
    range: 'light | dark',
    default: { zh: '跟随读者系统', en: 'the reader’s system' },
    checked: false,
  });
  return rows;
}
