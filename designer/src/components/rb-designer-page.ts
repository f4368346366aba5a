import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { TemplateDefinition } from '../../../core/index.js'
import type { TemplateVersion } from '../api/types.js'
import { appState, navigate } from '../app-state.js'
import { newTemplate } from '../designer/template-ops.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { pageStyles } from './page-styles.js'
import './rb-template-designer.js'

/**
 * The designer against the runtime: opens a template version (GET /template-versions/:id) or a
 * new template; save draft = POST /templates (new) or PUT /template-versions/:id with the
 * lockVersion read; send to testing / publish = POST /template-versions/:id/status.
 */
@customElement('rb-designer-page')
export class RbDesignerPage extends LitElement {
  static override styles = [pageStyles]
  /** 'new' or a template version id. */
  @property() versionId = 'new'
  @state() private version: TemplateVersion | undefined
  @state() private definition: TemplateDefinition = newTemplate()
  @state() private notice = ''
  @state() private error: string | undefined
  private readonly locale = new LocaleController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('versionId')) void this.load()
  }

  private async load(): Promise<void> {
    this.error = undefined
    this.notice = ''
    if (this.versionId === 'new') {
      this.version = undefined
      this.definition = newTemplate()
      return
    }
    try {
      this.version = await appState.api.getTemplateVersion(Number(this.versionId))
      this.definition = this.version.definition
    } catch (e) {
      this.error = (e as Error).message
    }
  }

  private async save(definition: TemplateDefinition): Promise<TemplateVersion | undefined> {
    try {
      const v =
        this.version === undefined
          ? await appState.api.createTemplate(definition)
          : await appState.api.updateTemplateVersion(this.version.id, definition, this.version.lockVersion)
      this.version = v
      this.notice = t('designer.saved')
      this.error = undefined
      if (this.versionId !== String(v.id)) navigate(`#/designer/${v.id}`)
      return v
    } catch (e) {
      this.error = (e as Error).message
      return undefined
    }
  }

  private async status(definition: TemplateDefinition, status: TemplateDefinition['status']): Promise<void> {
    const v = await this.save(definition)
    if (v === undefined) return
    try {
      this.version = await appState.api.setTemplateStatus(v.id, status)
      this.notice = t(`status.${status}`)
    } catch (e) {
      this.error = (e as Error).message
    }
  }

  override render(): unknown {
    void this.locale
    return html`${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <rb-template-designer
        .definition=${this.definition}
        .notice=${this.notice}
        @template-save=${(e: CustomEvent<{ definition: TemplateDefinition }>) => void this.save(e.detail.definition)}
        @template-status=${(e: CustomEvent<{ definition: TemplateDefinition; status: TemplateDefinition['status'] }>) =>
          void this.status(e.detail.definition, e.detail.status)}
      ></rb-template-designer>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-designer-page': RbDesignerPage
  }
}
