import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { LOCALE_EVENT } from './i18n.js'

/** Re-renders its host when the language is switched. */
export class LocaleController implements ReactiveController {
  private readonly onChange = (): void => this.host.requestUpdate()

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {
    window.addEventListener(LOCALE_EVENT, this.onChange)
  }

  hostDisconnected(): void {
    window.removeEventListener(LOCALE_EVENT, this.onChange)
  }
}
