import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bundledFolders, describeBundled } from './bundled-plugins.js'

/** A product folder with three plugin folders: one that loads, one that throws, one that exports nothing. */
const root = mkdtempSync(path.join(tmpdir(), 'rb-bundled-'))
function plugin(name: string, source: string): void {
  mkdirSync(path.join(root, 'plugins', name), { recursive: true })
  writeFileSync(path.join(root, 'plugins', name, 'index.js'), source)
}
plugin(
  'vd-tot',
  `export default { id: 'vd-tot', version: '2.1.0', coreApi: '^0.1.0', name: 'Ví dụ',
     templates: [{ code: 'VD-01', version: '1.0', name: 'Biểu 01', status: 'published', periodType: 'quarter' }],
     catalogs: [{ id: 'ds', version: '1.0', name: 'Danh sách', indicators: [] }] }`,
)
plugin('vd-loi', `throw new Error('cú pháp sai ở dòng 3')`)
plugin('vd-rong', `export const x = 1`)
writeFileSync(path.join(root, 'plugins', 'README.md'), 'not a plugin')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('describeBundled', () => {
  it('lists the plugin folders only, sorted', async () => {
    expect(await bundledFolders(root)).toEqual(['vd-loi', 'vd-rong', 'vd-tot'])
    expect(await bundledFolders(path.join(root, 'missing'))).toEqual([])
  })

  it('describes a plugin that loads and names the error of those that do not', async () => {
    const [broken, empty, good] = await describeBundled(root)
    expect(good).toEqual({
      folder: 'vd-tot',
      id: 'vd-tot',
      version: '2.1.0',
      name: 'Ví dụ',
      forms: [
        {
          code: 'VD-01',
          version: '1.0',
          name: 'Biểu 01',
          status: 'published',
          periodType: 'quarter',
        },
      ],
      catalogs: ['ds@1.0'],
    })
    expect(broken).toMatchObject({ folder: 'vd-loi', id: null, forms: [] })
    expect(broken!.error).toMatch(/cú pháp sai ở dòng 3/)
    expect(empty!.error).toMatch(/does not export a plugin/)
  })
})
