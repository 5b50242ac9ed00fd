/** What an image generator left in PNG text chunks. */
export type PngTextProvenance = {
  aiSystem: string
  prompt?: string
}

const MAX_TEXT = 256 * 1024

const parseJson = (text: string): unknown => {
  if (text.length > MAX_TEXT) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** ComfyUI's `prompt` chunk: the node graph as run; the checkpoint names the model. */
const fromComfyGraph = (graph: unknown): { model?: string; prompt?: string } => {
  if (!graph || typeof graph !== 'object') return {}
  let model: string | undefined
  let prompt: string | undefined
  for (const node of Object.values(graph as Record<string, unknown>)) {
    const { class_type: type, inputs } = (node ?? {}) as {
      class_type?: unknown
      inputs?: Record<string, unknown>
    }
    if (typeof type !== 'string' || !inputs) continue
    if (!model && typeof inputs.ckpt_name === 'string') model = inputs.ckpt_name
    if (!model && typeof inputs.unet_name === 'string') model = inputs.unet_name
    if (!prompt && /TextEncode/.test(type) && typeof inputs.text === 'string') prompt = inputs.text
  }
  return { model, prompt }
}

/**
 * Reads generator marks from PNG text chunks (`sharp().metadata().comments`):
 * AUTOMATIC1111/Forge `parameters` (prompt, then a `Steps: …, Model: …` line), ComfyUI `prompt` and
 * `workflow`, and a `Software` chunk naming the generator (e.g. NovelAI).
 */
export const readPngText = (
  comments: Array<{ keyword: string; text: string }> | undefined,
): PngTextProvenance | undefined => {
  if (!comments?.length) return undefined
  const chunk = (keyword: string) =>
    comments.find((c) => c.keyword.toLowerCase() === keyword.toLowerCase())?.text
  const parameters = chunk('parameters')
  if (parameters) {
    const settingsLine = parameters.split('\n').find((line) => /(^|, )Steps: /.test(line))
    const setting = (name: string) =>
      settingsLine?.match(new RegExp(`(?:^|, )${name}: ([^,]+)`))?.[1]?.trim()
    const model = setting('Model')
    const version = setting('Version')
    const tool = version?.startsWith('f')
      ? 'Stable Diffusion WebUI Forge'
      : 'Stable Diffusion WebUI'
    const promptEnd = parameters.search(/\n(Negative prompt: |Steps: )/)
    return {
      aiSystem: model ? `${tool} (${model})` : tool,
      prompt: (promptEnd < 0 ? parameters : parameters.slice(0, promptEnd)).trim() || undefined,
    }
  }
  const comfyPrompt = chunk('prompt')
  const workflow = chunk('workflow')
  if (comfyPrompt || workflow) {
    const { model, prompt } = fromComfyGraph(comfyPrompt ? parseJson(comfyPrompt) : undefined)
    return { aiSystem: model ? `ComfyUI (${model})` : 'ComfyUI', prompt }
  }
  const software = chunk('Software')
  const description = chunk('Description')
  if (
    software &&
    /novelai|midjourney|stable diffusion|dall.?e|firefly|imagen|flux/i.test(software)
  ) {
    return { aiSystem: software.slice(0, 200), prompt: description }
  }
  return undefined
}
