import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { TemplateDefinition } from '../../../core/index.js'
import { ApiError } from '../api/client.js'
import type { TemplateVersion } from '../api/types.js'
import { appState, navigate } from '../app-state.js'
import { newTemplate } from '../designer/template-ops.js'
import { nextVersion } from '../designer/version-label.js'
import { t } from '../i18n/i18n.js'
import { LocaleController } from '../i18n/locale-controller.js'
import { pageStyles } from './page-styles.js'
import './rb-template-designer.js'

/**
 * The designer against the runtime: opens a template version (GET /template-versions/:id) or a
 * new template; save draft = POST /templates (new) or PUT /template-versions/:id with the
 * lockVersion read; send to testing / publish = POST /template-versions/:id/status.
 * A published or retired version never changes: opening one edits its successor, which the
 * first save creates as a new draft (POST /templates/:id/versions).
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
  /** The version asked for could not be opened: no editor, so nothing is saved in its name. */
  @state() private missing = false
  /** The immutable version the definition being edited was copied from, until it is saved. */
  @state() private basedOn: TemplateVersion | undefined
  private readonly locale = new LocaleController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('versionId')) void this.load()
  }

  private async load(): Promise<void> {
    this.error = undefined
    this.notice = ''
    this.basedOn = undefined
    this.missing = false
    if (this.versionId === 'new') {
      this.version = undefined
      this.definition = newTemplate()
      return
    }
    try {
      const v = await appState.api.getTemplateVersion(Number(this.versionId))
      this.version = v
      if (isImmutable(v)) await this.editSuccessor(v)
      else this.definition = v.definition
    } catch (e) {
      this.version = undefined
      this.missing = true
      this.error =
        e instanceof ApiError && (e.status === 404 || e.status === 400)
          ? t('designer.notFound', { id: this.versionId })
          : (e as Error).message
    }
  }

  /** Edits a copy of an immutable version, labelled with a version number the template lacks. */
  private async editSuccessor(v: TemplateVersion): Promise<void> {
    const list = await appState.api.listTemplates({ q: v.code }).catch(() => ({ items: [] }))
    const taken =
      list.items.find((i) => i.id === v.templateId)?.versions?.map((x) => x.version) ?? []
    this.basedOn = v
    this.definition = { ...v.definition, status: 'draft', version: nextVersion(v.version, taken) }
  }

  private async save(definition: TemplateDefinition): Promise<TemplateVersion | undefined> {
    try {
      const v =
        this.basedOn !== undefined
          ? await appState.api.createTemplateVersion(this.basedOn.templateId, definition)
          : this.version === undefined
            ? await appState.api.createTemplate(definition)
            : await appState.api.updateTemplateVersion(
                this.version.id,
                definition,
                this.version.lockVersion,
              )
      const created = this.basedOn !== undefined
      this.version = v
      this.basedOn = undefined
      this.notice = created
        ? t('designer.versionCreated', { version: v.version })
        : t('designer.saved')
      this.error = undefined
      if (this.versionId !== String(v.id)) navigate(`#/designer/${v.id}`)
      return v
    } catch (e) {
      this.error = (e as Error).message
      return undefined
    }
  }

  private async status(
    definition: TemplateDefinition,
    status: TemplateDefinition['status'],
  ): Promise<void> {
    const v = await this.save(definition)
    if (v === undefined) return
    try {
      this.version = await appState.api.setTemplateStatus(v.id, status)
      this.notice = t(`status.${status}`)
      // Further edits must not try to change what was just published.
      if (isImmutable(this.version)) await this.editSuccessor(this.version)
    } catch (e) {
      this.error = (e as Error).message
    }
  }

  override render(): unknown {
    void this.locale
    const b = this.basedOn
    if (this.missing)
      return html`<p class="error" role="alert">${this.error}</p>
        <p><a href="#/templates">${t('nav.templates')}</a></p>`
    return html`${this.error !== undefined ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        b === undefined
          ? nothing
          : html`<p class="card" role="status" data-role="new-version">
              ${t('designer.immutableVersion', {
                version: b.version,
                status: t(`status.${b.status}`),
                next: this.definition.version,
              })}
            </p>`
      }
      <rb-template-designer
        .definition=${this.definition}
        .notice=${this.notice}
        @template-save=${(e: CustomEvent<{ definition: TemplateDefinition }>) => void this.save(e.detail.definition)}
        @template-status=${(
          e: CustomEvent<{ definition: TemplateDefinition; status: TemplateDefinition['status'] }>,
        ) => void this.status(e.detail.definition, e.detail.status)}
      ></rb-template-designer>`
  }
}

function isImmutable(v: TemplateVersion): boolean {
  return v.status === 'published' || v.status === 'retired'
}

declare global {
  interface HTMLElementTagNameMap {
    'rb-designer-page': RbDesignerPage
  }
}
