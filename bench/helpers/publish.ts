import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { Session } from './session.js'

/** Creates a template through the API and moves it draft -> testing -> published; returns the version id. */
export async function publishTemplate(
  designer: Session,
  definition: TemplateDefinition,
): Promise<number> {
  const { id } = await designer.json<{ id: number }>('POST', '/templates', { definition }, 201)
  for (const status of ['testing', 'published'])
    await designer.json('POST', `/template-versions/${id}/status`, { status })
  return id
}
