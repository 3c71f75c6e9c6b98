// <self-check>: a question with fresh random shapes, the learner's answer checked against what the
// kernels compute, and the explanation after. The chapter supplies `generate(engine, random)`,
// which returns
//   {question: {zh, en}, answer: number | number[] (a shape), unit?: 'count' | 'shape' | 'number',
//    tolerance?: number (for unit 'number'), explain: {zh, en}}
// where `answer` must come from the engine (a plan's statCount, a module's parameter shapes, ...).
// The answer is read by model/answer.js (parseAnswer, parseCount), the question drawn from its
// seeded stream (makeRandom).
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { t, formatNumber } from '../../i18n.js';
import { parseNumber } from '../../model/parse.js';
import { formatShape } from '../../model/shape.js';
import {
  parseAnswer,
  parseCount,
  withoutThousandsSeparators,
  makeRandom,
} from '../../model/answer.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';

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

  static styles = styles;

  #engine = new EngineController(this, {
    onReady: () => {
      if (!this.question) this.newQuestion();
    },
  });

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

  /** The engine, once loaded (null before). */
  get engine() {
    return this.#engine.value;
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
