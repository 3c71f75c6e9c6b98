// <self-check>: a question with fresh random shapes, the learner's answer checked against what the
// kernels compute, and the explanation after. The chapter supplies `generate(engine, random)`,
// which returns
//   {question: {zh, en}, answer: number | number[] (a shape), unit?: 'count' | 'shape' | 'number',
//    tolerance?: number (for unit 'number'), explain: {zh, en}}
// where `answer` must come from the engine (a plan's statCount, a module's parameter shapes, ...).
import { hostStyle } from './host-style.js';
import { formControls } from './lib/controls-style.js';
import { LitElement, html, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { getEngine } from '../engine/shared.js';
import { t, formatNumber } from '../i18n.js';
import { parseNumber } from '../model/parse.js';
import { formatShape } from '../model/shape.js';
import { xorshift, randomSource } from '../model/rng.js';

const TEXT = {
  heading: { zh: '自测', en: 'Self-check' },
  answer: { zh: '你的答案', en: 'Your answer' },
  check: { zh: '检查', en: 'Check' },
  next: { zh: '换一题', en: 'New question' },
  right: { zh: '正确！', en: 'Correct!' },
  wrong: { zh: '不对。', en: 'Not quite.' },
  want: { zh: '内核算出的答案：', en: 'The kernels’ answer: ' },
  notNumber: { zh: '请输入一个数', en: 'Type a number' },
  unreadable: {
    zh: '请输入一个整数，或一个形状，例如 (3,) 或 3, 4',
    en: 'Type a whole number, or a shape such as (3,) or 3, 4',
  },
};

/** "(4,)", "[3, 4]", "3 x 4", "torch.Size([3, 4])", "12" -> numbers; null when unreadable. */
export function parseAnswer(text) {
  const s = String(text)
    .replace(/torch\.Size/g, '')
    .replace(/[()[\]\s]/g, ' ')
    .trim();
  if (!s) return null;
  const parts = s.split(/[ ,，x×*]+/).filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}

// a whole number written with thousands separators: "3,072", "3 072", "3，072", "12_288" (one
// separator throughout, groups of three digits)
const GROUPED = /^([+\-−]?\d{1,3})([,，_\s])\d{3}(?:\2\d{3})*(\.\d+)?$/;

/** "3,072", "3 072", "3，072" -> the number without its separators; anything else unchanged. */
export function withoutThousandsSeparators(text) {
  const s = String(text).trim();
  const m = GROUPED.exec(s);
  return m ? s.split(m[2]).join('') : s;
}

/** A count as the learner may write it: "12", "3,072", "3 072", "3，072", "(12,)"; else null. */
export function parseCount(text) {
  const s = withoutThousandsSeparators(text);
  if (/^\d+$/.test(s)) return [Number(s)];
  const got = parseAnswer(s);
  return got && got.length === 1 ? got : null;
}

/** A small seeded generator, so a question can be replayed from its seed (zero seeds stand for 1). */
export const makeRandom = (seed) => randomSource(xorshift(seed, 1));

export class SelfCheck extends LitElement {
  static properties = {
    lang: { type: String },
    generate: { attribute: false },
    seed: { type: Number },
    question: { state: true },
    reply: { state: true },
    verdict: { state: true },
    error: { state: true },
  };

  static styles = [
    hostStyle,
    formControls,
    css`
      :host {
        display: block;
        margin: 1.2em 0;
        padding: 0.8em 1em;
        border: 1px solid var(--nl-border, #c8cdd6);
        border-left: 4px solid var(--nl-accent, #1f5fcc);
        border-radius: 6px;
      }
      h3 {
        margin: 0 0 0.4em;
        font-size: 1em;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
        margin: 0.5em 0;
      }
      .right {
        color: var(--nl-ok, #1b7f3b);
        font-weight: 600;
      }
      .wrong,
      .error {
        color: var(--nl-error, #b3261e);
        font-weight: 600;
      }
      .explain {
        margin: 0.4em 0 0;
      }
    `,
  ];

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.generate = null;
    this.seed = 0;
    this.question = null;
    this.reply = '';
    this.verdict = null;
    this.error = '';
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    if (!this.question) this.newQuestion();
  }

  updated(changed) {
    if (changed.has('generate') && this.engine && this.generate && !this.question)
      this.newQuestion();
  }

  newQuestion() {
    if (!this.generate || !this.engine) return;
    const seed = this.seed || (Math.random() * 2 ** 32) >>> 0;
    this.seed = 0;
    this.question = this.generate(this.engine, makeRandom(seed));
    this.reply = '';
    this.verdict = null;
    this.error = '';
  }

  #check(event) {
    event.preventDefault();
    if (this.question.unit === 'number') {
      const v = parseNumber(withoutThousandsSeparators(this.reply));
      if (v === null) {
        this.error = t(this.lang, TEXT.notNumber);
        this.verdict = null;
        return;
      }
      this.error = '';
      const tol = this.question.tolerance ?? 1e-3;
      this.verdict = Math.abs(v - this.question.answer) <= tol ? 'right' : 'wrong';
      return;
    }
    // a count is one number, so "3,072" is 3072 there; a shape keeps its commas: (3, 72)
    // (a shape typed for a count, "3 x 4", is read as one and marked wrong, as for any answer)
    const got =
      this.question.unit === 'count'
        ? (parseCount(this.reply) ?? parseAnswer(this.reply))
        : parseAnswer(this.reply);
    if (!got) {
      this.error = t(this.lang, TEXT.unreadable);
      this.verdict = null;
      return;
    }
    this.error = '';
    const want = [this.question.answer].flat();
    this.verdict =
      got.length === want.length && got.every((v, i) => v === want[i]) ? 'right' : 'wrong';
  }

  render() {
    const lang = this.lang;
    const q = this.question;
    if (!q) return html`<h3>${t(lang, TEXT.heading)}</h3>`;
    const want = Array.isArray(q.answer)
      ? formatShape(q.answer)
      : q.unit === 'number'
        ? formatNumber(q.answer)
        : String(q.answer);
    return html`<h3>${t(lang, TEXT.heading)}</h3>
      <p class="question">${t(lang, q.question)}</p>
      <form class="row" @submit=${this.#check}>
        <label
          >${t(lang, TEXT.answer)}
          <input
            name="answer"
            autocomplete="off"
            .value=${this.reply}
            @input=${(e) => (this.reply = e.target.value)}
            aria-invalid=${this.error ? 'true' : 'false'}
        /></label>
        <button type="submit">${t(lang, TEXT.check)}</button>
        <button type="button" @click=${() => this.newQuestion()}>${t(lang, TEXT.next)}</button>
      </form>
      <div aria-live="polite">
        ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
        ${
          this.verdict
            ? html`<p class=${this.verdict}>
                  ${t(lang, this.verdict === 'right' ? TEXT.right : TEXT.wrong)}
                  ${t(lang, TEXT.want)}<strong>${want}</strong>
                </p>
                <p class="explain">${t(lang, q.explain)}</p>`
            : nothing
        }
      </div>`;
  }
}

customElements.define('self-check', SelfCheck);
