import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { RevisionSignature, SignatureVerification } from '../api/signature-types.js'
import { appState } from '../app-state.js'
import { dateTimeText } from '../i18n/date-text.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'

/**
 * Who signed an approved revision, when, and whether the signature still verifies against the
 * stored content and the CA (GET /instances/:id/revisions/:no, GET /revisions/:id/signatures/verify).
 * A revision approved again after a return has several signatures: the latest is the one that holds.
 */
@customElement('rb-signature-status')
export class RbSignatureStatus extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 0.8rem 0;
    }
    section {
      border: 1px solid #c9d6e6;
      border-radius: 6px;
      padding: 0.5rem 0.8rem;
      background: #f7fafd;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.3rem;
    }
    p {
      margin: 0.2rem 0;
    }
    .valid {
      color: #1b6b2f;
      font-weight: 600;
    }
    .invalid {
      color: #b00020;
      font-weight: 600;
    }
    .muted {
      color: #555;
    }
  `

  @property({ type: Number }) instanceId = 0
  @property({ type: Number }) revisionId = 0
  @property({ type: Number }) revisionNo = 0
  @state() private signatures: RevisionSignature[] | undefined
  @state() private check: SignatureVerification | undefined
  @state() private error: string | undefined
  private readonly locale = new LocaleController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('revisionId') && this.revisionId > 0) void this.load()
  }

  private async load(): Promise<void> {
    const revisionId = this.revisionId
    this.error = undefined
    try {
      const [signatures, check] = await Promise.all([
        appState.api.revisionSignatures(this.instanceId, this.revisionNo),
        appState.api.verifySignatures(revisionId),
      ])
      // A later revision was asked for while this one loaded.
      if (revisionId !== this.revisionId) return
      this.signatures = signatures
      this.check = check
    } catch (e) {
      this.error = t('signature.loadFailed', { message: (e as Error).message })
    }
  }

  override render(): unknown {
    void this.locale
    const latest = this.signatures?.at(-1)
    const c = this.check
    const checked = c?.signatures.at(-1)
    return html`<section aria-labelledby="signature-title" data-role="signature">
      <h2 id="signature-title">${t('signature.title')}</h2>
      ${this.error !== undefined ? html`<p class="invalid" role="alert">${this.error}</p>` : nothing}
      ${
        c === undefined
          ? this.error === undefined
            ? html`<p class="muted">${t('common.loading')}</p>`
            : nothing
          : !c.signed || latest === undefined
            ? html`<p class="invalid" data-valid="false">${t('signature.none')}</p>`
            : html`<p data-role="signer">
                  ${t('signature.by', { signer: latest.signer, time: dateTimeText(latest.signedAt) })}
                </p>
                ${checked?.signer !== undefined ? html`<p class="muted">${t('signature.certificate', { subject: checked.signer })}</p>` : nothing}
                <p
                  role="status"
                  data-valid=${c.valid ? 'true' : 'false'}
                  class=${c.valid ? 'valid' : 'invalid'}
                >
                  ${c.valid ? t('signature.valid') : t('signature.invalid', { reason: checked?.reason ?? '' })}
                </p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-signature-status': RbSignatureStatus
  }
}
